import { describe, expect, it } from 'vitest';
import { addYears, DEFAULT_RETENTION, retainUntil } from './retention.js';

const s = { ...DEFAULT_RETENTION, adultYearsAfterLastEncounter: 7, ageOfMajority: 18, minorYearsAfterMajority: 3 };

describe('retainUntil', () => {
  it('keeps an adult record N years after the last encounter', () => {
    expect(retainUntil({ dateOfBirth: '1970-01-01', lastEncounterOn: '2026-10-14', openedOn: '2020-01-01' }, s)).toEqual({
      retainUntil: '2033-10-14',
      basis: '7 years after the last encounter (2026-10-14)',
    });
  });

  it('falls back to the opening date without encounters', () => {
    expect(retainUntil({ dateOfBirth: '1970-01-01', lastEncounterOn: null, openedOn: '2024-05-02' }, s).retainUntil).toBe(
      '2031-05-02',
    );
  });

  it('keeps a minor until majority + N years when that is later', () => {
    // Born 2020-06-01, seen at 6 in 2026: 18 on 2038-06-01, + 3 years = 2041-06-01 (later than 2033).
    const r = retainUntil({ dateOfBirth: '2020-06-01', lastEncounterOn: '2026-10-14', openedOn: '2020-06-02' }, s);
    expect(r.retainUntil).toBe('2041-06-01');
    expect(r.basis).toMatch(/3 years after turning 18 \(2038-06-01\)/);
  });

  it('uses the adult rule for a minor when it gives the later date', () => {
    // Seen at 17 (2026-10-14): majority 2027-03-01 + 3 = 2030-03-01, earlier than 2033-10-14.
    expect(retainUntil({ dateOfBirth: '2009-03-01', lastEncounterOn: '2026-10-14', openedOn: '2015-01-01' }, s).retainUntil).toBe(
      '2033-10-14',
    );
  });

  it('adds years to 29 February as 28 February in a common year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
});

describe('retainUntil with an unknown date of birth', () => {
  it('applies the adult rule and says the minors rule could not be applied', () => {
    const r = retainUntil({ dateOfBirth: null, lastEncounterOn: '2020-05-01', openedOn: '2019-01-01' }, DEFAULT_RETENTION);
    expect(r.retainUntil).toBe('2026-05-01');
    expect(r.basis).toMatch(/date of birth is unknown/);
  });
});
