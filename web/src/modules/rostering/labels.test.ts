import { describe, expect, it } from 'vitest';
import { penaltyParts, weeksLabel } from './labels';

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
