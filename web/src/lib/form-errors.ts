import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { ApiError, normalizeField } from './api-client';

// Field messages keyed by JSON property name (`email`, `roles`, `newPassword`), whether they
// come from the contract's zod schema in the browser or from the server's problem `errors[]`.

export type FieldErrors = Record<string, string>;

/** Plain-language defaults for zod issues that have no message of their own in the contract. */
function friendlyMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? 'Required' : `Must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return issue.minimum === 1 ? 'Choose at least one' : `Choose at least ${issue.minimum}`;
      return `Must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `Must be at most ${issue.maximum} characters`;
      return `Must be at most ${issue.maximum}`;
    case 'invalid_format':
      if (issue.format === 'email') return 'Enter a valid email address';
      if (issue.format === 'uuid') return 'Enter a valid ID (a UUID)';
      if (issue.format === 'date') return 'Enter a date as YYYY-MM-DD';
      return 'Invalid format';
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? 'Required' : 'Invalid value';
    case 'invalid_value':
      return 'Choose one of the options';
    default:
      return undefined;
  }
}

/**
 * Contract and server messages are written to follow a field name ("must be at least 12
 * characters", "is incorrect"); under an input they read better as a sentence.
 */
export function asSentence(message: string): string {
  const m = message.trim();
  if (/^(is|are) /.test(m)) return `This ${m}`;
  return m.charAt(0).toUpperCase() + m.slice(1);
}

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Validates with a contract schema; the first message per top-level field wins. */
export function validate<S extends z.ZodType>(schema: S, values: unknown): Validation<z.output<S>> {
  const result = schema.safeParse(values, { error: friendlyMessage });
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? normalizeField(issue.path.map(String).join('.')) : '_form';
    errors[key] ??= asSentence(issue.message);
  }
  return { ok: false, errors };
}

/** Field messages of a server problem, plus `_form` for messages naming no known field. */
export function apiFieldErrors(error: unknown, knownFields: readonly string[] = []): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const errors: FieldErrors = {};
  for (const e of error.fieldErrors) {
    const key = normalizeField(e.field);
    const target = knownFields.length === 0 || knownFields.includes(key) ? key : '_form';
    const message = asSentence(e.message);
    errors[target] = errors[target] ? `${errors[target]}; ${message}` : message;
  }
  return errors;
}

/** State for a form's field messages: set from validation or from a failed request. */
export function useFieldErrors(knownFields: readonly string[]) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const fromError = (error: unknown) => setErrors(apiFieldErrors(error, knownFields));
  const clearField = useCallback(
    (field: string) =>
      setErrors((prev) => {
        if (!(field in prev)) return prev;
        const { [field]: _removed, ...rest } = prev;
        return rest;
      }),
    [],
  );
  return { errors, setErrors, fromError, clearField, reset: () => setErrors({}), known: knownFields };
}
