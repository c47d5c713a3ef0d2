import type { FieldErrors } from '../../lib/form-errors';

const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The contract rejects "1984-02-30" as a malformed date; the person typed the right shape, so
 * tell them the day does not exist instead of repeating the format.
 */
export function explainDates(errors: FieldErrors, values: Record<string, unknown>, keys: readonly string[]): FieldErrors {
  const out = { ...errors };
  for (const key of keys) {
    const value = values[key];
    if (out[key] && typeof value === 'string' && ISO_SHAPE.test(value.trim())) out[key] = 'This date does not exist';
  }
  return out;
}
