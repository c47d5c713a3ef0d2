// The programme of the annealing's guided whole-row moves (solver.ts annealRowProgramme): on long
// rows it keeps within reach the rows a plain beam of the same width loses.
import { describe, expect, it } from 'vitest';
import { AnnealState } from './anneal-state.js';
import { compileProblem, encodeRoster } from './compile.js';
import { randomProblem } from './random-problem.js';
import { createRowDp, type RowDp } from './row-dp.js';
import { annealRoster, annealRowProgramme } from './solver.js';

describe("the guided whole-row moves' row programme", () => {
  it('re-optimises the rows of a long roster better than an unguided beam of the same width', () => {
    // [seed, employees, days, labels a day]: 16-24 weeks, a beam far narrower than the rows need
    for (const [seed, employees, days, width] of [
      [3, 12, 112, 10],
      [5, 12, 112, 20],
      [7, 20, 168, 20],
    ] as const) {
      const problem = randomProblem(seed, employees, days);
      const c = compileProblem(problem);
      const x = encodeRoster(c, annealRoster(problem, { seed: 1, maxIterations: 20_000 }).roster);
      const st = new AnnealState(c, x, 1);
      const S1 = c.S + 1;
      const price = new Float64Array(c.D * S1);
      const out = new Int16Array(c.D);
      // the change in cost when each row alone is rebuilt against all the others (lower is better;
      // the current row is always a candidate, so any rise is a row the beam lost)
      const change = (dp: RowDp) => {
        let sum = 0;
        for (let e = 0; e < c.E; e++) {
          st.fillPrices(e, price);
          let current = 0;
          for (let d = 0; d < c.D; d++) current += price[d * S1 + (x[e * c.D + d] as number) + 1] as number;
          sum += dp(e, price, out) - current;
        }
        return sum;
      };
      // measured: 99 against 501, -804 against -703, -405 against -107
      expect(change(annealRowProgramme(c, width))).toBeLessThan(change(createRowDp(c, width)) - 50);
    }
  });
});
