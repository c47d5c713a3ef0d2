// Dives from the root LP: fix the cells the LP agrees on most, price again, until the LP is
// integral, then undo the fixing and dive again along another path while time remains. A step
// that makes the LP jump is undone and tried smaller (limited backtracking, after Sadykov,
// Vanderbeck, Pessoa, Tahiri and Uchoa, "Primal heuristics for branch and price: the assets
// of diving methods", INFORMS Journal on Computing, 2019).
import type { Compiled } from './compile.js';
import type { LpSolution } from './master-lp.js';
import type { RestrictedMaster } from './restricted-master.js';

/**
 * Share of a dive's fractional cells fixed per step: dives alternate between careful (a twentieth,
 * slow, usually the better roster on many shift types) and quick (a fifth, several per second on
 * small instances, where many noisy dives find the best). Pricing rounds after each step.
 * (Fixing the whole rows the LP weighs at least 0.6 first, to shorten a long roster's dive, was
 * tried: Instance19's first dive then ended 50% above the best known, against 4-9% without.)
 */
const FIX_SHARE_CAREFUL = 0.05;
const FIX_SHARE_QUICK = 0.2;
const DIVE_PRICING_ROUNDS = 3;
/**
 * A fixing step that raises the dive's LP by more than this share of the root LP is undone (at
 * most MAX_BACKTRACKS times a dive). Traced on Instance14 (42 days), a dive's LP rose by 0.1-1 a
 * step (of about 1283) and then, in one step, by 19 or 57; on Instance8 dives ended 30% above
 * their root that way.
 */
const JUMP_SHARE = 0.005;
const MAX_BACKTRACKS = 8;
/** Steps a dive takes before its pace is judged (see DiveOptions.pace). */
const PACE_STEPS = 3;
/**
 * Label steps of the dives' pricing, the exact guided programme only: the dives need good rows
 * quickly, and with the root's two programmes no careful dive finished on Instance19 in 21 s.
 */
export const DIVE_BUDGET = 200_000;
const EPS = 1e-6;

export type DiveOptions = {
  timeUp: () => boolean;
  /** At most this many dives (tests: a run that does not depend on the clock). */
  maxDives?: number;
  /** The root LP's objective, a bound when `converged`: a roster at it ends the dives. */
  rootLp: number;
  converged: boolean;
  onRoster?: (roster: Int16Array) => void;
  /**
   * With a clock: from `firstBy` on, while no dive has finished, a dive that at its pace so far
   * (the share of its first step's fractional cells it has settled, in the time it took) would
   * not finish by `deadline` gives up, so the time goes to the guided annealing (solve-phases.ts).
   */
  pace?: { clock: () => number; firstBy: number; deadline: number };
};

/** backtracks: the fixing steps undone after a jump, over all dives. */
export type Dives = { roster: Int16Array | null; dives: number; rounds: number; optimal: boolean; backtracks: number };

export function dive(c: Compiled, master: RestrictedMaster, root: LpSolution, opts: DiveOptions): Dives {
  const { E, D, S } = c;
  const S1 = S + 1;
  master.setPricingBudget(DIVE_BUDGET, 'exact');
  const step = costStep(c);
  const z = new Float64Array(E * D * S1);
  const split = new Uint8Array(E);
  let best: Int16Array | null = null;
  let bestCost = Number.POSITIVE_INFINITY;
  let dives = 0;
  let rounds = 0;
  let optimal = false;
  let noise = 0;
  let undone = 0;
  let lp = root;
  let gaveUp = false;
  const timeUp = () => gaveUp || opts.timeUp();
  // re-solves after a fixing step, then prices again only for the employees the LP still splits
  const repriceSplit = (everyone = false): LpSolution => {
    let cur = master.solve();
    for (let k = 0; k < DIVE_PRICING_ROUNDS && cur.ok && !timeUp(); k++) {
      split.fill(everyone ? 1 : 0);
      if (!everyone)
        for (let e = 0; e < E; e++)
          for (const j of master.ofEmployee[e] as number[]) {
            const lam = cur.colValue[j] as number;
            if (lam > 1e-6 && lam < 1 - 1e-6) split[e] = 1;
          }
      rounds++;
      if (master.priceRound(cur.rowDual, split).added === 0) break;
      cur = master.solve();
    }
    return cur;
  };
  // (cell, value) pairs a dive has undone alone after a jump: not fixed again in that dive
  const tabu = new Uint8Array(E * D * S1);
  const jump = JUMP_SHARE * Math.abs(opts.rootLp);
  while (lp.ok && !timeUp() && dives < (opts.maxDives ?? Number.POSITIVE_INFINITY)) {
    dives++;
    let cur = lp;
    let pruned = false;
    let backtracks = 0;
    let cap = Number.POSITIVE_INFINITY;
    tabu.fill(0);
    const diveStart = opts.pace?.clock() ?? 0;
    let firstFractional = 0;
    let steps = 0;
    for (;;) {
      if (!cur.ok) break;
      if (timeUp()) {
        // out of time mid-dive: the LP's heaviest row of each employee is still a roster (each row
        // meets its own rules), often a fair one from a dive well under way; better than none on a
        // long roster where no dive had finished
        if (!best) {
          const rounded = roundRows(c, master, cur);
          if (rounded) opts.onRoster?.(rounded);
        }
        break;
      }
      const integral = cellValues(c, master, cur, z);
      if (integral) break;
      // a dive whose LP is no better than the best roster found cannot beat it: start the next
      if (cur.objective > bestCost - step + EPS) {
        pruned = true;
        break;
      }
      // fix the free cells whose best shift is nearest to 1 (a share of the fractional ones, at
      // least one) to that shift; days off are never fixed, which leaves the pricing free to
      // reshape the rest of a row around its fixed shifts. Later dives add noise so they take
      // other paths.
      const cand: number[] = [];
      const score: number[] = [];
      for (let i = 0; i < E * D; i++) {
        if ((master.forced[i] as number) !== -2) continue;
        let bv = 0;
        let bvIdx = 0;
        for (let v = 1; v < S1; v++)
          if ((z[i * S1 + v] as number) > bv && tabu[i * S1 + v] === 0) {
            bv = z[i * S1 + v] as number;
            bvIdx = v;
          }
        if (bv > 1 - 1e-6 || bv < 1e-6) continue;
        cand.push(i * S1 + bvIdx);
        noise = (noise * 1103515245 + 12345) & 0x7fffffff;
        score.push(bv + (dives > 1 ? (noise / 0x7fffffff) * 0.3 : 0));
      }
      if (cand.length === 0) break;
      if (firstFractional === 0) firstFractional = cand.length;
      else if (opts.pace && !best && steps >= PACE_STEPS && opts.pace.clock() >= opts.pace.firstBy) {
        const now = opts.pace.clock();
        const done = 1 - cand.length / firstFractional;
        if (!(done > 0) || diveStart + (now - diveStart) / done > opts.pace.deadline) {
          gaveUp = true;
          continue; // to the time-up branch above, which hands in the LP's heaviest rows
        }
      }
      const order = cand.map((_, i) => i).sort((p, q) => (score[q] as number) - (score[p] as number));
      const share = dives % 2 === 1 ? FIX_SHARE_CAREFUL : FIX_SHARE_QUICK;
      const take = Math.min(cap, Math.max(1, Math.ceil(cand.length * share)));
      const fixed: number[] = [];
      for (let k = 0; k < take; k++) {
        const ci = cand[order[k] as number] as number;
        const i = Math.floor(ci / S1);
        master.fixCell(Math.floor(i / D), i % D, (ci % S1) - 1);
        fixed.push(ci);
      }
      const before = cur.objective;
      steps++;
      cur = repriceSplit();
      // A jump in the LP: first price everyone, since the employees just fixed may need rows the
      // split-only pricing does not look for. If it stays, the step fixed cells the cover cannot
      // do without: undo it and try again with half as many cells (the ones the LP agreed on
      // most), or, when it fixed one, with that cell value barred for the rest of the dive.
      if (cur.ok && cur.objective - before > jump && !timeUp()) cur = repriceSplit(true);
      if (cur.ok && cur.objective - before <= jump) cap = Number.POSITIVE_INFINITY;
      else if (backtracks < MAX_BACKTRACKS && !timeUp()) {
        backtracks++;
        undone++;
        for (const ci of fixed) {
          const i = Math.floor(ci / S1);
          master.unfixCell(Math.floor(i / D), i % D);
        }
        if (fixed.length === 1) tabu[fixed[0] as number] = 1;
        cap = Math.ceil(fixed.length / 2);
        cur = master.solve();
      }
    }
    if (cur.ok && !pruned && !timeUp()) {
      const roster = pickRows(c, master, cur);
      if (roster) {
        opts.onRoster?.(roster);
        if (cur.objective < bestCost) {
          bestCost = cur.objective;
          best = roster;
        }
      }
    }
    // proven optimal: nothing below the root LP bound exists (with exact pricing)
    if (opts.converged && bestCost < provenBelow(c, opts.rootLp)) {
      optimal = true;
      break;
    }
    // given up or out of time: no next dive, so no LP to solve for it (on Instance19 that solve,
    // from the dive's basis back to the root's, took 8.5 s after a dive gave up at its pace)
    if (timeUp()) break;
    master.unfixAll();
    lp = master.solve();
  }
  return { roster: best, dives, rounds, optimal, backtracks: undone };
}

/** Each employee's row of largest LP weight, or null when none of an employee's rows has weight (the stand-in row holds it all). */
function roundRows(c: Compiled, master: RestrictedMaster, lp: LpSolution): Int16Array | null {
  const { E, D } = c;
  const roster = new Int16Array(E * D);
  for (let e = 0; e < E; e++) {
    let pick = -1;
    let w = 0;
    for (const j of master.ofEmployee[e] as number[])
      if ((lp.colValue[j] as number) > w) {
        w = lp.colValue[j] as number;
        pick = j;
      }
    if (pick < 0) return null;
    roster.set(master.rows[pick] as Int16Array, e * D);
  }
  return roster;
}

/**
 * The least amount by which one roster can beat another: with whole weights, as in the benchmark,
 * one; 0 (unknown) when overtime and fairness terms may cost fractions.
 */
function costStep(c: Compiled): number {
  const whole = (a: ArrayLike<number>) => Array.prototype.every.call(a, (w: number) => Number.isInteger(w));
  return whole(c.cell) && whole(c.wu) && whole(c.wo) && !c.anyRowTerms ? 1 : 0;
}

/**
 * The cost below which a roster is proven best by a converged root's LP bound: nothing costs less
 * than the bound, and with a cost step (costStep) nothing below the bound rounded up either; with
 * fractional costs, only a roster at the bound itself is.
 */
export function provenBelow(c: Compiled, bound: number): number {
  const step = costStep(c);
  return bound + (step > 0 ? step - EPS : EPS);
}

/** z[e, d, v]: the LP's weight on value v in cell (e, d). Returns whether the LP is integral. */
function cellValues(c: Compiled, master: RestrictedMaster, lp: LpSolution, z: Float64Array): boolean {
  const { E, D, S } = c;
  const S1 = S + 1;
  z.fill(0);
  let integral = true;
  for (let e = 0; e < E; e++)
    for (const j of master.ofEmployee[e] as number[]) {
      const lam = lp.colValue[j] as number;
      if (lam < 1e-9) continue;
      if (lam < 1 - 1e-6) integral = false;
      const row = master.rows[j] as Int16Array;
      for (let d = 0; d < D; d++) {
        const zi = (e * D + d) * S1 + (row[d] as number) + 1;
        z[zi] = (z[zi] as number) + lam;
      }
    }
  return integral;
}

/** The roster of an integral LP, or null when an employee still needs the stand-in row. */
function pickRows(c: Compiled, master: RestrictedMaster, lp: LpSolution): Int16Array | null {
  const { E, D } = c;
  const roster = new Int16Array(E * D);
  for (let e = 0; e < E; e++) {
    let pick = -1;
    for (const j of master.ofEmployee[e] as number[]) if ((lp.colValue[j] as number) > 0.5) pick = j;
    if (pick < 0 || (lp.colValue[master.artificial + e] as number) > 0.5) return null;
    roster.set(master.rows[pick] as Int16Array, e * D);
  }
  return roster;
}
