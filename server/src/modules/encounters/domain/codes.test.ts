import { describe, expect, it } from 'vitest';
import { checkCodes, formatIcd10, normalizeIcd10, procedureCodeKind } from './codes.js';

describe('ICD-10-CM', () => {
  it.each([
    ['E11.9', 'E119'],
    ['e11.9', 'E119'],
    ['I10', 'I10'],
    ['Z00.00', 'Z0000'],
    ['M54.50', 'M5450'],
    ['S72.001A', 'S72001A'],
    ['C4A.9', 'C4A9'],
    ['U07.1', 'U071'],
    ['E119', 'E119'],
  ])('accepts %s, stored as %s', (input, stored) => {
    expect(normalizeIcd10(input)).toBe(stored);
  });

  it.each(['', 'E1', '11.9', 'E1C.9', 'E11.', 'E11.12345', 'E1.19', 'E11..9', 'E11-9', 'EE1.9', '99213'])(
    'refuses %j',
    (input) => {
      expect(normalizeIcd10(input)).toBeNull();
    },
  );

  it('displays the dot after the third character', () => {
    expect(formatIcd10('E119')).toBe('E11.9');
    expect(formatIcd10('Z0000')).toBe('Z00.00');
    expect(formatIcd10('S72001A')).toBe('S72.001A');
    expect(formatIcd10('I10')).toBe('I10');
  });
});

describe('procedure codes', () => {
  it.each([
    ['99213', 'cpt'],
    ['3044F', 'cpt_category_ii'],
    ['0042T', 'cpt_category_iii'],
    ['g0438', 'hcpcs'],
    ['J3420', 'hcpcs'],
  ] as const)('%s is %s', (code, kind) => {
    expect(procedureCodeKind(code)).toBe(kind);
  });

  it.each(['9921', '992134', '3044X', 'X3044', 'GG438', 'W1234', '9921A', ''])('refuses %j', (code) => {
    expect(procedureCodeKind(code)).toBeNull();
  });
});

describe('checkCodes', () => {
  const dx = [{ code: 'Z00.00' }, { code: 'I10' }];

  it('normalizes a well-coded visit and finds nothing wrong', () => {
    const r = checkCodes(dx, [
      { code: '99396', diagnosisPointers: [1] },
      { code: '90471', units: 1, diagnosisPointers: [1] },
      { code: '99213', modifiers: ['25'], diagnosisPointers: [2, 1] },
    ]);
    expect(r.violations).toEqual([]);
    expect(r.codes.diagnoses.map((d) => [d.position, d.code])).toEqual([
      [1, 'Z0000'],
      [2, 'I10'],
    ]);
    expect(r.codes.procedures[2]).toMatchObject({
      position: 3,
      code: '99213',
      modifiers: ['25'],
      units: 1,
      diagnosisPointers: [2, 1],
    });
  });

  it('names every problem with its indexes', () => {
    const r = checkCodes(
      [{ code: 'E11.9' }, { code: 'e119' }, { code: 'X' }],
      [
        { code: '99213', modifiers: ['25'], diagnosisPointers: [1] },
        { code: '9921', modifiers: ['2', '59', '59', 'LT', 'RT'], units: 0, diagnosisPointers: [4, 1, 1, 2, 3] },
      ],
    );
    expect(r.violations.map((v) => v.field)).toEqual([
      'diagnoses[1].code',
      'diagnoses[2].code',
      'procedures[1].code',
      'procedures[1].modifiers',
      'procedures[1].modifiers[0]',
      'procedures[1].modifiers[2]',
      'procedures[1].units',
      'procedures[1].diagnosisPointers',
      'procedures[1].diagnosisPointers[0]',
      'procedures[1].diagnosisPointers[2]',
    ]);
    expect(r.violations[0]?.message).toBe('repeats diagnosis 1');
  });

  it('requires 1 to 4 pointers and units from 1 to 999', () => {
    expect(checkCodes(dx, [{ code: '36415', diagnosisPointers: [] }]).violations).toEqual([
      { field: 'procedures[0].diagnosisPointers', message: 'must point at 1 to 4 diagnoses' },
    ]);
    expect(checkCodes(dx, [{ code: '36415', units: 999, diagnosisPointers: [1] }]).violations).toEqual([]);
    expect(checkCodes(dx, [{ code: '36415', units: 1000, diagnosisPointers: [1] }]).violations.map((v) => v.field)).toEqual([
      'procedures[0].units',
    ]);
    expect(checkCodes([], [{ code: '36415', diagnosisPointers: [1] }]).violations[0]?.message).toBe(
      'points at a diagnosis, but none is listed',
    );
  });

  it('limits diagnoses to 12', () => {
    const many = Array.from({ length: 13 }, (_, i) => ({ code: `Z${String(10 + i).padStart(2, '0')}` }));
    expect(checkCodes(many, []).violations.map((v) => v.field)).toEqual(['diagnoses']);
  });
});
