// One solve in three phases when an LP engine is at hand and time is the limit:
//   1. annealing from scratch for a short start: a feasible roster within the first second
//      (the time to first feasible roster the benchmark reports) and the first columns;
//   2. column generation to the root LP, then dives (column-generation.ts), keeping the best
//      roster any of them ends in;
//   3. annealing from the best roster so far, cold, to polish what the dives left.
// A root that reached its deadline too far from its bound to dive guides the annealing instead:
// until GUIDED_UNTIL, every cell value the root LP does not use costs GUIDE_WEIGHT x the largest
// cover weight x (1 - its LP weight), and the search runs hot; then column generation over
// windows of days (window-search.ts), whose roots do converge, and the usual cold polish. Dives
// that ended far above the root LP (or gave up, see column-generation.ts) hand over to the same
// guided annealing and windows, the annealing for FAR_GUIDED_PART of the time left. A root
// given up with no LP to guide (too slow or too far) leaves the annealing until the polish
// (see `abandoned` below). A converged root is a bound: whichever phase finds a roster that meets
// it, the solve ends there, proven best.
// Without an engine, with an iteration limit (reproducible runs, the demo seed) or in repair mode
// (which must stay near the published roster), the annealing runs alone.
import { priceAndDive } from './column-generation.js';
import { provenBelow } from './column-generation-dives.js';
import { compileProblem, decodeRoster, encodeRoster, largestCoverWeight } from './compile.js';
import { evaluateRoster } from './evaluate.js';
import type { RosterProblem } from './model.js';
import { annealRoster, type SolveOptions, type SolveResult } from './solver.js';
import { windowSearch } from './window-search.js';

/** Shares of the time limit: the annealing start, and the end of the column generation. */
const START_SHARE = 0.05;
const ROOT_SHARE = 0.5;
const DIVE_SHARE = 0.85;
/** Start temperature of the polish, as a multiple of the default: cold, to keep the dive's shape. */
const POLISH_HEAT = 0.05;
/**
 * The guided annealing: what a cell value outside the LP's solution costs, as a share of the
 * largest cover weight, and the start temperature as a multiple of the default. On Instance19
 * (84 days, CPU-time clock, 60 s), where the root ends at its deadline 1-2% above the best known
 * but more than 2% from its bound, the solve ended at 3320-3641 (four runs at weights 0.2 and
 * heat 2 or 4) against 3809 with heat 2 and no guide, 3550-3655 at heat 1 and 3735-3765 at heat
 * 0.2; weights 0.1 and 0.5 at heat 1 gave 3655 and 3619.
 */
const GUIDE_WEIGHT = 0.2;
const GUIDE_HEAT = 2;
/** A dive's roster within this share above the root LP counts as close to it. */
const CLOSE_GAP = 0.02;
/**
 * The first dive roster within NEAR_BOUND_GAP above a converged root's bound, and not proven by
 * it, gets a cold polish of NEAR_BOUND_POLISH of the time at once (the dives then go on if it
 * did not meet the bound). On the demo's 4-week roster the dives often end one above the bound
 * (429 against 428), and the polish at the end found 428 in about 2 s of a 20 s solve.
 */
const NEAR_BOUND_GAP = 0.01;
const NEAR_BOUND_POLISH = 0.1;
/**
 * A root that reached its deadline too far from its bound to dive: the guided annealing runs until
 * GUIDED_UNTIL, then the window search (window-search.ts) until WINDOWS_UNTIL, each window given
 * up to WINDOW_SHARE of the time. On Instance19 (root at its deadline, 60 s, CPU-time clock, two
 * runs at a time) the solve ended at 3271-3465 in four runs with windows after the guided
 * annealing (from 0.6 or 0.7 of the time) against 3367-3561 in three runs without them.
 */
const GUIDED_UNTIL = 0.6;
const WINDOWS_UNTIL = 0.95;
const WINDOW_SHARE = 0.05;
/**
 * After dives that ended far from the root LP (they end later than a root, often past
 * GUIDED_UNTIL), the guided annealing takes this part of the time left until WINDOWS_UNTIL and the
 * window search the rest. Instance19 (60 s, one solve at a time, 2026-11-29; its root ended near
 * or settled and one dive finished far each time), seeds 1-6: 3397, 3333, 3319, 3310, 3290, 3218
 * (median 3315) against 3449, 3303, 3510, 3427, 3307, 3334 (median 3381) with the guided annealing
 * alone until 0.95. A part of 0.25 gave 3321, 3315, 3612, 3333 (seeds 1-4); the windows straight
 * after the dive (no guided annealing) 3939 (seed 1).
 */
const FAR_GUIDED_PART = 0.5;

export function solveRoster(problem: RosterProblem, opts: SolveOptions = {}): SolveResult {
  const { lp, ...rest } = opts;
  const timeLimit = opts.timeLimitMs;
  if (!lp || opts.reference || opts.maxIterations !== undefined || timeLimit === undefined || !Number.isFinite(timeLimit))
    return annealRoster(problem, rest);
  const clock = opts.clock ?? (() => 0);
  const start = clock();
  let bestObjective = Number.POSITIVE_INFINITY;
  let bestHard = Number.POSITIVE_INFINITY;
  let iterations = 0;
  let lastReport = Number.NEGATIVE_INFINITY;
  // set once a root converged: a feasible roster below it is proven best (provenBelow)
  let provenUnder = Number.NEGATIVE_INFINITY;
  const proven = () => bestHard === 0 && bestObjective < provenUnder;
  const stop = () => opts.shouldStop?.() === true || proven();
  // every phase reports through here, so the caller sees one run whose objective only falls
  const report = (objective: number, hard: number, roster: () => (string | null)[][], force = false) => {
    if (hard > bestHard || (hard === bestHard && objective >= bestObjective)) return;
    bestHard = hard;
    bestObjective = objective;
    const now = clock();
    if (!force && now - lastReport < (opts.reportEveryMs ?? 250)) return;
    lastReport = now;
    opts.onImprovement?.({ objective, hardViolations: hard, elapsedMs: now - start, iterations, roster });
  };
  const phase = (initial: SolveResult | null, until: number, heat?: number): SolveResult => {
    const r = annealRoster(problem, {
      ...rest,
      timeLimitMs: Math.max(1, until - clock()),
      ...(initial ? { initial: initial.roster } : {}),
      ...(heat !== undefined ? { heat } : {}),
      shouldStop: stop,
      onImprovement: (p) => report(p.objective, p.hardViolations, p.roster),
    });
    iterations += r.iterations;
    return r;
  };

  const first = phase(null, start + timeLimit * START_SHARE);
  const firstFeasibleMs = first.firstFeasibleMs;
  const finish = (r: SolveResult, extra: Pick<SolveResult, 'columnGeneration'> = {}, optimal = false): SolveResult => {
    const end = clock();
    opts.onImprovement?.({
      objective: r.evaluation.objective,
      hardViolations: r.evaluation.feasible ? 0 : 1,
      elapsedMs: end - start,
      iterations,
      roster: () => r.roster,
    });
    // a roster proven by a later phase (not a dive) is proven all the same
    const cg = extra.columnGeneration && optimal ? { ...extra.columnGeneration, optimal: true } : extra.columnGeneration;
    return {
      ...r,
      ...(cg ? { columnGeneration: cg } : {}),
      iterations,
      elapsedMs: end - start,
      firstFeasibleMs,
      stoppedBy: opts.shouldStop?.() ? 'stop' : optimal ? 'optimal' : 'time',
    };
  };
  if (opts.shouldStop?.()) return finish(first);
  // The column generation starts from a feasible roster (its rows are the first columns); without
  // one, the annealing keeps the whole time to look for it.
  if (!first.evaluation.feasible) return finish(phase(first, start + timeLimit));

  const c = compileProblem(problem);
  /** Annealing that leans toward the LP's cells (see GUIDE_WEIGHT); its rosters are judged by the objective alone. */
  const guided = (from: SolveResult, guide: Float64Array, until: number): SolveResult => {
    const weight = GUIDE_WEIGHT * largestCoverWeight(c);
    const bias = guide.map((x) => weight * (1 - x));
    // the best by the objective alone among the rosters it reported: the one it returns is the
    // best by the biased sum, which may be a little worse by the objective
    let plainBest = from;
    const r = annealRoster(problem, {
      ...rest,
      timeLimitMs: Math.max(1, until - clock()),
      initial: from.roster,
      heat: GUIDE_HEAT,
      cellBias: bias,
      shouldStop: stop,
      // its progress carries the bias: report what the evaluator says of each roster instead
      onImprovement: (p) => {
        const roster = p.roster();
        const evaluation = evaluateRoster(problem, roster);
        if (!evaluation.feasible || evaluation.objective >= plainBest.evaluation.objective) return;
        plainBest = { ...from, roster, evaluation };
        report(evaluation.objective, 0, () => roster);
      },
    });
    iterations += r.iterations;
    const better = r.evaluation.feasible && r.evaluation.objective < plainBest.evaluation.objective ? r : plainBest;
    if (better === from) return from;
    report(better.evaluation.objective, 0, () => better.roster, true);
    return better;
  };

  let best = first;
  let divesFinished = 0;
  let bound = Number.NaN;
  let nearPolished = false;
  const cg = priceAndDive(c, encodeRoster(c, first.roster), lp, {
    clock,
    rootDeadline: start + timeLimit * ROOT_SHARE,
    deadline: start + timeLimit * DIVE_SHARE,
    shouldStop: stop,
    onRoot: (root) => {
      if (!root.converged) return;
      bound = root.rootLp;
      provenUnder = provenBelow(c, bound);
    },
    onRoster: (x) => {
      divesFinished++;
      const roster = decodeRoster(c, x);
      const evaluation = evaluateRoster(problem, roster);
      if (!evaluation.feasible || evaluation.objective >= best.evaluation.objective) return;
      best = { ...first, roster, evaluation };
      report(evaluation.objective, 0, () => roster, true);
      // near a converged root's bound but not proven: a short cold polish may close the last step
      if (nearPolished || proven() || !(evaluation.objective <= bound + NEAR_BOUND_GAP * Math.abs(bound))) return;
      nearPolished = true;
      const polished = phase(best, Math.min(start + timeLimit, clock() + timeLimit * NEAR_BOUND_POLISH), POLISH_HEAT);
      if (polished.evaluation.feasible && polished.evaluation.objective < best.evaluation.objective) best = polished;
    },
  });
  const { roster: _roster, guide, ...summary } = cg;
  const extra = { columnGeneration: { ...summary, divesFinished } };
  if (cg.optimal || proven() || opts.shouldStop?.() || clock() - start >= timeLimit)
    return finish(best, extra, cg.optimal || proven());
  const dived = cg.dives > 0;
  const close = dived && best !== first && best.evaluation.objective <= cg.rootLp * (1 + CLOSE_GAP);
  /** The window search (window-search.ts) from `from` until `until`; each roster it keeps is judged by the evaluator. */
  const windows = (from: SolveResult, until: number): SolveResult => {
    const w = windowSearch(c, encodeRoster(c, from.roster), from.evaluation.objective, lp, {
      clock,
      deadline: until,
      windowMs: timeLimit * WINDOW_SHARE,
      shouldStop: stop,
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      judge: (x) => {
        const roster = decodeRoster(c, x);
        const evaluation = evaluateRoster(problem, roster);
        if (!evaluation.feasible) return Number.POSITIVE_INFINITY;
        report(evaluation.objective, 0, () => roster);
        return evaluation.objective;
      },
    });
    Object.assign(extra.columnGeneration, { windows: w.windows, windowsImproved: w.improved, windowDays: w.windowDays });
    if (w.objective >= from.evaluation.objective) return from;
    const roster = decodeRoster(c, w.roster);
    return { ...from, roster, evaluation: evaluateRoster(problem, roster) };
  };
  // (close implies dived: a root without dives always takes this path when it gave a guide)
  if (guide && !close) {
    const now = clock();
    const windowsUntil = start + timeLimit * WINDOWS_UNTIL;
    best = guided(best, guide, dived ? now + (windowsUntil - now) * FAR_GUIDED_PART : start + timeLimit * GUIDED_UNTIL);
    best = windows(best, windowsUntil);
  }
  // A root given up with no LP to guide (too slow, or too far: long horizons, many people) leaves
  // the annealing all the time until the polish. (The window search after annealing until 0.45 of
  // the time was worse on a slower machine: Instance21, 60 s, seeds 1-6, 22877-23820 against
  // 22427-22851 without it; docs/rostering-solver.md, windows.)
  const abandoned = !dived && !guide;
  if (abandoned) best = phase(best, start + timeLimit * WINDOWS_UNTIL);
  // Cold whenever the root gave an LP (a dive came close to it, keep its shape; or the guided
  // annealing ran, hot, and done with moving) and after the windows.
  // (each phase ends at once when the one before met the bound)
  const polished = phase(best, start + timeLimit, guide || abandoned ? POLISH_HEAT : undefined);
  const better = polished.evaluation.feasible && polished.evaluation.objective <= best.evaluation.objective;
  return finish(better ? polished : best, extra, proven());
}
