import { AppError, type ErrorCode } from '../../../platform/errors.js';
import type { Issue } from '../domain/outcome.js';

// FHIR errors are AppErrors (the one error type) carrying their OperationOutcome issues in
// `details`; `unprocessable` marks a resource that was read but breaks a rule (HTTP 422).

export function fhirError(code: ErrorCode, issues: Issue[], opts: { unprocessable?: boolean } = {}): AppError {
  return new AppError(
    code,
    issues
      .map((i) => i.message)
      .join('; ')
      .slice(0, 500),
    {
      details: { issues, ...(opts.unprocessable ? { unprocessable: true } : {}) },
    },
  );
}

export const issuesOf = (err: AppError): Issue[] | undefined => err.details?.issues as Issue[] | undefined;

/**
 * A refusal from another module's service (field errors in our REST names) restated with the
 * FHIR elements those fields came from.
 */
export function restated(err: unknown, elements: Record<string, string>, type: string): unknown {
  if (!(err instanceof AppError) || err.code !== 'validation' || issuesOf(err)) return err;
  const fields = err.errors ?? [];
  const issues: Issue[] =
    fields.length > 0
      ? fields.map((f) => {
          const top = f.field.split(/[.[]/)[0] ?? f.field;
          const element = elements[top] ?? `${type}`;
          return { code: 'business-rule' as const, message: `${element}: ${f.message}`, expression: element };
        })
      : [{ code: 'business-rule' as const, message: err.message, expression: type }];
  return fhirError('validation', issues, { unprocessable: true });
}
