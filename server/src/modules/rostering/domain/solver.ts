// The optimizer's pure core: simulated annealing over the whole roster with hard constraints as
// weighted penalties, evaluated incrementally (anneal-state.ts keeps the bookkeeping, and
// anneal-moves.ts holds the moves). This file is the loop: the start roster, the temperature, the
// adaptive hard weight, accepting or rejecting each move, and the best roster so far.
// Time, stopping and progress come in from outside (clock, shouldStop, onImprovement), so the
// same core runs in a test, the CLI and a worker thread.
import {
  cellMove,
  MAX_ROWS,
  MAX_WIN_ROWS,
  type MoveKit,
  ruinMove,
  shiftMove,
  swapMove,
  transferMove,
  WIN_MAX,
  WIN_MIN,
  windowMove,
} from './anneal-moves.js';
import { CHEAP, GUIDED_RUIN, LABEL_STEPS_PER_MOVE, MoveShares, RUIN, WINDOW } from './anneal-shares.js';
import { AnnealState, checkingIncremental } from './anneal-state.js';
import { type Compiled, compileProblem, decodeRoster, encodeRoster, largestCoverWeight } from './compile.js';
import { type Evaluation, evaluateRoster } from './evaluate.js';
import type { MasterLpFactory } from './master-lp.js';
import type { Roster, RosterProblem } from './model.js';
import { seededRandom } from './random.js';
import { type CountingRowDp, createRowDp } from './row-dp.js';

export { checkIncrementalForTests } from './anneal-state.js';

export type SolveProgress = {
  /** Soft objective of the best roster so far (the benchmark's objective). */
  objective: number;
  /** Hard-constraint shortfall units of that roster (0: feasible). */
  hardViolations: number;
  elapsedMs: number;
  iterations: number;
  roster: () => (string | null)[][];
};

export type SolveOptions = {
  seed?: number;
  /** Wall time budget, measured with `clock`. */
  timeLimitMs?: number;
  /** Stop after this many moves; with no time limit the run is then identical for a seed. */
  maxIterations?: number;
  clock?: () => number;
  shouldStop?: () => boolean;
  onImprovement?: (p: SolveProgress) => void;
  /** Minimum time between two onImprovement calls (the last best is always reported at the end). */
  reportEveryMs?: number;
  /** Start from this roster instead of an empty one. */
  initial?: Roster;
  /** Repair mode: each assignment that differs from this roster costs changeWeight. */
  reference?: { roster: Roster; changeWeight: number };
  /**
   * An extra cost per cell value, cellBias[(e * D + d) * (S + 1) + v + 1] (v = -1 off): the search
   * minimises the objective plus these and keeps the best roster by that sum (its evaluation, as
   * ever, is the objective alone). solve-phases.ts leans the search toward an LP's solution so.
   */
  cellBias?: Float64Array;
  /** Start temperature as a multiple of the default; repair starts cold to stay near the reference. */
  heat?: number;
  /**
   * Experiments only: a fixed share of the work for the whole-row moves (dpShare, half of it plain
   * and half guided) and the window moves (winShare), 0 to turn them off (by default each adapts, see anneal-shares.ts), the beam
   * width and a fixed hard weight.
   */
  dpShare?: number;
  dpWidth?: number;
  hardWeight?: number;
  aimedShare?: number;
  winShare?: number;
  /**
   * An LP engine (see ../highs-master.ts): with it and a time limit, a solve adds column
   * generation and dives between a short annealing start and an annealing polish (solve-phases.ts).
   */
  lp?: MasterLpFactory;
};

export type SolveResult = {
  roster: (string | null)[][];
  evaluation: Evaluation;
  iterations: number;
  elapsedMs: number;
  /** When the first roster without hard violations was found (null: never). */
  firstFeasibleMs: number | null;
  stoppedBy: 'time' | 'iterations' | 'stop' | 'optimal';
  /** What the column generation phase did, when it ran (see solve-phases.ts). */
  columnGeneration?: {
    rootLp: number;
    /** How the root ended, e.g. 'converged' or abandoned as 'too slow' (column-generation-root.ts). */
    rootEnd: string;
    converged: boolean;
    columns: number;
    rounds: number;
    dives: number;
    divesFinished: number;
    /** Windows the window search priced (window-search.ts), and those that gave a better roster. */
    windows?: number;
    windowsImproved?: number;
    /** Days the last window freed (window-search.ts doubles them after a sweep that improved nothing). */
    windowDays?: number;
    /** Dive steps undone because the LP jumped. */
    backtracks: number;
    /** The roster meets the root LP bound, so the solve ended before its time limit. */
    optimal: boolean;
  };
};

/** Weight of one unit of hard-constraint shortfall against the soft objective while searching. */
const HARD = 1000;
const CHECK_EVERY = 1024;

/**
 * Labels kept per day by the row re-optimisation, however long the row. It used to narrow on long
 * horizons to keep one re-optimisation within 100 000 label steps (61 labels a day on Instance21:
 * 182 days, 8 shift types), but a narrow beam misses the good rows of a long row (as the column
 * generation's pricing found, restricted-master.ts MIN_WIDTH), and the moves' shares already weigh
 * what a move costs against what it gains (anneal-shares.ts). Annealing alone for 60 s on Instance21
 * (CPU-time clock, seed 1) ended at 29439, 27690, 25635, 24578, 24402, 23400 and 23656 with 25, 61
 * (the old rule), 110, 200, 300, 600 and 1200 labels a day; seed 2: 26832 with 61, 23335 with 600.
 * The solve with column generation, 600 against the old rule: Instance19 3252-4164, median 3598
 * (ten runs) against 3368-3820, median 3698 (nine runs); Instance21 23852-25951 (seeds 1-4)
 * against 28073-28728; Instances 1-16 the same or within 6 (seed 1). docs/rostering-solver.md.
 */
const DP_WIDTH = 600;
/**
 * Labels a day for the start roster, built one row at a time: the search moves on from it at
 * once, so it needs rows that keep their hard rules, found fast, more than the cheapest rows.
 * Built at 600 a day, the start took 3.3 s and 4.2 s on Instance21 (seeds 1-2) and about 0.5 s
 * on Instance19; at 150, 1.2 s and 1.0 s, and 0.17 s, every row of every benchmark instance
 * still within its rules (two seeds each), and the start's objective 0.4-16% higher on Instance21
 * and lower or higher elsewhere (Instance19 8% lower).
 */
const START_WIDTH = 150;

/**
 * The row programme of the guided whole-row moves (anneal-shares.ts GUIDED_RUIN): the beam ranked
 * by cost so far plus a bound on the cost to go (row-dp-guide.ts). The annealing has both kinds of
 * whole-row move and its shares find which pays on the instance at hand. At the end of a 60 s
 * solve of Instance21 (182 days, objective 23059), re-optimising each row alone against the
 * others at 600 labels a day improved 5 of 100 rows by 12 in all unguided (rows 0 and 1 came back
 * 607 and 507 worse than they were: the beam had lost them) and 95 rows by 435 guided (69 rows by
 * 320 unguided at 12000 labels a day). With only guided whole-row moves, bench (60 s, paired
 * seeds) Instance21 ended at 22704 and 22540 against 23372 and 23690 (seeds 3-4), the annealing
 * alone at 22737 and 22633 against 23060 and 22781 (seeds 1-2); but Instance19 (84 days) ended at
 * 3188, 3487, 3303, 3515 against 3186, 3388, 3184, 3277 (seeds 1-4; the last two not paired).
 */
export function annealRowProgramme(c: Compiled, width: number): CountingRowDp {
  return createRowDp(c, width, { guided: true });
}

/** The annealing search alone (solveRoster adds column generation when it has an LP engine). */
export function annealRoster(problem: RosterProblem, opts: SolveOptions = {}): SolveResult {
  const c = compileProblem(problem);
  const { E, D, S } = c;
  const S1 = S + 1;
  if (opts.cellBias) for (let i = 0; i < c.cell.length; i++) c.cell[i] = (c.cell[i] as number) + (opts.cellBias[i] as number);
  if (opts.reference) {
    const ref = encodeRoster(c, opts.reference.roster);
    const w = opts.reference.changeWeight;
    for (let i = 0; i < E * D; i++)
      for (let v = -1; v < S; v++) if (v !== ref[i]) c.cell[i * S1 + v + 1] = (c.cell[i * S1 + v + 1] as number) + w;
  }
  const clock = opts.clock ?? (() => 0);
  const start = clock();
  const timeLimit = opts.timeLimitMs ?? Number.POSITIVE_INFINITY;
  const maxIter = opts.maxIterations ?? Number.POSITIVE_INFINITY;
  if (!Number.isFinite(timeLimit) && !Number.isFinite(maxIter))
    throw new Error('solveRoster needs a time limit or an iteration limit');
  const rnd = seededRandom(opts.seed ?? 1);

  const x = opts.initial ? encodeRoster(c, opts.initial) : new Int16Array(E * D).fill(-1);
  for (let i = 0; i < E * D; i++) {
    const v = x[i] as number;
    if (v >= 0 && !c.allowed[i * S + v]) x[i] = -1; // a new leave or gate empties the cell
  }
  const st = new AnnealState(c, x, MAX_ROWS);
  const maxW = largestCoverWeight(c);
  const dpWidth = opts.dpWidth ?? DP_WIDTH;
  // Each kind of move starts with a third of the work and then gets what it earns (anneal-shares.ts).
  // Until measured, a whole-row move (two rows on average) costs about 2 x width x D x (S + 1)
  // label steps, and a window move of k days over m rows about m x width x (k x (S + 1) + D).
  const winLen = Math.min(D, (WIN_MIN + WIN_MAX) / 2);
  const winRowsAvg = Math.min(E, (2 + MAX_WIN_ROWS) / 2);
  // The whole-row moves' third is split between the plain and the guided programme
  // (annealRowProgramme), whose guide costs about as much again (Instance21: 7.6 ms a row for the
  // guide against 9.7 ms for the beam).
  const dpShare = opts.dpShare ?? 1 / 3;
  const wholeRowCost = (2 * dpWidth * D * S1) / LABEL_STEPS_PER_MOVE;
  const shares = new MoveShares(
    [dpShare / 2, opts.winShare ?? 1 / 3, 1 - dpShare - (opts.winShare ?? 1 / 3), dpShare / 2],
    [wholeRowCost, (winRowsAvg * dpWidth * (winLen * S1 + D)) / LABEL_STEPS_PER_MOVE, 1, 2 * wholeRowCost],
    // shares given by the caller stay fixed; the cheap moves' share only when both others are given
    [
      opts.dpShare !== undefined,
      opts.winShare !== undefined,
      opts.dpShare !== undefined && opts.winShare !== undefined,
      opts.dpShare !== undefined,
    ],
  );
  let hardWeight = opts.hardWeight ?? HARD;
  // a fixed weight given by the caller turns the adaptation off
  const adaptive = opts.hardWeight === undefined;
  const rowDp = createRowDp(c, dpWidth);
  const guidedDp = annealRowProgramme(c, dpWidth);
  const kit: MoveKit = {
    st,
    c,
    rnd,
    rowDp,
    price: new Float64Array(D * S1),
    newRow: new Int16Array(D),
    win: { from: 0, to: 0, fixed: new Int16Array(D) },
    tieNoise: 0.5 / D,
    aimedShare: opts.aimedShare ?? 0.5,
  };
  const { price, newRow } = kit;
  // Without a starting roster, build one row at a time by the row re-optimisation against the
  // rows built so far: every row then meets its own hard constraints (min minutes and runs
  // included), which a greedy cell-by-cell start does not, so the search starts feasible.
  if (!opts.initial) {
    const order = Array.from({ length: E }, (_, i) => i);
    for (let i = E - 1; i > 0; i--) {
      const j = rnd.int(i + 1);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const startDp = dpWidth > START_WIDTH ? createRowDp(c, START_WIDTH) : kit.rowDp;
    for (const e of order) {
      st.fillPrices(e, price);
      if (!Number.isFinite(startDp(e, price, newRow))) {
        // The beam can lose every label that works enough when work is priced above rest (the
        // last rows built see cover already met): rebuild with work made attractive.
        for (let d = 0; d < D; d++)
          for (let t = 0; t < S; t++) price[d * S1 + t + 1] = (price[d * S1 + t + 1] as number) - 10 * maxW;
        if (!Number.isFinite(startDp(e, price, newRow))) continue;
      }
      for (let d = 0; d < D; d++) st.coverCost += st.setCell(e, d, newRow[d] as number);
    }
  }
  st.evalAllRows();
  const best = Int16Array.from(x);
  let bestHard = st.hardSum;
  let bestSoft = st.softSum;
  let bestImproved = true;
  let firstFeasibleMs: number | null = st.hardSum < 1e-9 ? clock() - start : null;

  // Temperature falls geometrically from T0 to T1 over the budget (time or iterations). T0 is
  // 0.3 x the largest cover weight, so early on one more uncovered place is accepted now and then
  // (e^-3.3) and the search crosses between cover patterns; T1 is below the smallest weight, so it
  // ends greedy, polishing requests.
  const T0 = maxW * 0.3 * (opts.heat ?? 1);
  const T1 = 0.3;
  let T = T0;

  let iter = 0;
  let stoppedBy: SolveResult['stoppedBy'] = 'iterations';
  let lastReport = start;
  const reportEvery = opts.reportEveryMs ?? 250;
  const report = (now: number) => {
    bestImproved = false;
    lastReport = now;
    opts.onImprovement?.({
      objective: bestSoft,
      hardViolations: bestHard,
      elapsedMs: now - start,
      iterations: iter,
      roster: () => decodeRoster(c, best),
    });
  };

  const checkAll = checkingIncremental() && !opts.reference && !opts.cellBias;
  for (;;) {
    if (iter >= maxIter) {
      stoppedBy = 'iterations';
      break;
    }
    if (iter % CHECK_EVERY === 0) {
      const now = clock();
      const elapsed = now - start;
      if (elapsed >= timeLimit) {
        stoppedBy = 'time';
        break;
      }
      if (opts.shouldStop?.()) {
        stoppedBy = 'stop';
        break;
      }
      const progress = Math.max(
        Number.isFinite(timeLimit) ? elapsed / timeLimit : 0,
        Number.isFinite(maxIter) ? iter / maxIter : 0,
      );
      T = T0 * (T1 / T0) ** progress;
      // strategic oscillation: the hard weight rises while the current roster is infeasible and
      // falls while it is feasible, so the search crosses infeasible ground but keeps coming back
      if (adaptive)
        hardWeight = st.hardSum > 1e-9 ? Math.min(hardWeight * 1.02, 100 * maxW) : Math.max(hardWeight / 1.02, maxW * 0.2);
      if (bestImproved && now - lastReport >= reportEvery) report(now);
    }
    iter++;
    st.begin();
    const kind = shares.pick(rnd.next());
    const r = rnd.next();
    const e1 = rnd.int(E);
    st.moveE[0] = e1;
    const dp = kind === GUIDED_RUIN ? guidedDp : rowDp;
    const stepsBefore = dp.labelSteps;
    let rows: number;
    if (kind === RUIN) rows = ruinMove(kit, r < 0.5);
    else if (kind === GUIDED_RUIN) rows = ruinMove(kit, r < 0.5, guidedDp);
    else if (kind === WINDOW) rows = windowMove(kit);
    else if (r < 0.3 || E === 1) rows = cellMove(kit, r, e1);
    else if (r < 0.4) rows = shiftMove(kit, e1);
    else if (r < 0.55) rows = transferMove(kit, (r - 0.4) / 0.15, e1);
    else rows = swapMove(kit, r, e1);
    const work = kind === CHEAP ? 1 : (dp.labelSteps - stepsBefore) / LABEL_STEPS_PER_MOVE;
    if (rows === 0) {
      shares.record(kind, work, 0);
      continue;
    }
    const dHard = st.settle(rows);
    const delta = st.delta;
    const total = delta + hardWeight * dHard;
    const accept = total <= 0 || rnd.next() < Math.exp(-total / T);
    shares.record(kind, work, accept ? -total : 0);
    if (accept) {
      st.softSum += delta;
      st.hardSum += dHard;
      const soft = st.softSum;
      const hardSum = st.hardSum;
      if (hardSum < bestHard - 1e-9 || (hardSum <= bestHard + 1e-9 && soft < bestSoft - 1e-9)) {
        best.set(x);
        bestHard = Math.max(0, hardSum);
        bestSoft = soft;
        bestImproved = true;
        if (firstFeasibleMs === null && hardSum < 1e-9) firstFeasibleMs = clock() - start;
      }
    } else st.reject(rows);
    // tests: the running totals against the evaluator itself (with a reference or a bias the
    // search's objective carries costs the evaluator does not know)
    if (checkAll && (iter & 63) === 0) {
      const ev = evaluateRoster(problem, decodeRoster(c, x));
      if (Math.abs(ev.objective - st.softSum) > 1e-6 || ev.feasible !== st.hardSum < 1e-9)
        throw new Error(
          `incremental check: objective ${st.softSum} vs the evaluator's ${ev.objective}, hard ${st.hardSum} vs feasible ${ev.feasible}`,
        );
    }
  }
  const end = clock();
  if (bestImproved || !opts.onImprovement) report(end);
  const roster = decodeRoster(c, best);
  return {
    roster,
    evaluation: evaluateRoster(problem, roster),
    iterations: iter,
    elapsedMs: end - start,
    firstFeasibleMs,
    stoppedBy,
  };
}

export type { Compiled };
