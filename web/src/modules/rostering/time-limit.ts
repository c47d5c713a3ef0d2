// The solve's time limit as typed in the form: the API takes a whole number of seconds from 1 to
// 300 (contracts/src/rostering.ts), and the form says so under the field instead of sending
// something else.
export const MIN_SECONDS = 1;
export const MAX_SECONDS = 300;

/** Why a typed time limit cannot be sent (empty, a fraction, out of range), or null when it can. */
export function timeLimitError(value: number | string): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_SECONDS || value > MAX_SECONDS)
    return `A whole number of seconds from ${MIN_SECONDS} to ${MAX_SECONDS}`;
  return null;
}
