import { describe, expect, it } from 'vitest';
import { npiMessage, npiProblem } from './npi';

describe('npiProblem (mirrors the server, rules.md section 4)', () => {
  it('accepts the worked example and real-looking numbers', () => {
    expect(npiProblem('1234567893')).toBeNull();
    expect(npiProblem('1558598797')).toBeNull();
  });

  it('tells a wrong check digit from a wrong format', () => {
    expect(npiProblem('1234567890')).toBe('check_digit');
    expect(npiProblem('123456789')).toBe('format');
    expect(npiProblem('123456789O')).toBe('format');
    expect(npiProblem('1234 567893')).toBe('format');
  });

  it('accepts exactly one check digit per nine-digit base', () => {
    for (const base of ['100000000', '987654321', '555123456']) {
      const valid = [...'0123456789'].filter((d) => npiProblem(`${base}${d}`) === null);
      expect(valid).toHaveLength(1);
    }
  });

  it('words the message as a sentence under the field', () => {
    expect(npiMessage('1234567890')).toMatch(/check digit/);
    expect(npiMessage('12')).toBe('Must be 10 digits');
    expect(npiMessage('1234567893')).toBeNull();
  });
});
