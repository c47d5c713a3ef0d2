// How the app fills the model's overtime and fairness terms (model.ts OvertimeTerm, FairnessTerm):
// what a night shift is, what a minute of overtime weighs against the other soft weights, and
// each person's fair share of the team's nights and weekends.
import { minuteOfDay } from '../../../shared/calendar.js';
import { type CoverDemand, weekendOf } from './model.js';

/**
 * FLSA: overtime is work past 40 hours in the workweek (rules.md 1.1). The engine counts it in
 * the facility's workweek, as the projection (overtime.ts) does; build-problem.ts places it.
 */
export const FLSA_WEEKLY_MINUTES = 40 * 60;

/**
 * One penalty unit per $10 of overtime pay (1.5 x the rate). The app's other weights: an
 * uncovered place 100, an extra person 1, a request 1 to 10 (3 by default). At $20 an hour a
 * shift of 8 overtime hours costs $240, 24 units: worth breaking a default request (3) or adding
 * an extra person (1) to avoid, and a cheaper person's overtime is preferred to a dearer one's.
 * Capped (overtimeWeightPerMinute) so that it never outweighs an uncovered place.
 */
export const OVERTIME_CENTS_PER_UNIT = 1000;

/**
 * Each night or weekend over a person's fair share costs 2: more than an extra person on a shift
 * (1), so the search spreads nights when it can at no other cost, and less than a default
 * request (3), so a person's own wish for a day off outweighs one night of imbalance elsewhere.
 */
export const FAIRNESS_WEIGHT = 2;

/** Night work is between 22:00 and 06:00, the usual night period in payroll and labour rules. */
const NIGHT_FROM = 22 * 60;
const NIGHT_TO = 6 * 60;
const DAY = 24 * 60;

/**
 * A night shift has at least half its time between 22:00 and 06:00: 23:00-07:00 and 19:00-07:00
 * are nights, 15:00-23:00 is not. The start time alone misjudges long shifts, and crossing
 * midnight alone would make a 15:00-01:00 evening a night.
 */
export function isNightShift(startTime: string, minutes: number): boolean {
  const start = minuteOfDay(startTime);
  const end = start + minutes;
  let night = 0;
  // night periods [k days + 22:00 - 1 day, k days + 06:00), from the one before the start on
  for (let k = 0; (k - 1) * DAY + NIGHT_FROM < end; k++) {
    const from = (k - 1) * DAY + NIGHT_FROM;
    const to = k * DAY + NIGHT_TO;
    night += Math.max(0, Math.min(end, to) - Math.max(start, from));
  }
  return 2 * night >= minutes;
}

/**
 * Weight of one overtime minute for a person paid rateCents an hour (null: no rate on file). At
 * most half an uncovered place (underCoverWeight / 2) for a whole shift of overtime, so the search
 * never leaves a place empty to save overtime (when cover is equal, it still prefers someone with
 * no overtime). A person with no rate gets that cap: their overtime costs money, how much is unknown.
 */
export function overtimeWeightPerMinute(rateCents: number | null, longestShiftMinutes: number, underCoverWeight: number): number {
  const cap = underCoverWeight / 2 / Math.max(1, longestShiftMinutes);
  if (rateCents === null) return cap;
  return Math.min(cap, (1.5 * rateCents) / 60 / OVERTIME_CENTS_PER_UNIT);
}

export type ShareInput = {
  id: string;
  /** The cover group (position) whose demand this person shares. */
  group: string;
  /** Expected work over the horizon (minutes): how large a share this person takes. */
  capacity: number;
  /** False when the contract allows no night shift at all. */
  nightsAllowed: boolean;
  /** Day 0 is a Sunday this roster counts as a weekend of this person's own (model.ts sundayAtStart). */
  sundayAtStart?: boolean;
};

export type FairTargets = { nightTarget?: number; weekendTarget?: number };

/**
 * Each person's share of their group's night shifts and worked weekends, in proportion to their
 * capacity among the group (only those who may work nights share the nights), rounded up: a
 * roster that spreads them evenly then pays nothing, and whoever takes more than their share does.
 * A group's weekend demand is, per weekend, the larger of its Saturday and Sunday headcount: the
 * fewest person-weekends that cover it. A target with no demand behind it is left out.
 * A Sunday at day 0 belongs to the roster before (weekendOf), except for the people whose Saturday
 * before was off (sundayAtStart): its headcount is shared among them, by capacity, on top. That is
 * the most it can add to their weekends (those who worked the Saturday may cover some of it, and
 * it counts nowhere for them), so a roster that needs them then does not charge them for it.
 */
export function fairTargets(
  people: readonly ShareInput[],
  cover: readonly CoverDemand[],
  nights: ReadonlySet<string>,
  horizonDays: number,
  startWeekday = 0,
): Map<string, FairTargets> {
  const nightDemand = new Map<string, number>();
  // headcount per group and weekend day; weekends are Saturday and Sunday whatever the
  // facility's workweek (model.ts weekendOf)
  const dayHeads = new Map<string, number>();
  const sundayHeads = new Map<string, number>();
  for (const c of cover) {
    const g = c.skill ?? '';
    if (nights.has(c.shift)) nightDemand.set(g, (nightDemand.get(g) ?? 0) + c.requirement);
    if (weekendOf(c.day, startWeekday) >= 0) dayHeads.set(`${g}|${c.day}`, (dayHeads.get(`${g}|${c.day}`) ?? 0) + c.requirement);
    if (c.day === 0 && startWeekday === 6) sundayHeads.set(g, (sundayHeads.get(g) ?? 0) + c.requirement);
  }
  // per weekend, the larger of its days' headcounts (a weekend cut by the horizon has one day)
  const weekendDemand = (g: string) => {
    const most = new Map<number, number>();
    for (let d = 0; d < horizonDays; d++) {
      const w = weekendOf(d, startWeekday);
      if (w >= 0) most.set(w, Math.max(most.get(w) ?? 0, dayHeads.get(`${g}|${d}`) ?? 0));
    }
    let n = 0;
    for (const heads of most.values()) n += heads;
    return n;
  };
  const nightCap = new Map<string, number>();
  const allCap = new Map<string, number>();
  const sundayCap = new Map<string, number>();
  for (const p of people) {
    allCap.set(p.group, (allCap.get(p.group) ?? 0) + p.capacity);
    if (p.sundayAtStart) sundayCap.set(p.group, (sundayCap.get(p.group) ?? 0) + p.capacity);
    if (p.nightsAllowed) nightCap.set(p.group, (nightCap.get(p.group) ?? 0) + p.capacity);
  }
  // shares are fractions of whole numbers: keep float noise (14.000000001) from rounding up
  const part = (demand: number, cap: number, total: number) => (total > 0 ? (demand * cap) / total : 0);
  const share = (demand: number, cap: number, total: number) => Math.ceil(part(demand, cap, total) - 1e-9);
  const out = new Map<string, FairTargets>();
  for (const p of people) {
    const targets: FairTargets = {};
    const nd = nightDemand.get(p.group) ?? 0;
    if (nd > 0 && p.nightsAllowed) targets.nightTarget = share(nd, p.capacity, nightCap.get(p.group) ?? 0);
    const wd = weekendDemand(p.group);
    const sunday = p.sundayAtStart ? part(sundayHeads.get(p.group) ?? 0, p.capacity, sundayCap.get(p.group) ?? 0) : 0;
    if (wd > 0 || sunday > 0) targets.weekendTarget = Math.ceil(part(wd, p.capacity, allCap.get(p.group) ?? 0) + sunday - 1e-9);
    out.set(p.id, targets);
  }
  return out;
}
