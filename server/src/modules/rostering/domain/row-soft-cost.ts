// The row-local soft terms (overtime, and fairness of nights and weekends; model.ts) of one
// employee's row in compiled form. One function, used wherever a row is costed outside the
// evaluator: the annealing's bookkeeping (anneal-state.ts) and the columns of the column
// generation (column-generation.ts). The evaluator computes the same terms from the model on its
// own, and the tests hold the two together. The row programme (row-dp.ts) does not price these
// terms yet: the rows it returns are re-costed here, exactly, before the search or the master
// uses their cost, so its rows are merely less well aimed where these terms matter.
import type { Compiled } from './compile.js';

/** Cost of row e's overtime and fairness terms; row[offset + d] is the shift index on day d (-1 off). */
export function rowSoftCost(c: Compiled, e: number, row: ArrayLike<number>, offset = 0): number {
  if (!c.rowTerms[e]) return 0;
  const { D, S } = c;
  let cost = 0;
  const otWeight = c.otWeight[e] as number;
  if (otWeight !== 0) {
    const limit = c.otMinutes[e] as number;
    // weeks are days 7k..7k+6; a shift counts in its start's week, but the part of a week's last
    // shift after midnight counts in the next week (model.ts OvertimeTerm)
    let carry = 0;
    for (let from = 0; from < D; from += 7) {
      let minutes = carry;
      carry = 0;
      const to = Math.min(D, from + 7);
      for (let d = from; d < to; d++) {
        const v = row[offset + d] as number;
        if (v >= 0) minutes += c.len[v] as number;
      }
      const last = row[offset + from + 6] as number;
      if (from + 6 < D && last >= 0) {
        carry = c.spill[last] as number;
        minutes -= carry;
      }
      if (minutes > limit) cost += (minutes - limit) * otWeight;
    }
  }
  const fairWeight = c.fairWeight[e] as number;
  if (fairWeight !== 0) {
    let nights = 0;
    for (let d = 0; d < D; d++) {
      const v = row[offset + d] as number;
      if (v >= 0) nights += c.night[e * S + v] as number;
    }
    let weekends = 0;
    for (let k = 5; k < D; k += 7)
      if ((row[offset + k] as number) >= 0 || (k + 1 < D && (row[offset + k + 1] as number) >= 0)) weekends++;
    const nightTarget = c.nightTarget[e] as number;
    const weekendTarget = c.weekendTarget[e] as number;
    if (nights > nightTarget) cost += (nights - nightTarget) * fairWeight;
    if (weekends > weekendTarget) cost += (weekends - weekendTarget) * fairWeight;
  }
  return cost;
}
