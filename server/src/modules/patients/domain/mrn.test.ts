import { describe, expect, it } from 'vitest';
import { formatMrn, isValidMrn, luhnCheckDigit } from './mrn.js';

describe('MRN', () => {
  it('computes the Luhn check digit (79927398713 is the textbook example)', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(luhnCheckDigit('0000001')).toBe(8);
  });

  it('formats the sequence as seven digits and a check digit', () => {
    expect(formatMrn(1)).toBe('00000018');
    expect(formatMrn(1234567)).toHaveLength(8);
    expect(isValidMrn(formatMrn(1234567))).toBe(true);
  });

  it('refuses sequences out of range', () => {
    expect(() => formatMrn(0)).toThrow(RangeError);
    expect(() => formatMrn(10_000_000)).toThrow(RangeError);
    expect(() => formatMrn(1.5)).toThrow(RangeError);
  });

  it('catches a mistyped digit and swapped neighbours', () => {
    const mrn = formatMrn(4_020_117);
    expect(isValidMrn(mrn)).toBe(true);
    for (let i = 0; i < 8; i++) {
      const wrong = `${mrn.slice(0, i)}${(Number(mrn[i]) + 1) % 10}${mrn.slice(i + 1)}`;
      expect(isValidMrn(wrong), wrong).toBe(false);
    }
    const swapped = `${mrn[1]}${mrn[0]}${mrn.slice(2)}`;
    if (swapped !== mrn) expect(isValidMrn(swapped)).toBe(false);
  });

  it('is not fooled by other shapes', () => {
    expect(isValidMrn('1234567')).toBe(false);
    expect(isValidMrn('abcdefgh')).toBe(false);
    expect(isValidMrn('6145550101')).toBe(false);
  });
});
