// The root of the column generation: price until no row has negative reduced cost at the widest
// affordable beam, or until the LP has settled (within SETTLE_GAP of its best Lagrangian bound:
// the cover requirements at their duals plus every employee's cheapest row). The long tail of
// column generation moves the bound, rarely the dives.
//
// Every round prices everyone, at a smoothed dual (Wentges 1997; Pessoa, Sadykov, Uchoa and
// Vanderbeck 2018, "Automation and combination of linear-programming based stabilization
// techniques in column generation"): ALPHA of the way from the LP's duals to the duals that gave
// the best bound so far. The LP's own duals swing from round to round, and rows priced at them
// chase the swing; the smoothed ones keep the rows near where the optimum's duals are. When none
// of the rows priced at the smoothed dual helps the LP (a mispricing), the next try moves
// (1 - ALPHA) further toward the LP's duals, ending at them. On Instance19 (84 days, 40 people) the
// Lagrangian gap fell below 1% in 64 rounds with smoothing and was still 7.6% after 74 without.
//
// A root that will not settle in time is abandoned, because dives from a poor LP make poor rosters
// and the annealing makes better use of the time left:
//   - too slow: in or after round 1 or 2, fewer than MIN_ROUNDS would fit before the deadline (an LP
//     re-solve plus a pricing round that takes seconds, as on a 182-day, 100-person roster);
//   - at the deadline, unless within NEAR_GAP of the bound. Its LP then still guides the
//     annealing (solve-phases.ts) instead of diving, unless it is more than FAR_GAP from its
//     bound ('too far'): such an LP says little about which cells matter;
//   - at HOPELESS_AT of its time, when the best gap it has reached is still above HOPELESS_GAP:
//     it would end too far at its deadline, and the annealing gets the rest of its time;
//   - from STALL_FROM of its time, when it still prices early and its LP has hardly come down
//     (STALL_RATE): its bound says nothing yet, and its LP will not get far.
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
/**
 * A root within this share of its bound at the deadline still dives. (5% was tried: Instance19's
 * root then dived from 3204, 1.7% above the best known, but no dive finished in the time left, and
 * the solve ended 50% above it where the annealing given that time ends about 16% above.)
 * Guiding instead of diving from such a root was tried again on 2026-11-28: better on
 * Instance19, worse on the rebuilt Instance15, whose dive finishes and ends close (see
 * docs/rostering-solver.md, guided annealing).
 */
const NEAR_GAP = 0.02;
/**
 * A root this far from its bound at its deadline does not guide either. Instance21's root (182
 * days, 100 people) is usually given up as too slow after round 1, but when a round happens to
 * come in fast enough it runs to its deadline: 18 rounds, an LP of 47787 (the best known is
 * 21133), and guided by it the solve ended at 39549 and 43722 (seed 4, twice, 2026-11-28),
 * where the annealing alone ends near 26000. Made to reach its deadline (allowed to, in 6
 * rounds), its bound was 349% below its LP; Instance19's gap there was 0.8% in the run logged.
 */
const FAR_GAP = 0.25;
/**
 * A root still more than HOPELESS_GAP from its bound (the least gap of any round so far) after
 * HOPELESS_AT of its time ends 'too far' there. Traced on 2026-11-29 (a 27 s root, one run each,
 * gap at about 3, 6, 9 ... s): Instance19 130%, 26%, 7%, 43%, 15% (near half; the least so far
 * 7%), 7%, 4%, 1.5% (ended near); the rebuilt Instance20 (182 days, 50 people) 364%, 258%,
 * 186%, 152% (near half), 128%, 110%, 91%, 64% (ended too far); the rebuilt Instance13 (28 days,
 * 120 people, 18 shift types) 808%, 490%, 415%, 391% (near half), 317%, 315%, 291%, 275% (too far). Their LP re-solves took most of the
 * time (18 s of 28 on Instance13). (A line of 25% at 15% or 30% of the time was tried before:
 * Instance19 crossed it either way, see RootEnd.)
 */
const HOPELESS_GAP = 1;
const HOPELESS_AT = 0.5;
/**
 * From STALL_FROM of its time on, a root still pricing early (never within EARLY_GAP of even the
 * merged programme's bound) must have brought its LP down from its first value by STALL_RATE x
 * the share of its time gone (5% at a quarter, 10% at half), or it ends 'too far' there, whatever
 * its gap: on long rows the merged programme's bound is far too kind and says nothing. The same
 * holds at its deadline (20%), where such a root does not guide. Traced on 2026-11-29 on a machine
 * where Instance21's rounds (182 days, 100 people) took about 1 s, so it had room for more than
 * MIN_ROUNDS: its LP was still at its first value, 39806, a quarter into a 27 s root and at 39775
 * by half (0.1% down), while that bound rose from -145000 to 10018 by half and 36125 later (the best known is
 * 21133). Its gap at half was 75% in one run and 122% in another; the root that passed
 * HOPELESS_GAP went on to its deadline and guided the annealing to 30050 and 30270 (two runs,
 * seed 1), the one given up halfway left the annealing to end at 25028, and the annealing alone
 * ended at 23233. The sample's other roots left the early rounds at 1-12% of their time, their
 * LP 0.0-16% down by then (Instance10 0.4%, Instance12 7.6%); Instance19's LP came down 29% by a
 * quarter and 35% by half, and it left the early rounds at a quarter.
 * Tried on 2026-11-29 (a later session, a machine where a loop of 10^9 additions took 4.1 s):
 * from a tenth instead of a quarter. Instance21's root was given up about 3 s in instead of
 * about 8 s, and with the windows after it (solve-phases.ts) a 60 s solve without any root ended
 * at 21892, 21998, 22628, 21995 (seeds 1-4) against 22128, 22395, 21996, 22200 with the root
 * given up at a quarter. The sample's roots still pricing early at a tenth had their LP well down
 * (Instance12 11%, Instance19 17%). But the app's 20 s solve of the demo's 4-week roster, whose
 * root converges and proves its roster optimal at about 3.7 s, had its root given up at a tenth
 * (0.9 s in) and ran its whole 20 s unproven, so a quarter stays.
 * Before its deadline, a stalled root must also still be more than HOPELESS_GAP from its bound
 * (2026-11-29, later; at its deadline, where a root within FAR_GAP would guide, it need not):
 * the demo roster's start is often within 1% of its optimum (start LP 429-431 against 428), so its
 * LP cannot come down 5%; its bound closed in from 3150% to 37% of the LP in its first 14% of the
 * time, yet the rule gave it up a quarter in, 'too far', in 3 of 10 solves (20 s, seeds 1-4,
 * then 1-6); with the gap condition all six of seeds 1-6 converged. Instance21's least gap a
 * quarter in was infinite (no bound yet) or 348% (seeds 5 and 6), so its root still ends there.
 */
const STALL_FROM = 0.25;
const STALL_RATE = 0.2;
/**
 * Rounds a root must have room for, judged after round 1 and 2: with fewer its LP would hardly
 * move from the start roster's rows. A root with room for more but not enough to settle (the roots that
 * settled in the benchmark runs took from about 30 to several hundred rounds) runs to its
 * deadline, and its LP guides the annealing and the windows (solve-phases.ts). A second rule,
 * room for 40 rounds after round 4, was dropped on 2026-11-28: Instance19's root had room for
 * 43-59 there, and on a slower machine fell below and was given up. Two solves at once on two
 * cores (seeds 1-4, each pair run together, 60 s): with the rule the root was given up every time
 * and the solves ended 24.3-36.6% above the best known (median 31.0); without it the root ran to
 * its deadline and they ended 14.8-30.1% (median 20.1).
 * Raised from 10 to 15 on 2026-11-29, when a bound that was no bound (restricted-master.ts) was
 * fixed: Instance21's root (182 days, 100 people) then had room for about 14-20 rounds after
 * round 1 and about 12 after round 2, and made to run to its deadline it got through 20-22
 * rounds, its LP only moving from about 47400 to 45200 (the best known is 21133), and ended too
 * far to guide. The fewest rounds of room after round 1 among the sample's other instances was
 * 31 (Instance14, which settles in about 70), then 61 (Instance10) and 71 (Instance19).
 */
const MIN_ROUNDS = 15;
/**
 * Until the LP is within this share of its bound, only the merged row programme prices (the
 * cheaper of the two, restricted-master.ts): the first rounds only need fair rows to move the LP.
 * The bound a merged programme gives is too kind, so it is measured again once both price.
 */
const EARLY_GAP = 0.05;
/** Weight of the best-bound duals in the smoothed dual (the literature's usual 0.8). */
const ALPHA = 0.8;

export type RootOptions = {
  clock: () => number;
  /** Clock value by which root pricing stops. */
  deadline: number;
  timeUp: () => boolean;
  /**
   * A window's root (window-search.ts): never abandoned as too slow, and it dives from wherever it
   * stands at its deadline. Its master is small and its time short, and a dive from a fair LP is
   * still a roster the search judges by the evaluator and keeps only when no worse.
   */
  patient?: boolean;
};

/**
 * How the root ended: it converged (no row prices out, checked exactly), settled near its bound,
 * or was close enough at its deadline (all three dive); or it was abandoned as too slow; or it
 * reached its deadline further from its bound (its LP guides the annealing) or more than FAR_GAP
 * from it, or was more than HOPELESS_GAP from it halfway, or stalled in its early rounds
 * (STALL_RATE) ('too far', no guide); or the solve was
 * stopped or ran out of time. (A root still more than 25% from its bound at 15% or 30% of the
 * time was once abandoned as 'too far': with a smoothed root, Instance19 was sometimes just above
 * that line there and sometimes below, and its result swung from 4% to 25%; at its deadline its
 * gap was 0.8% in the run logged. Instance13, outside the sample, ended 'too far' at its deadline
 * in a 60 s solve before HOPELESS_GAP.)
 */
export type RootEnd = 'converged' | 'settled' | 'near' | 'too slow' | 'deadline' | 'too far' | 'stopped';

export type Root = {
  end: RootEnd;
  /** The LP the dives start from, or null when the root was abandoned. */
  lp: LpSolution | null;
  /** The last LP of a root that reached its deadline too far from its bound to dive, to guide the annealing. */
  guide: LpSolution | null;
  /** Objective of the last LP solved (a lower bound only when `converged`). */
  rootLp: number;
  converged: boolean;
  rounds: number;
};

export function solveRoot(master: RestrictedMaster, opts: RootOptions): Root {
  let budget = PRICING_BUDGET;
  // the best Lagrangian bound at the current beam, and the duals that gave it
  let bestBound = Number.NEGATIVE_INFINITY;
  let center: Float64Array | null = null;
  let smoothed = new Float64Array(0);
  const widen = () => {
    budget *= 4;
    master.setPricingBudget(budget);
    // a narrower beam misses rows, so its bound is too kind: measure again at the new one
    bestBound = Number.NEGATIVE_INFINITY;
  };
  const priceSmoothed = (lpDual: Float64Array, stop?: () => boolean) => {
    for (let k = 1; ; k++) {
      const a = center ? Math.max(0, 1 - k * (1 - ALPHA)) : 0;
      let y = lpDual;
      if (a > 0 && center) {
        if (smoothed.length !== lpDual.length) smoothed = new Float64Array(lpDual.length);
        for (let i = 0; i < y.length; i++) smoothed[i] = a * (center[i] as number) + (1 - a) * (lpDual[i] as number);
        y = smoothed;
      }
      const round = master.priceRound(y, undefined, Number.POSITIVE_INFINITY, lpDual, stop);
      if (stop?.()) return round;
      const bound = round.pricedAll ? master.lagrangianBound(y, round) : Number.NEGATIVE_INFINITY;
      if (bound > bestBound) {
        bestBound = bound;
        center = Float64Array.from(y);
      }
      if (round.improving > 0 || a === 0) return round;
    }
  };
  let rootLp = Number.NaN;
  let converged = false;
  let settled = false;
  let lagrangianGap = Number.POSITIVE_INFINITY;
  // the least gap of any round: the current one jumps up when a wider beam resets the bound
  let leastGap = Number.POSITIVE_INFINITY;
  // the first rounds price with the merged programme alone (see EARLY_GAP)
  let early = true;
  master.setPricingBudget(budget, 'merged');
  const leaveEarly = () => {
    early = false;
    master.setPricingBudget(budget);
    bestBound = Number.NEGATIVE_INFINITY;
  };
  let lp = master.solve();
  const firstLp = lp.objective;
  // still pricing early with an LP that has come down too little for the share of time gone (see STALL_RATE)
  const stalled = (share: number) => early && firstLp - rootLp < STALL_RATE * share * Math.abs(firstLp);
  let rounds = 0;
  let secondFrom = 0;
  let abandoned: RootEnd | null = null;
  // round 1 has no LP solve in it (the cold one is above), so its time is a lower bound on a round
  const firstRoundFrom = opts.clock();
  // Rounds 1 and 2 are given up as too slow as soon as they have taken so long that the check
  // after them must fail: weight x t x MIN_ROUNDS > what is left after t (an early round weighs
  // 2, see below). On a 182-day, 100-person roster round 1 took about 5 s of a 60 s solve (on a
  // machine where the annealing made 16 M moves in the minute) for nothing; and when round 1 came
  // in just fast enough, round 2, which re-prices at moved duals after a mispricing, ran about
  // 3.5 s more before the check after it gave the root up (Instance21, 2026-11-29).
  const tooSlowSince = (from: number, weight: number) => () => {
    const t = opts.clock() - from;
    return weight * t * MIN_ROUNDS > opts.deadline - from - t;
  };
  while (lp.ok && !opts.timeUp() && opts.clock() < opts.deadline) {
    rootLp = lp.objective;
    rounds++;
    const pricedEarly = early;
    const cutShort =
      rounds <= 2 && !opts.patient ? tooSlowSince(rounds === 1 ? firstRoundFrom : secondFrom, pricedEarly ? 2 : 1) : undefined;
    const round = priceSmoothed(lp.rowDual, cutShort);
    if (cutShort?.()) {
      abandoned = 'too slow';
      break;
    }
    if (round.improving === 0) {
      if (early) leaveEarly();
      else if (budget < PRICING_BUDGET_MAX) widen();
      else {
        converged = true;
        break;
      }
    } else {
      lagrangianGap = (rootLp - bestBound) / Math.max(1, Math.abs(rootLp));
      leastGap = Math.min(leastGap, lagrangianGap);
      if (early && lagrangianGap <= EARLY_GAP) leaveEarly();
      else if (lagrangianGap <= SETTLE_GAP) {
        // a narrow beam misses rows, so the bound it gives is too kind: widen before settling
        // (Instance15 settled 4.5% above its optimum on a narrow merged beam)
        if (budget < PRICING_BUDGET_MAX) widen();
        else {
          settled = true;
          break;
        }
      }
    }
    const now = opts.clock();
    if (rounds === 1) secondFrom = now;
    // round 1's pricing alone (the cold LP solve before it is left out), then round 2 with its LP
    // solve (182 days, 100 people: about 5 s a round)
    if (!opts.patient && rounds <= 2) {
      // an early round prices with one programme of the two later rounds use: count it twice
      const perRound = (rounds === 1 ? now - firstRoundFrom : now - secondFrom) * (pricedEarly ? 2 : 1);
      if ((opts.deadline - now) / perRound < MIN_ROUNDS) {
        abandoned = 'too slow';
        break;
      }
    }
    const share = (now - firstRoundFrom) / (opts.deadline - firstRoundFrom);
    // hopeless from HOPELESS_AT on; before that, only when stalled as well
    if (!opts.patient && leastGap > HOPELESS_GAP && (share >= HOPELESS_AT || (share >= STALL_FROM && stalled(share)))) {
      abandoned = 'too far';
      break;
    }
    lp = master.solve();
  }
  const end: RootEnd = converged
    ? 'converged'
    : settled
      ? 'settled'
      : (abandoned ??
        (!lp.ok || opts.timeUp()
          ? 'stopped'
          : endAtDeadline(stalled(1) ? Number.POSITIVE_INFINITY : lagrangianGap, opts.patient === true)));
  const dives =
    lp.ok && (end === 'converged' || end === 'settled' || end === 'near' || (opts.patient === true && end === 'deadline'));
  return { end, lp: dives ? lp : null, guide: end === 'deadline' && lp.ok ? lp : null, rootLp, converged, rounds };
}

/** How a root that reached its deadline unsettled ends, by its last Lagrangian gap (a window's root never ends too far). */
function endAtDeadline(gap: number, patient: boolean): RootEnd {
  if (gap <= NEAR_GAP) return 'near';
  if (gap > FAR_GAP && !patient) return 'too far';
  return 'deadline';
}
