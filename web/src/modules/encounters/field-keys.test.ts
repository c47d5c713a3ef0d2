import { describe, expect, it } from 'vitest';
import { inputKeyOf } from './field-keys';

describe('inputKeyOf', () => {
  it('puts indexed server fields under their row input', () => {
    expect(inputKeyOf('procedures[1].modifiers[0]')).toBe('procedures[1].modifiers');
    expect(inputKeyOf('procedures[0].diagnosisPointers[2]')).toBe('procedures[0].diagnosisPointers');
    expect(inputKeyOf('diagnoses[3].code')).toBe('diagnoses[3].code');
    expect(inputKeyOf('providerId')).toBe('providerId');
  });

  it('reads zod dotted paths the same way', () => {
    expect(inputKeyOf('procedures.1.units')).toBe('procedures[1].units');
    expect(inputKeyOf('body.diagnoses.0.code')).toBe('diagnoses[0].code');
  });
});
