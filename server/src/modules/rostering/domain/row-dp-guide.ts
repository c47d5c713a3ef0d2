// A lower bound on the cost of finishing a row, for the row programme (row-dp.ts): a backward
// pass over the row's small state (last value, run length, whether the run touches day 0,
// weekends used) under the same run, days-off, cannot-follow, leave and weekend rules as the
// forward programme, with the minutes and shift counts relaxed. Because it relaxes, it never
// overestimates what any real completion costs, so the forward programme can
//   - rank its beam by cost so far plus cost to go (a label that is cheap only because it has put
//     off the expensive days no longer pushes out the labels that will end cheaper), and
//   - drop a label whose cost so far plus cost to go already reaches a cutoff (pricing wants only
//     rows of negative reduced cost), which loses no row below the cutoff.
import type { Compiled } from './compile.js';

export type RowGuide = {
  /** Index of a state in `costToGo`'s day block. */
  state(v: number, run: number, flag: number, weekends: number): number;
  /** costToGo[d * states + state]: the least cost of days d+1..D-1 after `state` on day d. */
  costToGo: Float64Array;
  states: number;
  /** Fills costToGo for employee e under `price` (same layout as the row programme's). */
  fill(e: number, price: Float64Array): void;
};

export function createRowGuide(c: Compiled): RowGuide {
  const { D, S, E } = c;
  const S1 = S + 1;
  let RM = 2;
  let WM = 1;
  for (let e = 0; e < E; e++) {
    RM = Math.max(RM, Math.max(c.maxCons[e] as number, Math.max(1, c.minOff[e] as number)) + 1);
    WM = Math.max(WM, (c.maxWe[e] as number) + 1);
  }
  const states = S1 * RM * 2 * WM;
  const costToGo = new Float64Array(D * states);
  const state = (v: number, run: number, flag: number, we: number) => (((v + 1) * RM + run) * 2 + flag) * WM + we;

  return {
    state,
    costToGo,
    states,
    fill(e, price) {
      // in locals, so that their loads leave the loops (a closure made per guide is compiled
      // without the problem as a constant once a second guide exists, see row-dp.ts)
      const { allowed, maxShifts, cf } = c;
      const maxCons = c.maxCons[e] as number;
      const minCons = c.minCons[e] as number;
      const minOff = c.minOff[e] as number;
      const offCap = Math.max(1, minOff);
      const maxWe = c.maxWe[e] as number;
      const runMax = Math.max(maxCons, offCap) + 1;
      costToGo.fill(Number.POSITIVE_INFINITY);
      costToGo.fill(0, (D - 1) * states, D * states);
      for (let d = D - 2; d >= 0; d--) {
        const n = d + 1;
        const weekendDay = (c.weekend[n] as number) >= 0;
        const weekendFirst = c.weekendFirst[n] === 1;
        const next = n * states;
        const here = d * states;
        for (let pv = -1; pv < S; pv++)
          for (let pRun = 1; pRun < runMax; pRun++)
            for (let pFlag = 0; pFlag < 2; pFlag++)
              for (let pWe = 0; pWe <= maxWe; pWe++) {
                let best = Number.POSITIVE_INFINITY;
                for (let v = -1; v < S; v++) {
                  let nRun: number;
                  let nFlag: number;
                  let nWe = pWe;
                  if (v < 0) {
                    if (pv >= 0) {
                      if (pRun < minCons && !pFlag) continue;
                      nRun = 1;
                      nFlag = 0;
                    } else {
                      nRun = Math.min(pRun + 1, offCap);
                      nFlag = pFlag;
                    }
                  } else {
                    if (!allowed[(e * D + n) * S + v] || (maxShifts[e * S + v] as number) <= 0) continue;
                    if (pv >= 0) {
                      if (cf[pv * S + v]) continue;
                      nRun = pRun + 1;
                      if (nRun > maxCons) continue;
                      nFlag = pFlag;
                    } else {
                      if (pRun < minOff && !pFlag) continue;
                      nRun = 1;
                      nFlag = 0;
                    }
                    if (weekendDay && (weekendFirst || pv < 0)) {
                      nWe++;
                      if (nWe > maxWe) continue;
                    }
                  }
                  // state(v, nRun, nFlag, nWe), inlined: this loop runs D x states x (S + 1) times per row
                  const at = next + (((v + 1) * RM + nRun) * 2 + nFlag) * WM + nWe;
                  const cost = (price[n * S1 + v + 1] as number) + (costToGo[at] as number);
                  if (cost < best) best = cost;
                }
                costToGo[here + (((pv + 1) * RM + pRun) * 2 + pFlag) * WM + pWe] = best;
              }
      }
    },
  };
}
