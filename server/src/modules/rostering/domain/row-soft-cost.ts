// The row-local soft terms (overtime, and fairness of nights and weekends; model.ts) of one
// employee's row in compiled form. One function, used wherever a row is costed outside the
// evaluator: the annealing's bookkeeping (anneal-state.ts) and the columns of the column
// generation (column-generation.ts). The evaluator computes the same terms from the model on its
// own, and the tests hold the two together. The row programme (row-dp.ts) prices both terms as
// it goes, in the same order as here; where its beam merges labels it may miss the best row, and
// the rows it returns are re-costed here before the search or the master uses their cost.
import { type Compiled, weekendsWorked } from './compile.js';

/** Cost of row e's overtime and fairness terms; row[offset + d] is the shift index on day d (-1 off). */
export function rowSoftCost(c: Compiled, e: number, row: ArrayLike<number>, offset = 0): number {
  if (!c.rowTerms[e]) return 0;
  const { D, S } = c;
  let cost = 0;
  const otWeight = c.otWeight[e] as number;
  if (otWeight !== 0) cost += overtimeCost(c, e, row, offset);
  const fairWeight = c.fairWeight[e] as number;
  if (fairWeight !== 0) {
    let nights = 0;
    for (let d = 0; d < D; d++) {
      const v = row[offset + d] as number;
      if (v >= 0) nights += c.night[e * S + v] as number;
    }
    const weekends = weekendsWorked(c, e, row, offset);
    const nightTarget = c.nightTarget[e] as number;
    const weekendTarget = c.weekendTarget[e] as number;
    if (nights > nightTarget) cost += (nights - nightTarget) * fairWeight;
    if (weekends > weekendTarget) cost += (weekends - weekendTarget) * fairWeight;
  }
  return cost;
}

const DAY = 24 * 60;
const WEEK = 7 * DAY;

/** Charged for a workweek with `before` of its `minutes` worked before the roster (model.ts OvertimeTerm). */
const weekCost = (minutes: number, before: number, limit: number, weight: number) =>
  minutes > limit ? (minutes - limit - (before > limit ? before - limit : 0)) * weight : 0;

/**
 * Where a row's overtime stands after its shifts so far: ot[0] the workweek of the last shift,
 * ot[1] its minutes in that workweek, ot[2] the minutes it ran into the next. The row programme
 * (row-dp.ts) carries the same three numbers per label.
 */
export type WorkweekState = Int32Array;

/**
 * What closing row e's workweeks from ot[0] up to (not including) k costs, with ot[1] minutes in
 * the first and ot[2] in the one after (the weeks between hold none of the row's minutes, so they
 * cost nothing). Leaves the state in workweek k.
 */
export function closeWorkweeks(c: Compiled, e: number, ot: WorkweekState, k: number): number {
  const week = ot[0] as number;
  if (k <= week) return 0;
  const limit = c.otMinutes[e] as number;
  const weight = c.otWeight[e] as number;
  const weeks = c.otWeeks[e] as number;
  const base = e * c.otStride;
  let cost = 0;
  if (week < weeks) {
    const before = c.otBefore[base + week] as number;
    cost += weekCost((ot[1] as number) + before, before, limit, weight);
  }
  if (week + 1 < k && week + 1 < weeks) {
    const before = c.otBefore[base + week + 1] as number;
    cost += weekCost((ot[2] as number) + before, before, limit, weight);
  }
  ot[1] = k === week + 1 ? (ot[2] as number) : 0;
  ot[2] = 0;
  // past the last counted workweek nothing is charged, so the state may stop there (closing
  // to the end passes k = Infinity, which an Int32Array would store as 0)
  ot[0] = Math.min(k, weeks);
  return cost;
}

/**
 * Adds shift v on day d to row e's workweek state and returns the overtime of the workweeks it
 * closes. Shifts start later day by day (a start time is within its day), so their workweeks
 * never go back; a timed shift that runs past the end of its workweek leaves the rest in ot[2].
 */
export function addToWorkweek(c: Compiled, e: number, ot: WorkweekState, d: number, v: number): number {
  // minutes from the first workweek's start (never negative: it begins at or before day 0)
  const from = d * DAY + (c.start[v] as number) - (c.otStart[e] as number);
  const k = Math.floor(from / WEEK);
  const cost = closeWorkweeks(c, e, ot, k);
  const len = c.len[v] as number;
  const end = (k + 1) * WEEK;
  if (c.timed[v] && from + len > end) {
    ot[1] = (ot[1] as number) + end - from;
    ot[2] = (ot[2] as number) + from + len - end;
  } else ot[1] = (ot[1] as number) + len;
  return cost;
}

const scratch = new Int32Array(3);

/** Row e's overtime: its workweeks in turn, in one pass over the days, and those still open at the end. */
function overtimeCost(c: Compiled, e: number, row: ArrayLike<number>, offset: number): number {
  scratch.fill(0);
  let cost = 0;
  for (let d = 0; d < c.D; d++) {
    const v = row[offset + d] as number;
    if (v >= 0) cost += addToWorkweek(c, e, scratch, d, v);
  }
  return cost + closeWorkweeks(c, e, scratch, Number.POSITIVE_INFINITY);
}
