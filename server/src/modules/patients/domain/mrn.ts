// Medical record numbers: a per-organization sequence of seven digits and a Luhn check digit, so
// a mistyped digit or two swapped neighbours is caught before it finds the wrong patient.

export const MRN_SEQUENCE_MAX = 9_999_999;

/** The Luhn check digit of a string of digits. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Doubling starts from the rightmost digit, since the check digit will be appended after it.
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function formatMrn(sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MRN_SEQUENCE_MAX) {
    throw new RangeError('MRN sequence out of range');
  }
  const body = String(sequence).padStart(7, '0');
  return `${body}${luhnCheckDigit(body)}`;
}

export function isValidMrn(text: string): boolean {
  if (!/^\d{8}$/.test(text)) return false;
  return luhnCheckDigit(text.slice(0, 7)) === Number(text[7]);
}
