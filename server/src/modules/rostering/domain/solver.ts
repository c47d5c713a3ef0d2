// The optimizer's pure core: simulated annealing over the whole roster with hard constraints as
// weighted penalties, evaluated incrementally. Every hard constraint belongs to one employee and
// the soft objective is per-employee requests plus per (day, shift) cover, so a move re-checks
// only the one or two rows it touches (O(days)) and the cover cells it changes (O(1)).
// Time, stopping and progress come in from outside (clock, shouldStop, onImprovement), so the
// same core runs in a test, the CLI and a worker thread.
import { type Compiled, compileProblem, decodeRoster, encodeRoster } from './compile.js';
import { type Evaluation, evaluateRoster } from './evaluate.js';
import type { MasterLpFactory } from './master-lp.js';
import type { Roster, RosterProblem } from './model.js';
import { seededRandom } from './random.js';
import { createRowDp } from './row-dp.js';

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
  /** Start temperature as a multiple of the default; repair starts cold to stay near the reference. */
  heat?: number;
  /** Experiments only (defaults follow from the instance size): share of row re-optimisations, beam width, fixed hard weight. */
  dpShare?: number;
  dpWidth?: number;
  hardWeight?: number;
  aimedShare?: number;
  /** Experiments only: share of window moves (default from the instance size, see solver.ts). */
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
    /** The roster meets the root LP bound, so the solve ended before its time limit. */
    optimal: boolean;
  };
};

/** Weight of one unit of hard-constraint shortfall against the soft objective while searching. */
const HARD = 1000;
const CHECK_EVERY = 1024;
/** Tests only: re-check every incremental row evaluation against a whole-row one. */
let CHECK_INCREMENTAL = false;
export const checkIncrementalForTests = (on: boolean) => {
  CHECK_INCREMENTAL = on;
};

/** Labels kept per day by the row re-optimisation. */
const DP_WIDTH = 300;
/** Label steps (days x width x values) one row re-optimisation may take. */
const DP_BUDGET = 100_000;
/** Most rows cleared and rebuilt together by one ruin-and-recreate move. */
const MAX_RUIN = 4;
/** Most rows whose window is cleared and rebuilt together by one window move. */
const MAX_WIN_ROWS = 6;
const MAX_ROWS = Math.max(MAX_RUIN, MAX_WIN_ROWS);
/** Shortest and longest window (days) of a window move. */
const WIN_MIN = 7;
const WIN_MAX = 14;

/** The annealing search alone (solveRoster adds column generation when it has an LP engine). */
export function annealRoster(problem: RosterProblem, opts: SolveOptions = {}): SolveResult {
  const c = compileProblem(problem);
  const { E, D, S } = c;
  const S1 = S + 1;
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
  const cnt = new Int32Array(c.G * D * S);
  const rowHard = new Float64Array(E);
  const rowSoft = new Float64Array(E);
  const counts = new Int32Array(S);
  // Per row, kept up to date so that a move on a few days re-checks only the runs around them:
  // the run-based part of the hard shortfall (cannot-follow, run lengths), minutes, weekends
  // worked and shifts per type (the row totals the rest of the hard shortfall follows from).
  const rowLocal = new Float64Array(E);
  const rowMin = new Int32Array(E);
  const rowWe = new Int32Array(E);
  const rowCnt = new Int32Array(E * S);
  const globalPen = (e: number): number => {
    let hard = 0;
    const we = rowWe[e] as number;
    if (we > (c.maxWe[e] as number)) hard += we - (c.maxWe[e] as number);
    for (let t = 0; t < S; t++) {
      const over = (rowCnt[e * S + t] as number) - (c.maxShifts[e * S + t] as number);
      if (over > 0) hard += over;
    }
    const minutes = rowMin[e] as number;
    if (minutes > (c.maxMin[e] as number)) hard += (minutes - (c.maxMin[e] as number)) / c.minuteUnit;
    else if (minutes < (c.minMin[e] as number)) hard += ((c.minMin[e] as number) - minutes) / c.minuteUnit;
    return hard;
  };
  // Days a..b of row e: the run-based shortfall of the whole runs around them (from the start of
  // the run holding a-1 to the end of the run holding b+1; the cells outside a..b are the same
  // before and after a move, so these bounds are run boundaries in both), and the request cost,
  // minutes, shifts per type and weekends worked of a..b itself.
  let segLocal = 0;
  let segSoft = 0;
  let segMin = 0;
  let segWe = 0;
  const segCnt = new Int32Array(S);
  const segment = (e: number, a: number, b: number) => {
    const base = e * D;
    let lo = a > 0 ? a - 1 : 0;
    const sLo = (x[base + lo] as number) >= 0;
    while (lo > 0 && (x[base + lo - 1] as number) >= 0 === sLo) lo--;
    let hi = b < D - 1 ? b + 1 : D - 1;
    const sHi = (x[base + hi] as number) >= 0;
    while (hi < D - 1 && (x[base + hi + 1] as number) >= 0 === sHi) hi++;
    const maxCons = c.maxCons[e] as number;
    const minCons = c.minCons[e] as number;
    const minOff = c.minOff[e] as number;
    let local = 0;
    let runStart = lo;
    for (let d = lo; d <= hi; d++) {
      const v = x[base + d] as number;
      const w = v >= 0;
      if (w && d > lo) {
        const pv = x[base + d - 1] as number;
        if (pv >= 0 && c.cf[pv * S + v]) local += 1;
      }
      if (d === hi || (x[base + d + 1] as number) >= 0 !== w) {
        const L = d - runStart + 1;
        const atEnd = d === D - 1;
        if (w) {
          if (L > maxCons) local += L - maxCons;
          if (L < minCons && runStart > 0 && !atEnd) local += minCons - L;
        } else if (L < minOff && runStart > 0 && !atEnd) local += minOff - L;
        runStart = d + 1;
      }
    }
    segLocal = local;
    let soft = 0;
    let minutes = 0;
    segCnt.fill(0);
    for (let d = a; d <= b; d++) {
      const v = x[base + d] as number;
      soft += c.cell[(base + d) * S1 + v + 1] as number;
      if (v >= 0) {
        minutes += c.len[v] as number;
        segCnt[v] = (segCnt[v] as number) + 1;
      }
    }
    segSoft = soft;
    segMin = minutes;
    let we = 0;
    let lastK = -1;
    for (let d = a; d <= b; d++) {
      const m = d % 7;
      if (m < 5) continue;
      const k = d - (m - 5);
      if (k === lastK) continue;
      lastK = k;
      if ((x[base + k] as number) >= 0 || (k + 1 < D && (x[base + k + 1] as number) >= 0)) we++;
    }
    segWe = we;
  };

  let rHard = 0;
  let rSoft = 0;
  const evalRow = (e: number) => {
    const base = e * D;
    let soft = 0;
    let hard = 0;
    let minutes = 0;
    counts.fill(0);
    let prev = -1;
    let run = 0;
    let offRun = 0;
    const maxCons = c.maxCons[e] as number;
    const minCons = c.minCons[e] as number;
    const minOff = c.minOff[e] as number;
    for (let d = 0; d < D; d++) {
      const v = x[base + d] as number;
      soft += c.cell[(base + d) * S1 + v + 1] as number;
      if (v >= 0) {
        minutes += c.len[v] as number;
        counts[v] = (counts[v] as number) + 1;
        if (prev >= 0 && c.cf[prev * S + v]) hard += 1;
        if (offRun > 0) {
          if (offRun < minOff && d - offRun > 0) hard += minOff - offRun;
          offRun = 0;
        }
        run++;
      } else {
        if (run > 0) {
          if (run > maxCons) hard += run - maxCons;
          if (run < minCons && d - run > 0) hard += minCons - run;
          run = 0;
        }
        offRun++;
      }
      prev = v;
    }
    if (run > maxCons) hard += run - maxCons;
    let weekends = 0;
    for (let k = 5; k < D; k += 7)
      if ((x[base + k] as number) >= 0 || (k + 1 < D && (x[base + k + 1] as number) >= 0)) weekends++;
    rowLocal[e] = hard;
    rowWe[e] = weekends;
    rowMin[e] = minutes;
    for (let t = 0; t < S; t++) rowCnt[e * S + t] = counts[t] as number;
    rHard = hard + globalPen(e);
    rSoft = soft;
  };

  // cover: the cost change of setting cell (e, d) to v, applied to the counts
  const setCell = (e: number, d: number, v: number): number => {
    const i = e * D + d;
    const old = x[i] as number;
    if (old === v) return 0;
    let delta = 0;
    const gs = c.groups[e] as Int32Array;
    for (let j = 0; j < gs.length; j++) {
      const gBase = ((gs[j] as number) * D + d) * S;
      if (old >= 0) {
        const k = gBase + old;
        const n = cnt[k] as number;
        delta += n <= (c.req[k] as number) ? (c.wu[k] as number) : -(c.wo[k] as number);
        cnt[k] = n - 1;
      }
      if (v >= 0) {
        const k = gBase + v;
        const n = cnt[k] as number;
        delta += n < (c.req[k] as number) ? -(c.wu[k] as number) : (c.wo[k] as number);
        cnt[k] = n + 1;
      }
    }
    x[i] = v;
    return delta;
  };

  // initial state
  let coverCost = 0;
  {
    const init = Int16Array.from(x);
    x.fill(-1);
    for (let k = 0; k < c.req.length; k++) coverCost += (c.req[k] as number) * (c.wu[k] as number);
    for (let e = 0; e < E; e++) for (let d = 0; d < D; d++) coverCost += setCell(e, d, init[e * D + d] as number);
  }
  let maxW = 1;
  for (let k = 0; k < c.wu.length; k++) maxW = Math.max(maxW, c.wu[k] as number, c.wo[k] as number);
  // The beam narrows on long horizons with many shift types so one row re-optimisation stays
  // within about DP_BUDGET label steps, and its share of moves is set so that it takes about as
  // much work as the cheap moves (a cheap move re-checks two rows of D days).
  const dpWidth = opts.dpWidth ?? Math.max(30, Math.min(DP_WIDTH, Math.round(DP_BUDGET / (D * S1))));
  const dpShare = opts.dpShare ?? 2 / (dpWidth * S1);
  // Window moves: about as much work in total as the whole-row re-optimisations (a window move
  // of k days over m rows takes about m x width x (k x (S + 1) + D) label steps).
  const winLen = Math.min(D, (WIN_MIN + WIN_MAX) / 2);
  const winRowsAvg = Math.min(E, (2 + MAX_WIN_ROWS) / 2);
  const winShare = opts.winShare ?? (2 * D) / (winRowsAvg * dpWidth * (winLen * S1 + D));
  const tieNoise = 0.5 / D;
  const coverCells = c.G * D * S;
  const aimedShare = opts.aimedShare ?? 0.5;
  let hardWeight = opts.hardWeight ?? HARD;
  // a fixed weight given by the caller turns the adaptation off
  const adaptive = opts.hardWeight === undefined;
  const rowDp = createRowDp(c, dpWidth);
  const price = new Float64Array(D * S1);
  const newRow = new Int16Array(D);
  // marginal cost of employee e's values given everyone else, for the row re-optimisation
  const fillPrices = (e: number) => {
    const gs = c.groups[e] as Int32Array;
    for (let d = 0; d < D; d++) {
      const cur = x[e * D + d] as number;
      const cb = (e * D + d) * S1;
      price[d * S1] = c.cell[cb] as number;
      for (let t = 0; t < S; t++) {
        let p = c.cell[cb + t + 1] as number;
        for (let j = 0; j < gs.length; j++) {
          const k = ((gs[j] as number) * D + d) * S + t;
          const n = (cnt[k] as number) - (cur === t ? 1 : 0);
          p += n < (c.req[k] as number) ? -(c.wu[k] as number) : (c.wo[k] as number);
        }
        price[d * S1 + t + 1] = p;
      }
    }
  };
  // Without a starting roster, build one row at a time by the row re-optimisation against the
  // rows built so far: every row then meets its own hard constraints (min minutes and runs
  // included), which a greedy cell-by-cell start does not, so the search starts feasible.
  if (!opts.initial) {
    const order = Array.from({ length: E }, (_, i) => i);
    for (let i = E - 1; i > 0; i--) {
      const j = rnd.int(i + 1);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const e of order) {
      fillPrices(e);
      if (!Number.isFinite(rowDp(e, price, newRow))) {
        // The beam can lose every label that works enough when work is priced above rest (the
        // last rows built see cover already met): rebuild with work made attractive.
        for (let d = 0; d < D; d++)
          for (let t = 0; t < S; t++) price[d * S1 + t + 1] = (price[d * S1 + t + 1] as number) - 10 * maxW;
        if (!Number.isFinite(rowDp(e, price, newRow))) continue;
      }
      for (let d = 0; d < D; d++) coverCost += setCell(e, d, newRow[d] as number);
    }
  }
  let softSum = 0;
  let hardSum = 0;
  for (let e = 0; e < E; e++) {
    evalRow(e);
    rowHard[e] = rHard;
    rowSoft[e] = rSoft;
    softSum += rSoft;
    hardSum += rHard;
  }
  softSum += coverCost;
  const best = Int16Array.from(x);
  let bestHard = hardSum;
  let bestSoft = softSum;
  let bestImproved = true;
  let firstFeasibleMs: number | null = hardSum < 1e-9 ? clock() - start : null;

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

  // touched rows of the current move, for accept/revert
  const moveE = new Int32Array(MAX_ROWS);
  const oldHard = new Float64Array(MAX_ROWS);
  const oldSoft = new Float64Array(MAX_ROWS);
  const undoE = new Int32Array(2 * MAX_ROWS * D + 64);
  const undoD = new Int32Array(2 * MAX_ROWS * D + 64);
  const undoV = new Int16Array(2 * MAX_ROWS * D + 64);
  const oldLocal = new Float64Array(MAX_ROWS);
  const oldMin = new Int32Array(MAX_ROWS);
  const oldWe = new Int32Array(MAX_ROWS);
  const oldCnt = new Int32Array(MAX_ROWS * S);
  // a move on days segA..segB of its rows is re-checked by `segment` (before and after) instead of whole rows
  let segA = -1;
  let segB = -1;
  const preLocal = new Float64Array(2);
  const preSoft = new Float64Array(2);
  const preMin = new Int32Array(2);
  const preWe = new Int32Array(2);
  const preCnt = new Int32Array(2 * S);
  const before = (j: number, e: number) => {
    segment(e, segA, segB);
    preLocal[j] = segLocal;
    preSoft[j] = segSoft;
    preMin[j] = segMin;
    preWe[j] = segWe;
    for (let t = 0; t < S; t++) preCnt[j * S + t] = segCnt[t] as number;
  };
  const fixedRow = new Int16Array(D);
  const win = { from: 0, to: 0, fixed: fixedRow };
  let undoN = 0;
  const change = (e: number, d: number, v: number) => {
    undoE[undoN] = e;
    undoD[undoN] = d;
    undoV[undoN] = x[e * D + d] as number;
    undoN++;
    return setCell(e, d, v);
  };
  const ok = (e: number, d: number, v: number) => v < 0 || c.allowed[(e * D + d) * S + v] === 1;
  const maxBlock = Math.min(D, 7);

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
        hardWeight = hardSum > 1e-9 ? Math.min(hardWeight * 1.02, 100 * maxW) : Math.max(hardWeight / 1.02, maxW * 0.2);
      if (bestImproved && now - lastReport >= reportEvery) report(now);
    }
    iter++;
    undoN = 0;
    segA = -1;
    let delta = 0;
    let rows = 1;
    const r = rnd.next();
    const e1 = rnd.int(E);
    moveE[0] = e1;
    if (r < dpShare) {
      // Ruin and recreate: clear 1..MAX_RUIN rows, then rebuild each by the row re-optimisation
      // against everyone else, in random order, so the rebuilt rows share the gaps between them.
      rows = r < dpShare / 2 ? 1 : Math.min(E, 2 + rnd.int(MAX_RUIN - 1));
      for (let j = 1; j < rows; j++) {
        let e: number;
        let fresh: boolean;
        do {
          e = rnd.int(E);
          fresh = true;
          for (let i = 0; i < j; i++) if (moveE[i] === e) fresh = false;
        } while (!fresh);
        moveE[j] = e;
      }
      if (rows > 1) for (let j = 0; j < rows; j++) for (let d = 0; d < D; d++) delta += change(moveE[j] as number, d, -1);
      let built = true;
      for (let j = 0; j < rows && built; j++) {
        const e = moveE[j] as number;
        fillPrices(e);
        // Noise below one unit in total breaks ties at random: of several rows with the same
        // cost the programme would otherwise always return the same one, and the search could
        // not drift along plateaus (a hole moved from one day to another) toward an improvement.
        for (let k = 0; k < D * S1; k++) price[k] = (price[k] as number) + rnd.next() * tieNoise;
        if (!Number.isFinite(rowDp(e, price, newRow))) built = false;
        else for (let d = 0; d < D; d++) if (newRow[d] !== x[e * D + d]) delta += change(e, d, newRow[d] as number);
      }
      if (!built || undoN === 0) {
        for (let j = undoN - 1; j >= 0; j--) setCell(undoE[j] as number, undoD[j] as number, undoV[j] as number);
        continue;
      }
    } else if (r < dpShare + winShare) {
      // Window ruin and recreate: clear days from..to-1 of 2..MAX_WIN_ROWS rows and rebuild each
      // row's window by the row programme (the rest of the row fixed) against everyone else, so
      // several rows trade shifts inside the window at once. Half the time the window holds an
      // uncovered place and the first row is someone who could fill it.
      const k = Math.min(D, WIN_MIN + rnd.int(WIN_MAX - WIN_MIN + 1));
      let from = rnd.int(D - k + 1);
      rows = Math.min(E, 2 + rnd.int(MAX_WIN_ROWS - 1));
      if (rnd.next() < 0.5) {
        const k0 = rnd.int(coverCells);
        for (let i = 0; i < 64; i++) {
          const kk = (k0 + i) % coverCells;
          if ((cnt[kk] as number) < (c.req[kk] as number)) {
            const dd = Math.floor(kk / S) % D;
            const g = Math.floor(kk / (S * D));
            const t = kk % S;
            from = Math.max(0, Math.min(D - k, dd - rnd.int(k)));
            // the first row: someone who counts toward that place and may work it, if one is found quickly
            for (let tries = 0; tries < 16; tries++) {
              const e = rnd.int(E);
              const gs = c.groups[e] as Int32Array;
              let counts = false;
              for (let q = 0; q < gs.length; q++) if (gs[q] === g) counts = true;
              if (counts && x[e * D + dd] !== t && ok(e, dd, t)) {
                moveE[0] = e;
                break;
              }
            }
            break;
          }
        }
      }
      for (let j = 1; j < rows; j++) {
        let e: number;
        let fresh: boolean;
        do {
          e = rnd.int(E);
          fresh = true;
          for (let i = 0; i < j; i++) if (moveE[i] === e) fresh = false;
        } while (!fresh);
        moveE[j] = e;
      }
      const to = from + k;
      for (let j = 0; j < rows; j++) for (let d = from; d < to; d++) delta += change(moveE[j] as number, d, -1);
      let built = true;
      win.from = from;
      win.to = to;
      for (let j = 0; j < rows && built; j++) {
        const e = moveE[j] as number;
        fillPrices(e);
        for (let d = from; d < to; d++)
          for (let v = 0; v < S1; v++) price[d * S1 + v] = (price[d * S1 + v] as number) + rnd.next() * tieNoise;
        for (let d = 0; d < D; d++) fixedRow[d] = x[e * D + d] as number;
        if (!Number.isFinite(rowDp(e, price, newRow, win))) built = false;
        else for (let d = from; d < to; d++) if (newRow[d] !== x[e * D + d]) delta += change(e, d, newRow[d] as number);
      }
      if (!built || undoN === 0) {
        for (let j = undoN - 1; j >= 0; j--) setCell(undoE[j] as number, undoD[j] as number, undoV[j] as number);
        continue;
      }
    } else if (r < 0.35 || E === 1) {
      // change one cell; half the time aimed at an uncovered place, since on large rosters a
      // random cell rarely is one
      let d = rnd.int(D);
      let v = rnd.int(S1) - 1;
      if (r < 0.35 * aimedShare) {
        const k0 = rnd.int(coverCells);
        for (let i = 0; i < 64; i++) {
          const k = (k0 + i) % coverCells;
          if ((cnt[k] as number) < (c.req[k] as number)) {
            d = Math.floor(k / S) % D;
            v = k % S;
            break;
          }
        }
      }
      if (v === x[e1 * D + d] || !ok(e1, d, v)) continue;
      segA = d;
      segB = d;
      before(0, e1);
      delta += change(e1, d, v);
    } else if (r < 0.45) {
      // move a shift one day earlier or later within a row (reshapes runs)
      const d = rnd.int(D - 1);
      const a = x[e1 * D + d] as number;
      const b = x[e1 * D + d + 1] as number;
      if (a === b || !ok(e1, d, b) || !ok(e1, d + 1, a)) continue;
      segA = d;
      segB = d + 1;
      before(0, e1);
      delta += change(e1, d, b);
      delta += change(e1, d + 1, a);
    } else {
      // swap one day or a block of days between two employees
      let e2 = rnd.int(E - 1);
      if (e2 >= e1) e2++;
      moveE[1] = e2;
      rows = 2;
      const L = r < 0.7 ? 1 : 2 + rnd.int(maxBlock - 1);
      const d0 = rnd.int(D - L + 1);
      let same = true;
      let allowed = true;
      for (let d = d0; d < d0 + L; d++) {
        const a = x[e1 * D + d] as number;
        const b = x[e2 * D + d] as number;
        if (a !== b) same = false;
        if (!ok(e1, d, b) || !ok(e2, d, a)) {
          allowed = false;
          break;
        }
      }
      if (same || !allowed) continue;
      segA = d0;
      segB = d0 + L - 1;
      before(0, e1);
      before(1, e2);
      for (let d = d0; d < d0 + L; d++) {
        const a = x[e1 * D + d] as number;
        const b = x[e2 * D + d] as number;
        if (a === b) continue;
        delta += change(e1, d, b);
        delta += change(e2, d, a);
      }
    }
    let dHard = 0;
    for (let j = 0; j < rows; j++) {
      const e = moveE[j] as number;
      oldHard[j] = rowHard[e] as number;
      oldSoft[j] = rowSoft[e] as number;
      oldLocal[j] = rowLocal[e] as number;
      oldMin[j] = rowMin[e] as number;
      oldWe[j] = rowWe[e] as number;
      for (let t = 0; t < S; t++) oldCnt[j * S + t] = rowCnt[e * S + t] as number;
      if (segA >= 0) {
        segment(e, segA, segB);
        rowLocal[e] = (rowLocal[e] as number) + segLocal - (preLocal[j] as number);
        rowMin[e] = (rowMin[e] as number) + segMin - (preMin[j] as number);
        rowWe[e] = (rowWe[e] as number) + segWe - (preWe[j] as number);
        for (let t = 0; t < S; t++)
          rowCnt[e * S + t] = (rowCnt[e * S + t] as number) + (segCnt[t] as number) - (preCnt[j * S + t] as number);
        rHard = (rowLocal[e] as number) + globalPen(e);
        rSoft = (rowSoft[e] as number) + segSoft - (preSoft[j] as number);
        if (CHECK_INCREMENTAL) {
          const h = rHard;
          const sf = rSoft;
          evalRow(e);
          if (Math.abs(h - rHard) > 1e-6 || Math.abs(sf - rSoft) > 1e-6)
            throw new Error(`incremental check: row ${e} hard ${h} vs ${rHard}, soft ${sf} vs ${rSoft}`);
        }
      } else evalRow(e);
      rowHard[e] = rHard;
      rowSoft[e] = rSoft;
      dHard += rHard - (oldHard[j] as number);
      delta += rSoft - (oldSoft[j] as number);
    }
    const total = delta + hardWeight * dHard;
    if (total <= 0 || rnd.next() < Math.exp(-total / T)) {
      softSum += delta;
      hardSum += dHard;
      const soft = softSum;
      if (hardSum < bestHard - 1e-9 || (hardSum <= bestHard + 1e-9 && soft < bestSoft - 1e-9)) {
        best.set(x);
        bestHard = Math.max(0, hardSum);
        bestSoft = soft;
        bestImproved = true;
        if (firstFeasibleMs === null && hardSum < 1e-9) firstFeasibleMs = clock() - start;
      }
    } else {
      for (let j = undoN - 1; j >= 0; j--) setCell(undoE[j] as number, undoD[j] as number, undoV[j] as number);
      for (let j = 0; j < rows; j++) {
        const e = moveE[j] as number;
        rowHard[e] = oldHard[j] as number;
        rowSoft[e] = oldSoft[j] as number;
        rowLocal[e] = oldLocal[j] as number;
        rowMin[e] = oldMin[j] as number;
        rowWe[e] = oldWe[j] as number;
        for (let t = 0; t < S; t++) rowCnt[e * S + t] = oldCnt[j * S + t] as number;
      }
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
