import { describe, expect, it } from 'vitest';
import type { CoverDemand } from './model.js';
import { fairTargets, isNightShift, overtimeWeightPerMinute } from './soft-terms.js';

describe('isNightShift', () => {
  it('calls a shift a night when at least half of it falls between 22:00 and 06:00', () => {
    expect(isNightShift('23:00', 480)).toBe(true); // 7 of 8 hours
    expect(isNightShift('19:00', 720)).toBe(true); // 8 of 12
    expect(isNightShift('22:00', 480)).toBe(true); // all of it
    expect(isNightShift('00:00', 480)).toBe(true); // 6 of 8
    expect(isNightShift('15:00', 480)).toBe(false); // 1 of 8
    expect(isNightShift('15:00', 600)).toBe(false); // 15:00-01:00: 3 of 10
    expect(isNightShift('07:00', 480)).toBe(false);
    expect(isNightShift('20:00', 120)).toBe(false); // 20:00-22:00: none
    expect(isNightShift('18:00', 480)).toBe(true); // 18:00-02:00: 4 of 8, exactly half
  });
});

describe('overtimeWeightPerMinute', () => {
  it('prices overtime at 1.5 x the rate, one unit per $10, capped at half an uncovered place per shift', () => {
    // $20/h: $30 an overtime hour = 3 units an hour = 0.05 a minute; 8 h of overtime = 24
    expect(overtimeWeightPerMinute(2000, 480, 100)).toBeCloseTo(0.05, 12);
    // $60/h would be 0.15 a minute (72 per shift); capped at 50 per 8 h shift
    expect(overtimeWeightPerMinute(6000, 480, 100)).toBeCloseTo(50 / 480, 12);
    expect(overtimeWeightPerMinute(6000, 480, 100) * 480).toBeLessThan(100);
    // no rate on file: the cap
    expect(overtimeWeightPerMinute(null, 720, 100)).toBeCloseTo(50 / 720, 12);
  });
});

describe('fairTargets', () => {
  it('shares nights and person-weekends by capacity among those who may work them, rounded up', () => {
    // 14 days; nights: 2 every day = 28. Weekends: Saturday D 3 + N 2 = 5 heads, Sunday D 2 + N 2
    // = 4, so 5 person-weekends each, 10 in all.
    const cover: CoverDemand[] = [];
    for (let day = 0; day < 14; day++) {
      cover.push({ day, shift: 'N', skill: 'cna', requirement: 2, weightUnder: 100, weightOver: 1 });
      if (day % 7 === 5) cover.push({ day, shift: 'D', skill: 'cna', requirement: 3, weightUnder: 100, weightOver: 1 });
      if (day % 7 === 6) cover.push({ day, shift: 'D', skill: 'cna', requirement: 2, weightUnder: 100, weightOver: 1 });
    }
    // an RN group with no demand gets no targets
    const people = [
      { id: 'A', group: 'cna', capacity: 3000, nightsAllowed: true },
      { id: 'B', group: 'cna', capacity: 1000, nightsAllowed: true },
      { id: 'C', group: 'cna', capacity: 2000, nightsAllowed: false },
      { id: 'R', group: 'rn', capacity: 2000, nightsAllowed: true },
    ];
    const t = fairTargets(people, cover, new Set(['N']), 14);
    // nights among A and B (4000): A 28 x 3/4 = 21, B 28 x 1/4 = 7; C may not work nights
    // weekends among all three (6000): A 10 x 3/6 = 5, B 10/6 = 1.67 -> 2, C 10 x 2/6 = 3.33 -> 4
    expect(t.get('A')).toEqual({ nightTarget: 21, weekendTarget: 5 });
    expect(t.get('B')).toEqual({ nightTarget: 7, weekendTarget: 2 });
    expect(t.get('C')).toEqual({ weekendTarget: 4 });
    expect(t.get('R')).toEqual({});
  });

  it('finds the weekends by the calendar when the roster starts on a Sunday', () => {
    // 14 days from a Sunday: day 0 a Sunday (its weekend is the roster before's), days 6 and 7 a
    // whole weekend, day 13 a Saturday (its Sunday is the next roster's, the weekend this one's):
    // 2 weekends of 2 heads each on the D shift, 4 person-weekends, as from a Monday (5/6 and
    // 12/13). From a Saturday: days 0/1 and 7/8, and day 14 is past the end: 4 again. From a
    // Friday, day 1/2, 8/9 and a Saturday alone at day 15 (16 days): 6.
    const cover: CoverDemand[] = Array.from({ length: 14 }, (_, day) => ({
      day,
      shift: 'D',
      requirement: 2,
      weightUnder: 100,
      weightOver: 1,
    }));
    const people = [
      { id: 'A', group: '', capacity: 1000, nightsAllowed: true },
      { id: 'B', group: '', capacity: 1000, nightsAllowed: true },
    ];
    expect(fairTargets(people, cover, new Set(), 14, 6).get('A')).toEqual({ weekendTarget: 2 });
    expect(fairTargets(people, cover, new Set(), 14).get('A')).toEqual({ weekendTarget: 2 });
    expect(fairTargets(people, cover, new Set(), 14, 5).get('A')).toEqual({ weekendTarget: 2 });
    const sixteen = [...cover, ...[14, 15].map((day) => ({ ...(cover[0] as CoverDemand), day }))];
    expect(fairTargets(people, sixteen, new Set(), 16, 4).get('A')).toEqual({ weekendTarget: 3 });
  });

  it('shares a Sunday at day 0 among those whose Saturday before was off', () => {
    // 14 days from a Sunday, 3 heads a day on D: two whole weekends (days 6/7 and 13, the last
    // Saturday alone) of 3 heads, 6 person-weekends among four people of equal capacity, 1.5
    // each. Day 0's 3 heads count only for C and D, whose Saturday before was off: 1.5 more each.
    const cover: CoverDemand[] = Array.from({ length: 14 }, (_, day) => ({
      day,
      shift: 'D',
      requirement: 3,
      weightUnder: 100,
      weightOver: 1,
    }));
    const person = (id: string, sundayAtStart: boolean) => ({
      id,
      group: '',
      capacity: 1000,
      nightsAllowed: true,
      sundayAtStart,
    });
    const people = [person('A', false), person('B', false), person('C', true), person('D', true)];
    const t = fairTargets(people, cover, new Set(), 14, 6);
    expect(t.get('A')).toEqual({ weekendTarget: 2 });
    expect(t.get('C')).toEqual({ weekendTarget: 3 });
    // from a Monday day 0 is no weekend day, and the flag changes nothing
    expect(fairTargets(people, cover, new Set(), 14, 0).get('C')).toEqual({ weekendTarget: 2 });
    // one person alone after a Saturday off takes all of day 0's heads: 1.5 + 3
    const alone = [person('A', false), person('B', false), person('C', false), person('D', true)];
    expect(fairTargets(alone, cover, new Set(), 14, 6).get('D')).toEqual({ weekendTarget: 5 });
  });
});
