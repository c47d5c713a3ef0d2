import { describe, expect, it } from 'vitest';
import { businessKey, nameKey } from './leie-names.js';

describe('nameKey', () => {
  it('upper-cases, trims and drops punctuation and spaces', () => {
    expect(nameKey('  smith ')).toBe('SMITH');
    expect(nameKey("O'Brien")).toBe('OBRIEN');
    expect(nameKey('o brien')).toBe('OBRIEN');
    expect(nameKey('De la  Cruz')).toBe('DELACRUZ');
    expect(nameKey('Smith-Jones')).toBe('SMITHJONES');
  });
  it('folds accents', () => {
    expect(nameKey('Müller')).toBe('MULLER');
    expect(nameKey('José')).toBe('JOSE');
  });
  it('drops a generational suffix, but not a name that is only one', () => {
    expect(nameKey('Smith Jr.')).toBe('SMITH');
    expect(nameKey('SMITH III')).toBe('SMITH');
    expect(nameKey('V')).toBe('V');
  });
  it('is null for blanks', () => {
    expect(nameKey('')).toBeNull();
    expect(nameKey('  ')).toBeNull();
    expect(nameKey('--')).toBeNull();
    expect(nameKey(null)).toBeNull();
  });
});

describe('businessKey', () => {
  it('drops the legal form, so LLC and INC meet (rules.md 3.3 case e)', () => {
    expect(businessKey('Ridge Analytics LLC')).toBe('RIDGEANALYTICS');
    expect(businessKey('RIDGE ANALYTICS INC')).toBe('RIDGEANALYTICS');
    expect(businessKey('Ridge Analytics, L.L.C.')).toBe('RIDGEANALYTICS');
    expect(businessKey('The Ridge Analytics Co.')).toBe('RIDGEANALYTICS');
  });
  it('keeps the LEIE spelling of the name itself', () => {
    expect(businessKey('#1 MARKETING SERVICE, INC')).toBe('1MARKETINGSERVICE');
    expect(businessKey('1 BEST CARE, INC')).toBe('1BESTCARE');
  });
});
