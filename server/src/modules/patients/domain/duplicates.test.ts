import { describe, expect, it } from 'vitest';
import { DUPLICATE_THRESHOLD, foldName, nameSimilarity, scoreDuplicate } from './duplicates.js';

const base = { givenName: 'José', familyName: 'García', dateOfBirth: '1984-03-07', phoneDigits: '6145550101', ssnLast4: '1234' };

describe('name similarity', () => {
  it('ignores case and accents', () => {
    expect(foldName('  Zoë  MÜLLER ')).toBe('zoe muller');
    expect(nameSimilarity('José', 'JOSE')).toBe(1);
  });

  it('scores near misses high and strangers low', () => {
    expect(nameSimilarity('Katherine', 'Catherine')).toBeGreaterThan(0.7);
    expect(nameSimilarity('Smith', 'Smyth')).toBeGreaterThan(0.5);
    expect(nameSimilarity('Smith', 'Okafor')).toBeLessThan(0.2);
    expect(nameSimilarity('', 'Okafor')).toBe(0);
  });
});

describe('duplicate score', () => {
  it('flags the same person typed without accents', () => {
    const s = scoreDuplicate(base, { ...base, givenName: 'Jose', familyName: 'Garcia', phoneDigits: null, ssnLast4: null });
    expect(s.reasons).toEqual(['same name', 'same date of birth']);
    expect(s.score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });

  it('flags a misspelt name with the same date of birth', () => {
    const s = scoreDuplicate(base, { ...base, familyName: 'Garsia', phoneDigits: null, ssnLast4: null });
    expect(s.reasons).toEqual(['similar name', 'same date of birth']);
    expect(s.score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });

  it('flags swapped given and family names', () => {
    const s = scoreDuplicate(base, { ...base, givenName: 'Garcia', familyName: 'Jose' });
    expect(s.reasons).toContain('same name');
  });

  it('does not flag a namesake born on another day with nothing else in common', () => {
    const s = scoreDuplicate(base, { ...base, dateOfBirth: '1990-01-01', phoneDigits: '6145550199', ssnLast4: '9999' });
    expect(s.score).toBeLessThan(DUPLICATE_THRESHOLD);
  });

  it('does not flag family members who share a phone', () => {
    const s = scoreDuplicate(base, {
      givenName: 'Lucía',
      familyName: 'García',
      dateOfBirth: '2015-06-01',
      phoneDigits: base.phoneDigits,
    });
    expect(s.score).toBeLessThan(DUPLICATE_THRESHOLD);
  });

  it('adds every signal and caps at 100', () => {
    const s = scoreDuplicate(base, base);
    expect(s.reasons).toEqual(['same name', 'same date of birth', 'same phone', 'same SSN last 4']);
    expect(s.score).toBe(100);
  });
});

describe('unknown names and birth dates', () => {
  it('are no signal: a nameless newborn does not match a relative, two unknown birth dates are not "the same"', () => {
    const mother = { givenName: 'Leia', familyName: 'Solo', dateOfBirth: '1995-10-12' };
    expect(scoreDuplicate({ givenName: null, familyName: 'Solo', dateOfBirth: '2017-05-15' }, mother)).toEqual({
      score: 0,
      reasons: [],
    });
    const unknown = { givenName: null, familyName: null, dateOfBirth: null };
    expect(scoreDuplicate(unknown, unknown).score).toBe(0);
    const a = scoreDuplicate(
      { givenName: 'Albert', familyName: 'Brooks', dateOfBirth: null },
      {
        givenName: 'Albert',
        familyName: 'Brooks',
        dateOfBirth: '1960-01-01',
      },
    );
    expect(a.reasons).toEqual(['same name']);
  });
});
