// The annealing's moves. Each sets cells through the state's journal (AnnealState.change), names
// the rows it touched in moveE and returns how many (0: nothing to try, the state unchanged); the
// loop in solver.ts then settles, accepts or rejects it. The random draws are made in a fixed
// order, so a seed reproduces a run.
import type { AnnealState } from './anneal-state.js';
import type { Compiled } from './compile.js';
import type { Random } from './random.js';
import type { RowDp } from './row-dp.js';

/** Most rows cleared and rebuilt together by one ruin-and-recreate move. */
export const MAX_RUIN = 4;
/** Most rows whose window is cleared and rebuilt together by one window move. */
export const MAX_WIN_ROWS = 6;
export const MAX_ROWS = Math.max(MAX_RUIN, MAX_WIN_ROWS);
/** Shortest and longest window (days) of a window move. */
export const WIN_MIN = 7;
export const WIN_MAX = 14;

export type MoveKit = {
  st: AnnealState;
  c: Compiled;
  rnd: Random;
  rowDp: RowDp;
  /** Scratch for the row programme: prices, the row it returns, and the window with the row's fixed days. */
  price: Float64Array;
  newRow: Int16Array;
  win: { from: number; to: number; fixed: Int16Array };
  /** Price noise per day below one unit in all, to break ties (see ruinMove). */
  tieNoise: number;
  /** Share of cell moves aimed at an uncovered place. */
  aimedShare: number;
};

const ok = (c: Compiled, e: number, d: number, v: number) => v < 0 || c.allowed[(e * c.D + d) * c.S + v] === 1;

/** An uncovered place (index into the cover counts: group, day, shift), from a random start; -1 when none is found in 64 tries. */
function uncoveredPlace(k: MoveKit): number {
  const coverCells = k.c.G * k.c.D * k.c.S;
  const k0 = k.rnd.int(coverCells);
  for (let i = 0; i < 64; i++) {
    const kk = (k0 + i) % coverCells;
    if ((k.st.cnt[kk] as number) < (k.c.req[kk] as number)) return kk;
  }
  return -1;
}

/** moveE[1..rows-1]: distinct employees, none already in moveE[0..j-1]. */
function pickOtherRows(k: MoveKit, rows: number) {
  const { moveE } = k.st;
  for (let j = 1; j < rows; j++) {
    let e: number;
    let fresh: boolean;
    do {
      e = k.rnd.int(k.c.E);
      fresh = true;
      for (let i = 0; i < j; i++) if (moveE[i] === e) fresh = false;
    } while (!fresh);
    moveE[j] = e;
  }
}

/**
 * Ruin and recreate: re-optimise one row (single) or clear 2..MAX_RUIN rows, then rebuild each by
 * the row re-optimisation against everyone else, in random order, so the rebuilt rows share the
 * gaps between them. `rowDp`: the plain programme of the kit, or the guided one (solver.ts).
 */
export function ruinMove(k: MoveKit, single: boolean, rowDp: RowDp = k.rowDp): number {
  const { st, c, rnd, price, newRow } = k;
  const { E, D } = c;
  const S1 = c.S + 1;
  const x = st.x;
  const rows = single ? 1 : Math.min(E, 2 + rnd.int(MAX_RUIN - 1));
  pickOtherRows(k, rows);
  if (rows > 1) for (let j = 0; j < rows; j++) for (let d = 0; d < D; d++) st.change(st.moveE[j] as number, d, -1);
  for (let j = 0; j < rows; j++) {
    const e = st.moveE[j] as number;
    st.fillPrices(e, price);
    // Noise below one unit in total breaks ties at random: of several rows with the same
    // cost the programme would otherwise always return the same one, and the search could
    // not drift along plateaus (a hole moved from one day to another) toward an improvement.
    for (let i = 0; i < D * S1; i++) price[i] = (price[i] as number) + rnd.next() * k.tieNoise;
    if (!Number.isFinite(rowDp(e, price, newRow))) {
      st.undoCells();
      return 0;
    }
    for (let d = 0; d < D; d++) if (newRow[d] !== x[e * D + d]) st.change(e, d, newRow[d] as number);
  }
  if (st.undoN === 0) return 0;
  return rows;
}

/**
 * Window ruin and recreate: clear days from..to-1 of 2..MAX_WIN_ROWS rows and rebuild each
 * row's window by the row programme (the rest of the row fixed) against everyone else, so
 * several rows trade shifts inside the window at once. Half the time the window holds an
 * uncovered place and the first row is someone who could fill it.
 */
export function windowMove(k: MoveKit): number {
  const { st, c, rnd, price, newRow, win } = k;
  const { E, D, S } = c;
  const S1 = S + 1;
  const { x, moveE } = st;
  const len = Math.min(D, WIN_MIN + rnd.int(WIN_MAX - WIN_MIN + 1));
  let from = rnd.int(D - len + 1);
  const rows = Math.min(E, 2 + rnd.int(MAX_WIN_ROWS - 1));
  const kk = rnd.next() < 0.5 ? uncoveredPlace(k) : -1;
  if (kk >= 0) {
    const dd = Math.floor(kk / S) % D;
    const g = Math.floor(kk / (S * D));
    const t = kk % S;
    from = Math.max(0, Math.min(D - len, dd - rnd.int(len)));
    // the first row: someone who counts toward that place and may work it, if one is found quickly
    for (let tries = 0; tries < 16; tries++) {
      const e = rnd.int(E);
      const gs = c.groups[e] as Int32Array;
      let counts = false;
      for (let q = 0; q < gs.length; q++) if (gs[q] === g) counts = true;
      if (counts && x[e * D + dd] !== t && ok(c, e, dd, t)) {
        moveE[0] = e;
        break;
      }
    }
  }
  pickOtherRows(k, rows);
  const to = from + len;
  for (let j = 0; j < rows; j++) for (let d = from; d < to; d++) st.change(moveE[j] as number, d, -1);
  win.from = from;
  win.to = to;
  for (let j = 0; j < rows; j++) {
    const e = moveE[j] as number;
    st.fillPrices(e, price);
    for (let d = from; d < to; d++)
      for (let v = 0; v < S1; v++) price[d * S1 + v] = (price[d * S1 + v] as number) + rnd.next() * k.tieNoise;
    for (let d = 0; d < D; d++) win.fixed[d] = x[e * D + d] as number;
    if (!Number.isFinite(k.rowDp(e, price, newRow, win))) {
      st.undoCells();
      return 0;
    }
    for (let d = from; d < to; d++) if (newRow[d] !== x[e * D + d]) st.change(e, d, newRow[d] as number);
  }
  if (st.undoN === 0) return 0;
  return rows;
}

/** Change one cell of row e1; with r below 0.3 x aimedShare, aimed at an uncovered place, since on large rosters a random cell rarely is one. */
export function cellMove(k: MoveKit, r: number, e1: number): number {
  const { st, c, rnd } = k;
  const { D, S } = c;
  let d = rnd.int(D);
  let v = rnd.int(S + 1) - 1;
  if (r < 0.3 * k.aimedShare) {
    const kk = uncoveredPlace(k);
    if (kk >= 0) {
      d = Math.floor(kk / S) % D;
      v = kk % S;
    }
  }
  if (v === st.x[e1 * D + d] || !ok(c, e1, d, v)) return 0;
  st.segA = d;
  st.segB = d;
  st.before(0, e1);
  st.change(e1, d, v);
  return 1;
}

/** Move a shift of row e1 one day earlier or later (reshapes runs). */
export function shiftMove(k: MoveKit, e1: number): number {
  const { st, c } = k;
  const D = c.D;
  const d = k.rnd.int(D - 1);
  const a = st.x[e1 * D + d] as number;
  const b = st.x[e1 * D + d + 1] as number;
  if (a === b || !ok(c, e1, d, b) || !ok(c, e1, d + 1, a)) return 0;
  st.segA = d;
  st.segB = d + 1;
  st.before(0, e1);
  st.change(e1, d, b);
  st.change(e1, d + 1, a);
  return 1;
}

/** Swap one day (r below 0.75) or a block of up to a week between row e1 and another. */
export function swapMove(k: MoveKit, r: number, e1: number): number {
  const { st, c, rnd } = k;
  const { E, D } = c;
  const x = st.x;
  let e2 = rnd.int(E - 1);
  if (e2 >= e1) e2++;
  st.moveE[1] = e2;
  const L = r < 0.75 ? 1 : 2 + rnd.int(Math.min(D, 7) - 1);
  const d0 = rnd.int(D - L + 1);
  let same = true;
  for (let d = d0; d < d0 + L; d++) {
    const a = x[e1 * D + d] as number;
    const b = x[e2 * D + d] as number;
    if (a !== b) same = false;
    if (!ok(c, e1, d, b) || !ok(c, e2, d, a)) return 0;
  }
  if (same) return 0;
  st.segA = d0;
  st.segB = d0 + L - 1;
  st.before(0, e1);
  st.before(1, e2);
  for (let d = d0; d < d0 + L; d++) {
    const a = x[e1 * D + d] as number;
    const b = x[e2 * D + d] as number;
    if (a === b) continue;
    st.change(e1, d, b);
    st.change(e2, d, a);
  }
  return 2;
}

/**
 * Move one of row e1's shifts to a day the row is off, any distance away. Unlike a single cell,
 * this keeps the row's minutes (when the contract's minimum and maximum are close, as on
 * Instance21 where they differ by two shifts in 182 days, most single-cell moves break one).
 * With r below 0.5 x aimedShare the new day and shift are an uncovered place's (the minutes then
 * change by the difference of the two shifts' lengths, if any).
 */
export function transferMove(k: MoveKit, r: number, e1: number): number {
  const { st, c, rnd } = k;
  const { D, S } = c;
  const x = st.x;
  const row = e1 * D;
  let to = rnd.int(D);
  let v = -1;
  if (r < 0.5 * k.aimedShare) {
    const kk = uncoveredPlace(k);
    if (kk >= 0) {
      to = Math.floor(kk / S) % D;
      v = kk % S;
    }
  }
  if (x[row + to] !== -1) return 0;
  // a day the row works, found by a few random probes
  let from = -1;
  for (let i = 0; i < 8 && from < 0; i++) {
    const d = rnd.int(D);
    if (x[row + d] !== -1) from = d;
  }
  if (from < 0) return 0;
  if (v < 0) v = x[row + from] as number;
  if (!ok(c, e1, to, v)) return 0;
  st.segA = Math.min(from, to);
  st.segB = Math.max(from, to);
  st.before(0, e1);
  st.change(e1, from, -1);
  st.change(e1, to, v);
  return 1;
}
