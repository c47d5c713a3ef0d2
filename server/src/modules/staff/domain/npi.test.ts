import { describe, expect, it } from 'vitest';
import { isValidNpi, npiProblem } from './npi.js';

describe('isValidNpi (rules.md section 4)', () => {
  it.each([
    ['1234567893', true],
    ['1234567890', false],
    ['1558598797', true],
    ['1245319599', true],
    ['123456789', false],
    ['12345678AB', false],
  ])('%s -> %s', (npi, valid) => {
    expect(isValidNpi(npi)).toBe(valid);
  });

  it('tells a format problem from a wrong check digit', () => {
    expect(npiProblem('123456789')).toBe('format');
    expect(npiProblem('12345678AB')).toBe('format');
    expect(npiProblem(' 1234567893')).toBe('format');
    expect(npiProblem('1234567890')).toBe('check_digit');
  });

  it('agrees with a plain Luhn check over 80840 + npi', () => {
    const luhn = (s: string) =>
      [...s].reverse().reduce((sum, c, i) => {
        const d = Number(c) * (i % 2 === 1 ? 2 : 1);
        return sum + (d > 9 ? d - 9 : d);
      }, 0) %
        10 ===
      0;
    for (let base = 100000000; base < 100000000 + 300; base++) {
      for (let check = 0; check < 10; check++) {
        const npi = `${base}${check}`;
        expect(isValidNpi(npi)).toBe(luhn(`80840${npi}`));
      }
    }
  });
});
