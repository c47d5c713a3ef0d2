// The NPI check digit, as the server checks it (../shared/domain/rules.md section 4), so the form
// can say what is wrong before the request. The server stays the authority: web may not import it.

export type NpiProblem = 'format' | 'check_digit';

export function npiProblem(npi: string): NpiProblem | null {
  if (!/^[0-9]{10}$/.test(npi)) return 'format';
  // Luhn over the first nine digits with the card-issuer prefix 80840 counted in as the constant 24.
  let sum = 24;
  for (let i = 8; i >= 0; i--) {
    const digit = Number(npi[i]);
    const doubled = (8 - i) % 2 === 0;
    sum += doubled ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
  }
  return (10 - (sum % 10)) % 10 === Number(npi[9]) ? null : 'check_digit';
}

/** The message under the NPI field, worded as the server words it. */
export function npiMessage(npi: string): string | null {
  const problem = npiProblem(npi);
  if (problem === 'format') return 'Must be 10 digits';
  if (problem === 'check_digit') return 'This is not a valid NPI (the check digit does not match)';
  return null;
}
