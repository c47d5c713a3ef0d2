// The annealing's incremental bookkeeping: the current roster, cover counts, and per row the hard
// shortfall and soft cost, kept exact under moves so a move is judged by re-checking only the rows
// and cover cells it touches. Every hard constraint belongs to one employee and the soft objective
// is per-employee requests plus per (day, shift) cover, so a move re-checks only the one or two
// rows it touches (O(days), or only the runs around the changed days) and the cover cells it
// changes (O(1)). The row-local soft terms (overtime, fairness; row-soft-cost.ts) are part of a
// row's soft cost, re-costed whole for a touched row that has them (O(days)) and skipped entirely
// when no row has them. The move journal (undo log and the touched rows' old values) lives here
// too, so a rejected move is put back exactly.
import { type Compiled, weekendsWorked } from './compile.js';
import { rowSoftCost } from './row-soft-cost.js';
import { runShortfall } from './run-shortfall.js';

/** Tests only: re-check every incremental row evaluation against a whole-row one. */
let CHECK_INCREMENTAL = false;
export const checkIncrementalForTests = (on: boolean) => {
  CHECK_INCREMENTAL = on;
};
export const checkingIncremental = () => CHECK_INCREMENTAL;

export class AnnealState {
  readonly c: Compiled;
  readonly D: number;
  readonly S: number;
  readonly S1: number;
  /** x[e * D + d]: the shift index worked, -1 off. */
  readonly x: Int16Array;
  /** Workers counted toward each cover cell (group, day, shift). */
  readonly cnt: Int32Array;
  readonly rowHard: Float64Array;
  readonly rowSoft: Float64Array;
  // Per row, kept up to date so that a move on a few days re-checks only the runs around them:
  // the run-based part of the hard shortfall (cannot-follow, run lengths), minutes, weekends
  // worked and shifts per type (the row totals the rest of the hard shortfall follows from).
  readonly rowLocal: Float64Array;
  readonly rowMin: Int32Array;
  readonly rowWe: Int32Array;
  readonly rowCnt: Int32Array;
  /** Whether any row has overtime or fairness terms, and each row's cost of them (part of rowSoft). */
  private readonly terms: boolean;
  private readonly rowExtra: Float64Array;
  private readonly counts: Int32Array;

  /** Cover cost of the current roster, and the running totals the search accepts moves against. */
  coverCost = 0;
  softSum = 0;
  hardSum = 0;

  // results of `segment`, days a..b of one row
  segLocal = 0;
  segSoft = 0;
  segMin = 0;
  segWe = 0;
  readonly segCnt: Int32Array;
  // results of `evalRow`
  rHard = 0;
  rSoft = 0;

  // the current move: its soft delta so far, the rows it touches and the undo log
  delta = 0;
  readonly moveE: Int32Array;
  private readonly oldHard: Float64Array;
  private readonly oldSoft: Float64Array;
  private readonly oldLocal: Float64Array;
  private readonly oldMin: Int32Array;
  private readonly oldWe: Int32Array;
  private readonly oldCnt: Int32Array;
  private readonly oldExtra: Float64Array;
  private readonly undoE: Int32Array;
  private readonly undoD: Int32Array;
  private readonly undoV: Int16Array;
  undoN = 0;
  /** A move on days segA..segB of its rows is re-checked by `segment` (before and after) instead of whole rows. */
  segA = -1;
  segB = -1;
  private readonly preLocal = new Float64Array(2);
  private readonly preSoft = new Float64Array(2);
  private readonly preMin = new Int32Array(2);
  private readonly preWe = new Int32Array(2);
  private readonly preCnt: Int32Array;

  /** `x` must hold allowed values only; its cover is counted here (rows are evaluated by `evalAllRows`). */
  constructor(c: Compiled, x: Int16Array, maxRows: number) {
    const { E, D, S } = c;
    this.c = c;
    this.D = D;
    this.S = S;
    this.S1 = S + 1;
    this.x = x;
    this.cnt = new Int32Array(c.G * D * S);
    this.rowHard = new Float64Array(E);
    this.rowSoft = new Float64Array(E);
    this.rowLocal = new Float64Array(E);
    this.rowMin = new Int32Array(E);
    this.rowWe = new Int32Array(E);
    this.rowCnt = new Int32Array(E * S);
    this.terms = c.anyRowTerms;
    this.rowExtra = new Float64Array(E);
    this.counts = new Int32Array(S);
    this.segCnt = new Int32Array(S);
    this.moveE = new Int32Array(maxRows);
    this.oldHard = new Float64Array(maxRows);
    this.oldSoft = new Float64Array(maxRows);
    this.oldLocal = new Float64Array(maxRows);
    this.oldMin = new Int32Array(maxRows);
    this.oldWe = new Int32Array(maxRows);
    this.oldCnt = new Int32Array(maxRows * S);
    this.oldExtra = new Float64Array(maxRows);
    this.undoE = new Int32Array(2 * maxRows * D + 64);
    this.undoD = new Int32Array(2 * maxRows * D + 64);
    this.undoV = new Int16Array(2 * maxRows * D + 64);
    this.preCnt = new Int32Array(2 * S);
    // cover: everything uncovered, then each cell of the start roster placed
    const init = Int16Array.from(x);
    x.fill(-1);
    for (let k = 0; k < c.req.length; k++) this.coverCost += (c.req[k] as number) * (c.wu[k] as number);
    for (let e = 0; e < E; e++) for (let d = 0; d < D; d++) this.coverCost += this.setCell(e, d, init[e * D + d] as number);
  }

  /** The hard shortfall that follows from row e's totals (weekends, shifts per type, minutes). */
  globalPen(e: number): number {
    const c = this.c;
    const S = this.S;
    let hard = 0;
    const we = this.rowWe[e] as number;
    if (we > (c.maxWe[e] as number)) hard += we - (c.maxWe[e] as number);
    for (let t = 0; t < S; t++) {
      const over = (this.rowCnt[e * S + t] as number) - (c.maxShifts[e * S + t] as number);
      if (over > 0) hard += over;
    }
    const minutes = this.rowMin[e] as number;
    if (minutes > (c.maxMin[e] as number)) hard += (minutes - (c.maxMin[e] as number)) / c.minuteUnit;
    else if (minutes < (c.minMin[e] as number)) hard += ((c.minMin[e] as number) - minutes) / c.minuteUnit;
    return hard;
  }

  /**
   * Days a..b of row e: the run-based shortfall of the whole runs around them (from the start of
   * the run holding a-1 to the end of the run holding b+1; the cells outside a..b are the same
   * before and after a move, so these bounds are run boundaries in both), and the request cost,
   * minutes, shifts per type and weekends worked of a..b itself.
   */
  segment(e: number, a: number, b: number) {
    const { c, x, D, S, S1 } = this;
    const base = e * D;
    let lo = a > 0 ? a - 1 : 0;
    const sLo = (x[base + lo] as number) >= 0;
    while (lo > 0 && (x[base + lo - 1] as number) >= 0 === sLo) lo--;
    let hi = b < D - 1 ? b + 1 : D - 1;
    const sHi = (x[base + hi] as number) >= 0;
    while (hi < D - 1 && (x[base + hi + 1] as number) >= 0 === sHi) hi++;
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
        local += runShortfall(c, e, w, runStart, d - runStart + 1);
        runStart = d + 1;
      }
    }
    this.segLocal = local;
    let soft = 0;
    let minutes = 0;
    const segCnt = this.segCnt;
    segCnt.fill(0);
    for (let d = a; d <= b; d++) {
      const v = x[base + d] as number;
      soft += c.cell[(base + d) * S1 + v + 1] as number;
      if (v >= 0) {
        minutes += c.len[v] as number;
        segCnt[v] = (segCnt[v] as number) + 1;
      }
    }
    this.segSoft = soft;
    this.segMin = minutes;
    // day 0 as a weekend of its own (compile.ts sundayAtStart)
    let we = a === 0 && c.sundayAtStart[e] && (x[base] as number) >= 0 ? 1 : 0;
    let lastK = -1;
    for (let d = a; d <= b; d++) {
      const w = c.weekend[d] as number;
      if (w < 0) continue;
      // the weekend's first day in the horizon
      const k = c.weekendFirst[d] ? d : d - 1;
      if (k === lastK) continue;
      lastK = k;
      if ((x[base + k] as number) >= 0 || (k + 1 < D && c.weekend[k + 1] === w && (x[base + k + 1] as number) >= 0)) we++;
    }
    this.segWe = we;
  }

  /** Row e from scratch: its totals, and its hard shortfall and soft cost in rHard and rSoft. */
  evalRow(e: number) {
    const { c, x, D, S, S1, counts } = this;
    const base = e * D;
    let soft = 0;
    let hard = 0;
    let minutes = 0;
    counts.fill(0);
    let prev = -1;
    let runStart = 0;
    for (let d = 0; d < D; d++) {
      const v = x[base + d] as number;
      soft += c.cell[(base + d) * S1 + v + 1] as number;
      if (v >= 0) {
        minutes += c.len[v] as number;
        counts[v] = (counts[v] as number) + 1;
        if (prev >= 0 && c.cf[prev * S + v]) hard += 1;
      }
      if (d === D - 1 || (x[base + d + 1] as number) >= 0 !== v >= 0) {
        hard += runShortfall(c, e, v >= 0, runStart, d - runStart + 1);
        runStart = d + 1;
      }
      prev = v;
    }
    this.rowLocal[e] = hard;
    this.rowWe[e] = weekendsWorked(c, e, x, base);
    this.rowMin[e] = minutes;
    for (let t = 0; t < S; t++) this.rowCnt[e * S + t] = counts[t] as number;
    this.rHard = hard + this.globalPen(e);
    if (this.terms) {
      const extra = rowSoftCost(c, e, x, base);
      this.rowExtra[e] = extra;
      soft += extra;
    }
    this.rSoft = soft;
  }

  /** Every row evaluated, and the search's totals set from them and the cover. */
  evalAllRows() {
    this.softSum = 0;
    this.hardSum = 0;
    for (let e = 0; e < this.c.E; e++) {
      this.evalRow(e);
      this.rowHard[e] = this.rHard;
      this.rowSoft[e] = this.rSoft;
      this.softSum += this.rSoft;
      this.hardSum += this.rHard;
    }
    this.softSum += this.coverCost;
  }

  /** Cover: the cost change of setting cell (e, d) to v, applied to the counts. */
  setCell(e: number, d: number, v: number): number {
    const { c, x, D, S, cnt } = this;
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
  }

  /** Marginal cost of employee e's values given everyone else, for the row re-optimisation. */
  fillPrices(e: number, price: Float64Array) {
    const { c, x, D, S, S1, cnt } = this;
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
  }

  /** Starts a move: nothing changed yet. */
  begin() {
    this.undoN = 0;
    this.segA = -1;
    this.delta = 0;
  }

  /** Sets a cell as part of the current move (logged for undo), adding its cover change to `delta`. */
  change(e: number, d: number, v: number) {
    const n = this.undoN++;
    this.undoE[n] = e;
    this.undoD[n] = d;
    this.undoV[n] = this.x[e * this.D + d] as number;
    this.delta += this.setCell(e, d, v);
  }

  /** Puts back every cell the current move changed (the rows' bookkeeping is untouched until `settle`). */
  undoCells() {
    for (let j = this.undoN - 1; j >= 0; j--)
      this.setCell(this.undoE[j] as number, this.undoD[j] as number, this.undoV[j] as number);
  }

  /** Before a move on days segA..segB: row e's segment as it is, for touched row j (0 or 1). */
  before(j: number, e: number) {
    this.segment(e, this.segA, this.segB);
    this.preLocal[j] = this.segLocal;
    this.preSoft[j] = this.segSoft;
    this.preMin[j] = this.segMin;
    this.preWe[j] = this.segWe;
    for (let t = 0; t < this.S; t++) this.preCnt[j * this.S + t] = this.segCnt[t] as number;
  }

  /**
   * After a move's cells are set: brings the touched rows (moveE[0..rows-1]) up to date, adds
   * their soft change to `delta` and returns their hard change. Their old values are kept for `reject`.
   */
  settle(rows: number): number {
    const { S, rowCnt, segCnt } = this;
    let dHard = 0;
    for (let j = 0; j < rows; j++) {
      const e = this.moveE[j] as number;
      this.oldHard[j] = this.rowHard[e] as number;
      this.oldSoft[j] = this.rowSoft[e] as number;
      this.oldLocal[j] = this.rowLocal[e] as number;
      this.oldMin[j] = this.rowMin[e] as number;
      this.oldWe[j] = this.rowWe[e] as number;
      for (let t = 0; t < S; t++) this.oldCnt[j * S + t] = rowCnt[e * S + t] as number;
      if (this.terms) this.oldExtra[j] = this.rowExtra[e] as number;
      if (this.segA >= 0) {
        this.segment(e, this.segA, this.segB);
        this.rowLocal[e] = (this.rowLocal[e] as number) + this.segLocal - (this.preLocal[j] as number);
        this.rowMin[e] = (this.rowMin[e] as number) + this.segMin - (this.preMin[j] as number);
        this.rowWe[e] = (this.rowWe[e] as number) + this.segWe - (this.preWe[j] as number);
        for (let t = 0; t < S; t++)
          rowCnt[e * S + t] = (rowCnt[e * S + t] as number) + (segCnt[t] as number) - (this.preCnt[j * S + t] as number);
        this.rHard = (this.rowLocal[e] as number) + this.globalPen(e);
        this.rSoft = (this.rowSoft[e] as number) + this.segSoft - (this.preSoft[j] as number);
        if (this.terms) {
          const extra = rowSoftCost(this.c, e, this.x, e * this.D);
          this.rSoft += extra - (this.rowExtra[e] as number);
          this.rowExtra[e] = extra;
        }
        if (CHECK_INCREMENTAL) {
          const h = this.rHard;
          const sf = this.rSoft;
          this.evalRow(e);
          if (Math.abs(h - this.rHard) > 1e-6 || Math.abs(sf - this.rSoft) > 1e-6)
            throw new Error(`incremental check: row ${e} hard ${h} vs ${this.rHard}, soft ${sf} vs ${this.rSoft}`);
        }
      } else this.evalRow(e);
      this.rowHard[e] = this.rHard;
      this.rowSoft[e] = this.rSoft;
      dHard += this.rHard - (this.oldHard[j] as number);
      this.delta += this.rSoft - (this.oldSoft[j] as number);
    }
    return dHard;
  }

  /** Takes back a settled move: its cells and its rows' bookkeeping. */
  reject(rows: number) {
    const S = this.S;
    this.undoCells();
    for (let j = 0; j < rows; j++) {
      const e = this.moveE[j] as number;
      this.rowHard[e] = this.oldHard[j] as number;
      this.rowSoft[e] = this.oldSoft[j] as number;
      this.rowLocal[e] = this.oldLocal[j] as number;
      this.rowMin[e] = this.oldMin[j] as number;
      this.rowWe[e] = this.oldWe[j] as number;
      for (let t = 0; t < S; t++) this.rowCnt[e * S + t] = this.oldCnt[j * S + t] as number;
      if (this.terms) this.rowExtra[e] = this.oldExtra[j] as number;
    }
  }
}
