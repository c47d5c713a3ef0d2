// The most minutes an employee can still work from each state of the row programme (row-dp.ts),
// which drops labels that can no longer reach the contract's minimum.
import type { Compiled } from './compile.js';

const UNREACHABLE = -1_000_000_000;

/** Each problem's bounds by employee, computed once. */
const boundsOf = new WeakMap<Compiled, (Int32Array | undefined)[]>();

/**
 * remainingMinutesBound, computed once per problem and employee: it depends on the employee's
 * rules alone, and window searches make new row programmes often (each master makes its own).
 */
export function minutesBound(c: Compiled, e: number): Int32Array {
  let bounds = boundsOf.get(c);
  if (!bounds) {
    bounds = [];
    boundsOf.set(c, bounds);
  }
  const ub = bounds[e] ?? remainingMinutesBound(c, e);
  bounds[e] = ub;
  return ub;
}

/**
 * The most minutes employee e can still work after each day, by state (working that day or not,
 * run length, whether the run touches day 0, weekends used): a backward pass over the same run,
 * days-off and weekend rules as the forward programme, with each workable day worth its longest
 * allowed shift (cannot-follow and shift counts relaxed, so it is an upper bound). The forward
 * pass drops labels that can no longer reach the contract's minimum minutes; without this a beam
 * of cheap labels on a long horizon can end with none that works enough.
 */
function remainingMinutesBound(c: Compiled, e: number): Int32Array {
  const { D, S } = c;
  const maxCons = c.maxCons[e] as number;
  const minCons = c.minCons[e] as number;
  const minOff = c.minOff[e] as number;
  const offCap = Math.max(1, minOff);
  const maxWe = c.maxWe[e] as number;
  const runMax = Math.max(maxCons, offCap) + 1;
  const weMax = maxWe + 1;
  const per = 2 * runMax * 2 * weMax;
  const ub = new Int32Array(D * per).fill(UNREACHABLE);
  const gain = new Int32Array(D);
  for (let d = 0; d < D; d++) {
    let g = -1;
    for (let t = 0; t < S; t++)
      if (c.allowed[(e * D + d) * S + t] && (c.maxShifts[e * S + t] as number) > 0) g = Math.max(g, c.len[t] as number);
    gain[d] = g;
  }
  const at = (d: number, working: number, run: number, flag: number, we: number) =>
    ((((d * 2 + working) * runMax + run) * 2 + flag) * weMax + we) as number;
  for (let i = (D - 1) * per; i < D * per; i++) ub[i] = 0;
  for (let d = D - 2; d >= 0; d--) {
    const n = d + 1;
    const weekendDay = (c.weekend[n] as number) >= 0;
    const weekendFirst = c.weekendFirst[n] === 1;
    for (let working = 0; working < 2; working++)
      for (let run = 1; run < runMax; run++)
        for (let flag = 0; flag < 2; flag++)
          for (let we = 0; we <= maxWe; we++) {
            let best = UNREACHABLE;
            // next day off
            if (working) {
              if (run >= minCons || flag) best = Math.max(best, ub[at(n, 0, 1, 0, we)] as number);
            } else best = Math.max(best, ub[at(n, 0, Math.min(run + 1, offCap), flag, we)] as number);
            // next day worked
            if ((gain[n] as number) >= 0) {
              let nWe = we;
              if (weekendDay && (weekendFirst || !working)) nWe++;
              let ok = nWe <= maxWe;
              let nRun = 1;
              let nFlag = 0;
              if (working) {
                nRun = run + 1;
                nFlag = flag;
                ok &&= nRun <= maxCons;
              } else ok &&= run >= minOff || flag === 1;
              if (ok) {
                const rest = ub[at(n, 1, nRun, nFlag, nWe)] as number;
                if (rest > UNREACHABLE) best = Math.max(best, (gain[n] as number) + rest);
              }
            }
            ub[at(d, working, run, flag, we)] = best;
          }
  }
  return ub;
}
