// The root of the column generation: price until no row has negative reduced cost at the widest
// affordable beam, or until the LP has settled (within SETTLE_GAP of its Lagrangian bound,
// LP + the employees' negative reduced costs, priced for everyone in one round). The long tail of
// column generation moves the bound, rarely the dives. A root that will not settle in time is
// abandoned, because dives from a poor LP make poor rosters and the annealing makes better use of
// the time left:
//   - too slow: after a few rounds, fewer than MIN_ROUNDS would fit before the deadline (an LP
//     re-solve plus a pricing round that takes seconds, as on a 182-day, 100-person roster);
//   - too far: a Lagrangian gap still above CHECKPOINT_GAP at the checkpoint;
//   - at the deadline, unless within NEAR_GAP of the bound.
import type { LpSolution } from './master-lp.js';
import type { RestrictedMaster } from './restricted-master.js';

/**
 * Label steps of one pricing programme: this many at first, widened fourfold each time pricing
 * finds no column or the bound looks settled (the beam is at least MIN_WIDTH labels a day, see
 * restricted-master.ts).
 */
export const PRICING_BUDGET = 50_000;
const PRICING_BUDGET_MAX = 800_000;
/** The root counts as settled when its Lagrangian bound is within this share of the LP. */
const SETTLE_GAP = 0.003;
/** A root whose Lagrangian gap is still above this at the checkpoint is abandoned there. */
const CHECKPOINT_GAP = 0.25;
/** A root within this share of its bound at the deadline still dives. */
const NEAR_GAP = 0.02;
/**
 * Rounds a root needs at the least: the roots that settled in the benchmark runs took from about
 * 30 (small rosters) to several hundred rounds, so a root with room for fewer cannot settle.
 */
const MIN_ROUNDS = 40;
/** Rounds timed before the rule above is applied (the first LP solve starts cold, so it is left out). */
const TIMED_ROUNDS = 3;

export type RootOptions = {
  clock: () => number;
  /** Clock value by which root pricing stops. */
  deadline: number;
  /** Clock value at which a root still far from settling is abandoned. */
  checkpoint?: number;
  timeUp: () => boolean;
};

/**
 * How the root ended: it converged (no row prices out, checked exactly), settled near its bound,
 * or was close enough at its deadline (all three dive); or it was abandoned as too slow, too far
 * at the checkpoint, or still far at the deadline; or the solve was stopped or ran out of time.
 */
export type RootEnd = 'converged' | 'settled' | 'near' | 'too slow' | 'too far' | 'deadline' | 'stopped';

export type Root = {
  end: RootEnd;
  /** The LP the dives start from, or null when the root was abandoned. */
  lp: LpSolution | null;
  /** Objective of the last LP solved (a lower bound only when `converged`). */
  rootLp: number;
  converged: boolean;
  rounds: number;
};

export function solveRoot(master: RestrictedMaster, opts: RootOptions): Root {
  let budget = PRICING_BUDGET;
  let exact = false;
  const widen = () => {
    budget *= 4;
    master.setPricingBudget(budget, exact);
  };
  let rootLp = Number.NaN;
  let converged = false;
  let settled = false;
  let lagrangianGap = Number.POSITIVE_INFINITY;
  let lp = master.solve();
  let rounds = 0;
  let timedFrom = 0;
  let abandoned: RootEnd | null = null;
  while (lp.ok && !opts.timeUp() && opts.clock() < opts.deadline) {
    rootLp = lp.objective;
    // every fifth round prices everyone, for the bound
    const full = ++rounds % 5 === 0;
    const round = master.priceRound(lp.rowDual, undefined, full ? Number.POSITIVE_INFINITY : undefined);
    if (round.added === 0) {
      if (budget < PRICING_BUDGET_MAX) widen();
      else if (!exact) {
        // the fast pricing merges labels, so finding nothing proves nothing: confirm exactly
        exact = true;
        master.setPricingBudget(budget, true);
      } else {
        converged = true;
        break;
      }
    } else if (full && round.pricedAll) {
      lagrangianGap = -round.rcSum / Math.max(1, Math.abs(rootLp));
      if (lagrangianGap <= SETTLE_GAP) {
        // a narrow or merged beam misses rows, so the bound it gives is too kind: widen, then
        // price exactly, before settling (Instance15 settled 4.5% above its optimum without)
        if (budget < PRICING_BUDGET_MAX) widen();
        else if (!exact) {
          exact = true;
          master.setPricingBudget(budget, true);
        } else {
          settled = true;
          break;
        }
      }
    }
    const now = opts.clock();
    if (rounds === 1) timedFrom = now;
    if (rounds === 1 + TIMED_ROUNDS) {
      const perRound = (now - timedFrom) / TIMED_ROUNDS;
      if ((opts.deadline - now) / perRound < MIN_ROUNDS) {
        abandoned = 'too slow';
        break;
      }
    }
    if (now >= (opts.checkpoint ?? Number.POSITIVE_INFINITY) && lagrangianGap > CHECKPOINT_GAP) {
      abandoned = 'too far';
      break;
    }
    lp = master.solve();
  }
  const end: RootEnd = converged
    ? 'converged'
    : settled
      ? 'settled'
      : (abandoned ?? (!lp.ok || opts.timeUp() ? 'stopped' : lagrangianGap <= NEAR_GAP ? 'near' : 'deadline'));
  const dives = lp.ok && (end === 'converged' || end === 'settled' || end === 'near');
  return { end, lp: dives ? lp : null, rootLp, converged, rounds };
}
