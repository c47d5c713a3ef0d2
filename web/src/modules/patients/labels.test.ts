import { describe, expect, it } from 'vitest';
import { birthDateLabel, familyGiven, givenFamily } from './labels';

describe('names and birth dates a record may not know', () => {
  it('read "unknown", never "null" or a blank', () => {
    expect(familyGiven({ familyName: 'Solo', givenName: null })).toBe('Solo, unknown');
    expect(givenFamily({ familyName: null, givenName: null })).toBe('unknown unknown');
    expect(givenFamily({ familyName: 'Solo', givenName: 'Jaina' })).toBe('Jaina Solo');
    expect(birthDateLabel(null)).toBe('unknown');
    expect(birthDateLabel('2017-05-15')).toBe('2017-05-15');
  });
});
