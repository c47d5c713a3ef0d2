import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

// Errors of the FHIR facade are OperationOutcomes whose `expression` names the faulty element
// (`Patient.birthDate`) or search parameter, so a client can point at it like a form does.

export type IssueCode = OperationOutcomeIssue['code'];
export type Issue = { code: IssueCode; message: string; expression?: string; severity?: 'error' | 'warning' };

export const issue = (code: IssueCode, message: string, expression?: string): Issue => ({
  code,
  message,
  ...(expression ? { expression } : {}),
});

export function operationOutcome(issues: readonly Issue[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: i.severity ?? 'error',
      code: i.code,
      diagnostics: i.message,
      ...(i.expression ? { expression: [i.expression] } : {}),
    })),
  };
}

/** Zod issue paths (`['address', 0]`) turned into our field names (`address[0]`). */
export function fieldOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}
