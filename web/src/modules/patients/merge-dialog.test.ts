import type { Patient } from '@clinicops/contracts';
import { describe, expect, it } from 'vitest';
import { defaultSide, fieldText } from './merge-dialog';

const base: Patient = {
  id: '0b4a4e3c-58c1-4f0e-9a55-0d1f6d7b1a01',
  mrn: '00000001',
  facilityId: '9d2b7a7e-1111-4c2e-8a0a-5b6c7d8e9f00',
  givenName: 'Iris',
  familyName: 'Vale',
  preferredName: null,
  dateOfBirth: '1968-09-03',
  sexAtBirth: 'female',
  phone: '614 555 0178',
  status: 'active',
  genderIdentity: null,
  email: null,
  addressLine1: null,
  addressLine2: null,
  city: null,
  state: null,
  postalCode: null,
  preferredLanguage: null,
  smsConsent: false,
  emailConsent: false,
  emergencyContact: null,
  ssnLast4: null,
  notes: null,
  alerts: [],
  mergedIntoId: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('merge comparison', () => {
  const dup: Patient = { ...base, id: 'x', phone: '614 555 0177', email: 'iris@example.org', city: 'Columbus', ssnLast4: '5678' };

  it('defaults like the server: the survivor, with blanks filled from the duplicate', () => {
    expect(defaultSide(base, dup, 'phone')).toBe('survivor');
    expect(defaultSide(base, dup, 'email')).toBe('duplicate');
    expect(defaultSide(base, dup, 'address')).toBe('duplicate');
    expect(defaultSide(base, dup, 'notes')).toBe('survivor');
  });

  it('shows groups as one value and the SSN only masked', () => {
    expect(fieldText(dup, 'address')).toBe('Columbus');
    expect(fieldText(dup, 'ssn')).toBe('•••-••-5678');
    expect(fieldText(base, 'sexAtBirth')).toBe('female');
    expect(fieldText({ ...base, sexAtBirth: 'unknown' }, 'sexAtBirth')).toBe('');
  });
});
