import { describe, expect, it } from 'vitest';
import { beforeLabel, beforeTitle, penaltyParts, weeksLabel } from './labels';

describe('weeksLabel', () => {
  it('says week for one and weeks for more', () => {
    expect(weeksLabel(7)).toBe('1 week');
    expect(weeksLabel(28)).toBe('4 weeks');
  });
});

describe('penaltyParts', () => {
  it('names the parts of the penalty that count, rounded to a tenth', () => {
    expect(penaltyParts({ underCover: 100, overCover: 0, requests: 3, overtime: 24.4667, fairness: 4 })).toBe(
      'under cover 100 · requests 3 · overtime 24.5 · nights and weekends 4',
    );
    expect(penaltyParts({ underCover: 0, overCover: 0, requests: 0, overtime: 0.01, fairness: 0 })).toBe('nothing');
  });
});

describe('beforeLabel and beforeTitle', () => {
  it('say which run a person is in when the roster starts, and when the last shift ended', () => {
    const worked = { worked: true, days: 4, lastShift: { code: 'N', endsAt: '2027-01-18T07:00' } };
    expect(beforeLabel(worked)).toBe('4 on');
    expect(beforeTitle(worked)).toBe(
      'Worked the last 4 day(s) before this roster, on the published rosters: they count toward the most shifts in a row and the days off between runs. Last shift N ended 2027-01-18 07:00.',
    );
    expect(beforeLabel({ worked: false, days: 2, lastShift: null })).toBe('2 off');
    // a rest that reaches back past two weeks (or past what is published) is simply a rest
    expect(beforeLabel({ worked: false, days: 14, lastShift: null })).toBe('rested');
    expect(beforeTitle({ worked: false, days: 14, lastShift: null })).toMatch(/^Off for two weeks or more before this roster, /);
  });
});
