import type { FieldError } from '@clinicops/contracts';
import { ApiError } from '../../lib/api-client';
import { asSentence } from '../../lib/form-errors';

/**
 * The input a server field error belongs under: `procedures[1].modifiers[0]` is shown under the
 * modifiers input of procedure 2, `diagnoses[0].code` under diagnosis 1's code. zod's dotted paths
 * (`procedures.1.units`) are read the same way.
 */
export function inputKeyOf(field: string): string {
  const bracketed = field.replace(/^\/?(body[./])?/, '').replace(/[./](\d+)(?=\.|$|\[)/g, '[$1]');
  return bracketed.replace(/\.(modifiers|diagnosisPointers)\[\d+\]$/, '.$1');
}

/** Messages per input key; several messages for one input are joined. */
export function encounterFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of error.fieldErrors as FieldError[]) {
    const key = inputKeyOf(e.field);
    const m = asSentence(e.message);
    out[key] = out[key] ? `${out[key]}; ${m}` : m;
  }
  return out;
}
