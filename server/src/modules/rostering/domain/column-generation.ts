// Column generation with diving: the LP side of branch and price, the method behind the published
// optima of these instances (Curtois & Qu 2014), without the branching tree. Each
// column is one employee's whole row; the master picks one row per employee and pays cover
// shortfall and surplus through slack columns:
//
// (restricted-master.ts has the model).
// The LP relaxation's duals price each (day, shift) for each employee, and the row programme
// (row-dp.ts), which already respects every hard rule of a row, finds the row of least reduced
// cost. When no row prices out (or the bound has settled), dives fix cells the LP agrees on and
// price again until the LP is integral. The LP bound of this model is tight on rostering problems,
// so a dive usually lands near the optimum; the annealing then polishes what the dives left.
// (Solving the generated rows as a MIP with HiGHS was tried first: it stayed far above the LP,
// e.g. Instance7 at 1260 against an LP of 1054 after 21 s, and Instance8, 12 and 14 no better than
// the start roster in 15 s, so it is not used.)
//
// Files: restricted-master.ts (the master LP, fixed cells, pricing rounds), column-generation-root.ts
// (the root and when to abandon it), column-generation-dives.ts (the dives), row-feasible.ts.

import { dive } from './column-generation-dives.js';
import { PRICING_BUDGET, type RootEnd, solveRoot } from './column-generation-root.js';
import type { Compiled } from './compile.js';
import type { LpSolution, MasterLpFactory } from './master-lp.js';
import { createRestrictedMaster, type MasterWindow, type RestrictedMaster } from './restricted-master.js';

export { rowFeasible } from './row-feasible.js';

/**
 * The share of the dives' time after which a first dive that will not finish at its pace gives
 * up. On Instance19 (84 days) a root that ended "near" at its deadline left 35% of a minute, and
 * its one careful dive (about 1.8 s a step) did not finish in it; the solve then ended 66% above
 * the best known (CPU-time clock, two runs at a time). Instance15 (42 days, 6 shift types), whose
 * first dive takes about half the dives' time, needs the pace judged late enough to be fair. Two
 * bench runs each (seeds 1 and 2, gap %), with the pace judged from the start (after three steps),
 * from a quarter and from half: Instance19 11.8 and 5.8, 6.2 and 12.6, 15.7 and 19.0;
 * Instance15 10.6 and 6.4, 3.8 and 7.1, 4.1 and 4.4. Too few to be sure; a quarter for now.
 */
const FIRST_DIVE_SHARE = 0.25;

export type PriceAndDiveOptions = {
  clock: () => number;
  /** Clock value by which root pricing stops (dives start from the LP reached by then). */
  rootDeadline: number;
  /** Clock value by which everything must have answered. */
  deadline: number;
  shouldStop?: () => boolean;
  /** At most this many dives (tests: a run that does not depend on the clock). */
  maxDives?: number;
  /** Called with each integer roster a dive ends in. */
  onRoster?: (roster: Int16Array) => void;
  /** Called once the root has ended, before any dive: its LP objective, a bound when it converged. */
  onRoot?: (root: { rootLp: number; converged: boolean }) => void;
  /** Only these days are free; the incumbent's values stay on the others (window-search.ts). */
  window?: MasterWindow;
};

export type PriceAndDiveResult = {
  /** The best roster a dive ended in (cell values, -1 = off), or null when none finished. */
  roster: Int16Array | null;
  /** Objective of the root LP relaxation (a lower bound only when it converged). */
  rootLp: number;
  rootEnd: RootEnd;
  columns: number;
  rounds: number;
  dives: number;
  /** Dive steps undone because the LP jumped (column-generation-dives.ts). */
  backtracks: number;
  converged: boolean;
  /** The best roster meets the root LP bound (as far as the pricing was exact): no dive can do better. */
  optimal: boolean;
  /**
   * The root LP's weight on each cell value, guide[(e * D + d) * (S + 1) + v + 1] (v = -1 off),
   * for the annealing to lean on: when the root reached its deadline too far from its bound to
   * dive, or when the dives ended far above it. Absent when the root solved no LP.
   */
  guide?: Float64Array;
};

/**
 * Column generation to the root LP (or until it is abandoned), then dives. Each dive's roster
 * goes to onRoster; dives repeat with fresh choices while time remains.
 */
export function priceAndDive(
  c: Compiled,
  incumbent: Int16Array,
  factory: MasterLpFactory,
  opts: PriceAndDiveOptions,
): PriceAndDiveResult {
  const master = createRestrictedMaster(c, incumbent, factory, PRICING_BUDGET, opts.window);
  const timeUp = () => opts.clock() >= opts.deadline || opts.shouldStop?.() === true;
  try {
    const root = solveRoot(master, {
      clock: opts.clock,
      deadline: opts.rootDeadline,
      timeUp,
      patient: opts.window !== undefined,
    });
    // The pricing prices the overtime and fairness terms as the master costs them (row-dp.ts,
    // row-soft-cost.ts), so a root that found nothing new is a bound with them too.
    const converged = root.converged;
    opts.onRoot?.({ rootLp: root.rootLp, converged });
    const summary = { rootLp: root.rootLp, rootEnd: root.end, converged };
    if (!root.lp)
      return {
        roster: null,
        ...summary,
        columns: master.columnCount(),
        rounds: root.rounds,
        dives: 0,
        backtracks: 0,
        optimal: false,
        ...(root.guide ? { guide: cellWeights(c, master, root.guide) } : {}),
      };
    // before the dives, which fix cells and add rows (the root's column values index the rows so far)
    const guide = cellWeights(c, master, root.lp);
    // A first dive still far from done halfway through the dives' time gives up (see `pace`).
    const now = opts.clock();
    const d = dive(c, master, root.lp, {
      timeUp,
      ...summary,
      ...(opts.maxDives !== undefined ? { maxDives: opts.maxDives } : {}),
      ...(opts.onRoster ? { onRoster: opts.onRoster } : {}),
      pace: { clock: opts.clock, firstBy: now + (opts.deadline - now) * FIRST_DIVE_SHARE, deadline: opts.deadline },
    });
    return {
      roster: d.roster,
      ...summary,
      columns: master.columnCount(),
      rounds: root.rounds + d.rounds,
      dives: d.dives,
      backtracks: d.backtracks,
      optimal: d.optimal,
      guide,
    };
  } finally {
    master.dispose();
  }
}

/** The LP's weight on each cell value: the sum of the LP values of the employee's rows that put v on day d. */
export function cellWeights(c: Compiled, master: RestrictedMaster, lp: LpSolution): Float64Array {
  const { D } = c;
  const S1 = c.S + 1;
  const w = new Float64Array(c.E * D * S1);
  for (let e = 0; e < c.E; e++)
    for (const j of master.ofEmployee[e] as number[]) {
      const lam = lp.colValue[j] as number;
      if (!(lam > 1e-9)) continue;
      const row = master.rows[j] as Int16Array;
      for (let d = 0; d < D; d++) {
        const k = (e * D + d) * S1 + (row[d] as number) + 1;
        w[k] = (w[k] as number) + lam;
      }
    }
  return w;
}
