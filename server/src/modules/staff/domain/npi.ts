// NPI check digit (../shared/domain/rules.md section 4): Luhn over the first nine digits as if
// the card-issuer prefix 80840 were present, which the constant 24 stands in for.

export type NpiProblem = 'format' | 'check_digit';

export function npiProblem(npi: string): NpiProblem | null {
  if (!/^[0-9]{10}$/.test(npi)) return 'format';
  const digits = [...npi].map(Number);
  let sum = 24;
  // From the rightmost of the first nine digits, every other digit is doubled (positions 9, 7, 5, 3, 1).
  for (let i = 8; i >= 0; i--) {
    const digit = digits[i] ?? 0;
    if ((8 - i) % 2 === 0) {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    } else {
      sum += digit;
    }
  }
  return (10 - (sum % 10)) % 10 === digits[9] ? null : 'check_digit';
}

export const isValidNpi = (npi: string) => npiProblem(npi) === null;
