// A row's hard rules, checked on typed arrays: every row the pricing proposes passes here before
// it becomes a column (the row programme's state key can merge two labels, so its rows are not
// feasible by construction). A third statement of the rules after evaluate.ts and the annealing's
// row bookkeeping, kept because it runs on every priced row; a test binds it to the evaluator.
import { type Compiled, weekendsWorked } from './compile.js';
import { runShortfall } from './run-shortfall.js';

/**
 * Every hard rule of one row (the row programme's state key can merge two labels, so a priced
 * row is checked before it becomes a column).
 */
export function rowFeasible(c: Compiled, e: number, row: Int16Array): boolean {
  const { D, S } = c;
  const counts = new Int32Array(S);
  let minutes = 0;
  let runStart = 0;
  for (let d = 0; d < D; d++) {
    const v = row[d] as number;
    if (v >= 0) {
      if (!c.allowed[(e * D + d) * S + v]) return false;
      if (d > 0 && (row[d - 1] as number) >= 0 && c.cf[(row[d - 1] as number) * S + v]) return false;
      minutes += c.len[v] as number;
      counts[v] = (counts[v] as number) + 1;
    }
    if (d === D - 1 || (row[d + 1] as number) >= 0 !== v >= 0) {
      if (runShortfall(c, e, v >= 0, runStart, d - runStart + 1) > 0) return false;
      runStart = d + 1;
    }
  }
  if (minutes < (c.minMin[e] as number) || minutes > (c.maxMin[e] as number)) return false;
  for (let t = 0; t < S; t++) if ((counts[t] as number) > (c.maxShifts[e * S + t] as number)) return false;
  return weekendsWorked(c, e, row) <= (c.maxWe[e] as number);
}
