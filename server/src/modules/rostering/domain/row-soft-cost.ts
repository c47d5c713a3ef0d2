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
  if (otWeight !== 0) cost += overtimeCost(c, e, row, offset, otWeight);
  const fairWeight = c.fairWeight[e] as number;
  if (fairWeight !== 0) {
    let nights = 0;
    for (let d = 0; d < D; d++) {
      const v = row[offset + d] as number;
      if (v >= 0) nights += c.night[e * S + v] as number;
    }
    const weekends = weekendsWorked(c, row, offset);
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
export const weekCost = (minutes: number, before: number, limit: number, weight: number) =>
  minutes > limit ? (minutes - limit - (before > limit ? before - limit : 0)) * weight : 0;

/**
 * Row e's overtime: its workweeks in turn, in one pass over the days. Shifts start later day by
 * day (a start time is within its day), so their workweeks never go back; a shift that runs past
 * the end of its workweek leaves the rest in `next`, the following workweek's.
 */
function overtimeCost(c: Compiled, e: number, row: ArrayLike<number>, offset: number, weight: number): number {
  const limit = c.otMinutes[e] as number;
  const first = c.otStart[e] as number;
  const weeks = c.otWeeks[e] as number;
  const base = e * c.otStride;
  let cost = 0;
  let week = 0;
  let minutes = 0;
  let next = 0;
  for (let d = 0; d < c.D; d++) {
    const v = row[offset + d] as number;
    if (v < 0) continue;
    // minutes from the first workweek's start (never negative: it begins at or before day 0)
    const from = d * DAY + (c.start[v] as number) - first;
    const k = Math.floor(from / WEEK);
    for (; week < k; week++) {
      if (week < weeks) {
        const before = c.otBefore[base + week] as number;
        cost += weekCost(minutes + before, before, limit, weight);
      }
      minutes = next;
      next = 0;
    }
    const len = c.len[v] as number;
    const end = (k + 1) * WEEK;
    if (c.timed[v] && from + len > end) {
      minutes += end - from;
      next += from + len - end;
    } else minutes += len;
  }
  // the rest of the workweeks counted, the one the last shift ends in first
  for (; week < weeks; week++) {
    const before = c.otBefore[base + week] as number;
    cost += weekCost(minutes + before, before, limit, weight);
    minutes = next;
    next = 0;
  }
  return cost;
}
