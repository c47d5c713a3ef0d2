// The optimizer's pure core: simulated annealing over the whole roster with hard constraints as
// weighted penalties, evaluated incrementally. Every hard constraint belongs to one employee and
// the soft objective is per-employee requests plus per (day, shift) cover, so a move re-checks
// only the one or two rows it touches (O(days)) and the cover cells it changes (O(1)).
// Time, stopping and progress come in from outside (clock, shouldStop, onImprovement), so the
// same core runs in a test, the CLI and a worker thread.
import { type Compiled, compileProblem, decodeRoster, encodeRoster } from './compile.js';
import { type Evaluation, evaluateRoster } from './evaluate.js';
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
  /** Experiments only: the row re-optimisation's share of moves and beam width. */
  dpShare?: number;
  dpWidth?: number;
  hardWeight?: number;
  adaptive?: boolean;
};

export type SolveResult = {
  roster: (string | null)[][];
  evaluation: Evaluation;
  iterations: number;
  elapsedMs: number;
  /** When the first roster without hard violations was found (null: never). */
  firstFeasibleMs: number | null;
  stoppedBy: 'time' | 'iterations' | 'stop';
};

/** Weight of one unit of hard-constraint shortfall against the soft objective while searching. */
const HARD = 1000;
const CHECK_EVERY = 1024;
/** Labels kept per day by the row re-optimisation. */
const DP_WIDTH = 300;
/** Label steps (days x width x values) one row re-optimisation may take. */
const DP_BUDGET = 100_000;
/** Most rows cleared and rebuilt together by one ruin-and-recreate move. */
const MAX_RUIN = 4;

export function solveRoster(problem: RosterProblem, opts: SolveOptions = {}): SolveResult {
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
    if (weekends > (c.maxWe[e] as number)) hard += weekends - (c.maxWe[e] as number);
    for (let t = 0; t < S; t++) {
      const over = (counts[t] as number) - (c.maxShifts[e * S + t] as number);
      if (over > 0) hard += over;
    }
    if (minutes > (c.maxMin[e] as number)) hard += (minutes - (c.maxMin[e] as number)) / c.minuteUnit;
    else if (minutes < (c.minMin[e] as number)) hard += ((c.minMin[e] as number) - minutes) / c.minuteUnit;
    rHard = hard;
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
  const tieNoise = 0.5 / D;
  let hardWeight = opts.hardWeight ?? HARD;
  const adaptive = opts.hardWeight === undefined || opts.adaptive === true;
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
        for (let d = 0; d < D; d++) for (let t = 0; t < S; t++) price[d * S1 + t + 1] = (price[d * S1 + t + 1] as number) - 10 * maxW;
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
  let firstFeasibleMs: number | null = hardSum < 1e-9 ? 0 : null;

  // Temperature falls geometrically from T0 to T1 over the budget (time or iterations). T0 is a
  // few times the largest single-assignment swing in the soft objective (cover weight), so early
  // on the search crosses plateaus; T1 is below the smallest weight, so it ends greedy.
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
  const moveE = new Int32Array(MAX_RUIN);
  const oldHard = new Float64Array(MAX_RUIN);
  const oldSoft = new Float64Array(MAX_RUIN);
  const undoE = new Int32Array(2 * MAX_RUIN * D + 64);
  const undoD = new Int32Array(2 * MAX_RUIN * D + 64);
  const undoV = new Int16Array(2 * MAX_RUIN * D + 64);
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
    } else if (r < 0.35 || E === 1) {
      // change one cell
      const d = rnd.int(D);
      const v = rnd.int(S1) - 1;
      if (v === x[e1 * D + d] || !ok(e1, d, v)) continue;
      delta += change(e1, d, v);
    } else if (r < 0.45) {
      // move a shift one day earlier or later within a row (reshapes runs)
      const d = rnd.int(D - 1);
      const a = x[e1 * D + d] as number;
      const b = x[e1 * D + d + 1] as number;
      if (a === b || !ok(e1, d, b) || !ok(e1, d + 1, a)) continue;
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
      evalRow(e);
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
