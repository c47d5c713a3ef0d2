// The restricted master of the column generation (see column-generation.ts): the rows generated
// so far, one LP over them, the cells a dive has fixed, and the pricing round that adds rows.
// The root (column-generation-root.ts) and the dives (column-generation-dives.ts) share it.
import type { Compiled } from './compile.js';
import type { LpSolution, MasterColumn, MasterLp, MasterLpFactory } from './master-lp.js';
import { createRowDp, type RowDp } from './row-dp.js';
import { rowFeasible } from './row-feasible.js';
import { rowSoftCost } from './row-soft-cost.js';

const EPS = 1e-6;
const MIN_WIDTH = 300;
/** Cost of the empty stand-in row, and of a value a dive has ruled out. */
export const ARTIFICIAL = 1e7;

export type RestrictedMaster = {
  lp: MasterLp;
  /** The rows behind the master's columns, by column (slack and stand-in columns hold none). */
  rows: Int16Array[];
  /** Column indices of each employee's rows. */
  ofEmployee: number[][];
  /** Column of employee e's stand-in row: artificial + e. */
  artificial: number;
  /** A dive's fixed cells: forced[e * D + d] is the value (-1 = off) or -2 for a free cell. */
  forced: Int16Array;
  columnCount(): number;
  /**
   * The label steps each row programme may take (widened when pricing finds nothing), and which
   * programmes price (row-dp.ts): 'both' runs the exact guided one and the merged one for each
   * employee and adds both rows, since each misses rows the other finds (on Instance8 after 40
   * rounds the merged one found -0.5 of reduced cost in 5 rows and the exact one -165 in 21; on
   * Instance14 after 50 rounds the exact one found -0.9 and the merged one -33.7); 'exact' only
   * the exact guided one.
   */
  setPricingBudget(budget: number, programmes?: Programmes): void;
  /**
   * Prices the employees in a rotating order (only those marked in `only`, when given) against
   * the duals y and adds the rows of negative reduced cost, stopping once `enough` are found.
   * With `lpDual` (y is then a smoothed dual, see column-generation-root.ts) the round also counts
   * the added rows that price out against the LP's own duals. `stop`, asked before each employee,
   * ends the round early (it is then not `pricedAll`).
   */
  priceRound(y: Float64Array, only?: Uint8Array, enough?: number, lpDual?: Float64Array, stop?: () => boolean): PricingRound;
  /**
   * The Lagrangian bound at duals y from a round that priced everyone: the cover requirements at
   * their duals plus each employee's cheapest row (an exact bound only when the pricing was exact).
   */
  lagrangianBound(y: Float64Array, round: PricingRound): number;
  /** Closes or reopens the columns that disagree with cell (e, d) := v. */
  fixCell(e: number, d: number, v: number): void;
  /** Frees cell (e, d) again: reopens the employee's columns that agree with the cells still fixed. */
  unfixCell(e: number, d: number): void;
  /** Reopens every column and frees every cell, for the next dive. */
  unfixAll(): void;
  solve(): LpSolution;
  dispose(): void;
};

/**
 * A master over days from..to-1 only (window-search.ts): every row keeps the incumbent's values on
 * the other days, and only the window's cover cells are rows of the LP.
 */
export type MasterWindow = { from: number; to: number };

/** Which row programmes price (see setPricingBudget); 'merged' alone is the cheapest, for a root's first rounds. */
export type Programmes = 'both' | 'exact' | 'merged';

export type PricingRound = {
  added: number;
  /** Whether every employee was priced (then lagrangianBound applies). */
  pricedAll: boolean;
  /**
   * Sum over the employees priced of their cheapest row's priced cost, or of their dual y_e where
   * no row came below it (the guided programme then proves none costs less, as far as its beam holds);
   * minus infinity when the merged programme priced alone and found no row for someone.
   */
  costSum: number;
  /** Rows added whose reduced cost is negative against `lpDual` (against y without it). */
  improving: number;
};

/**
 *   min  sum_j cost_j x_j + sum_k (wu_k u_k + wo_k o_k)
 *   s.t. sum_{j of e} x_j = 1                        for every employee e   (dual y_e)
 *        sum_j a_kj x_j + u_k - o_k = req_k           for every cover cell k (dual y_k)
 * starting from the incumbent's rows and an expensive empty row per employee, which keeps the
 * master feasible whatever a dive fixes (a dive that still needs one has failed).
 */
export function createRestrictedMaster(
  c: Compiled,
  incumbent: Int16Array,
  factory: MasterLpFactory,
  pricingBudget: number,
  window?: MasterWindow,
): RestrictedMaster {
  const { E, D, S, G } = c;
  const S1 = S + 1;
  // cover rows only where a cover cell costs something either way (and, with a window, only on
  // its days: every row keeps the incumbent's values elsewhere, so the cover there is fixed)
  const coverRow = new Int32Array(G * D * S).fill(-1);
  const bound: number[] = [];
  for (let e = 0; e < E; e++) bound.push(1);
  for (let k = 0; k < G * D * S; k++) {
    const d = Math.floor(k / S) % D;
    if (window && (d < window.from || d >= window.to)) continue;
    if ((c.wu[k] as number) > 0 || (c.wo[k] as number) > 0 || (c.req[k] as number) > 0) {
      coverRow[k] = bound.length;
      bound.push(c.req[k] as number);
    }
  }
  const rowBound = Float64Array.from(bound);
  const lp = factory(rowBound, rowBound);
  const rows: Int16Array[] = [];
  const ofEmployee: number[][] = Array.from({ length: E }, () => []);
  const seen = Array.from({ length: E }, () => new Set<string>());
  const forced = new Int16Array(E * D).fill(-2);

  const slack: MasterColumn[] = [];
  for (let k = 0; k < coverRow.length; k++) {
    const r = coverRow[k] as number;
    if (r < 0) continue;
    const one = Int32Array.of(r);
    slack.push({ cost: c.wu[k] as number, lower: 0, upper: Number.POSITIVE_INFINITY, rows: one, values: Float64Array.of(1) });
    slack.push({ cost: c.wo[k] as number, lower: 0, upper: Number.POSITIVE_INFINITY, rows: one, values: Float64Array.of(-1) });
    rows.push(new Int16Array(0), new Int16Array(0));
  }
  lp.addColumns(slack);

  const column = (e: number, row: Int16Array): MasterColumn => {
    let cost = 0;
    const idx: number[] = [e];
    const gs = c.groups[e] as Int32Array;
    for (let d = 0; d < D; d++) {
      const v = row[d] as number;
      cost += c.cell[(e * D + d) * S1 + v + 1] as number;
      if (v < 0) continue;
      for (let j = 0; j < gs.length; j++) {
        const r = coverRow[((gs[j] as number) * D + d) * S + v] as number;
        if (r >= 0) idx.push(r);
      }
    }
    // the row's overtime and fairness terms, costed exactly: the merged pricing programme may
    // have priced them a little off (it merges labels), so the master's cost is this one
    cost += rowSoftCost(c, e, row);
    idx.sort((a, b) => a - b);
    return { cost, lower: 0, upper: 1, rows: Int32Array.from(idx), values: new Float64Array(idx.length).fill(1) };
  };
  const reducedCost = (col: MasterColumn, y: Float64Array) => {
    let rc = col.cost;
    for (let i = 0; i < col.rows.length; i++) rc -= y[col.rows[i] as number] as number;
    return rc;
  };
  const agrees = (e: number, row: Int16Array) => {
    for (let d = 0; d < D; d++) {
      const f = forced[e * D + d] as number;
      if (f !== -2 && f !== row[d]) return false;
    }
    return true;
  };
  const add = (e: number, row: Int16Array, batch: MasterColumn[]) => {
    const key = row.join(',');
    const set = seen[e] as Set<string>;
    if (set.has(key)) return;
    set.add(key);
    const col = column(e, row);
    // a row that disagrees with a fixed cell stays closed until the dive ends
    batch.push(agrees(e, row) ? col : { ...col, upper: 0 });
    (ofEmployee[e] as number[]).push(rows.length);
    rows.push(Int16Array.from(row));
  };
  // with a window, each row programme keeps the employee's incumbent values outside it
  const windowOf = window
    ? Array.from({ length: E }, (_, e) => ({ ...window, fixed: incumbent.slice(e * D, (e + 1) * D) }))
    : null;
  const startBatch: MasterColumn[] = [];
  for (let e = 0; e < E; e++) add(e, incumbent.subarray(e * D, (e + 1) * D), startBatch);
  const artificial = rows.length;
  for (let e = 0; e < E; e++) {
    startBatch.push({ cost: ARTIFICIAL, lower: 0, upper: 1, rows: Int32Array.of(e), values: Float64Array.of(1) });
    rows.push(new Int16Array(0));
  }
  lp.addColumns(startBatch);

  // A budget spread over a long row leaves few labels a day, and pricing then misses the best rows
  // by far (Instance19, 84 days: 99 labels a day found a third of the reduced cost 1,600 did), so
  // a beam never narrows below MIN_WIDTH however long the row.
  const widthFor = (budget: number) => Math.max(MIN_WIDTH, Math.round(budget / (D * S1)));
  let dp: RowDp | null = createRowDp(c, widthFor(pricingBudget), { exact: true, guided: true });
  const price = new Float64Array(D * S1);
  const out = new Int16Array(D);
  const out2 = new Int16Array(D);
  let dpMerged: RowDp | null = createRowDp(c, widthFor(pricingBudget));
  let nextE = 0;

  return {
    lp,
    rows,
    ofEmployee,
    artificial,
    forced,
    columnCount: () => rows.length,
    setPricingBudget(budget, programmes = 'both') {
      dp = programmes === 'merged' ? null : createRowDp(c, widthFor(budget), { exact: true, guided: true });
      dpMerged = programmes === 'exact' ? null : createRowDp(c, widthFor(budget));
    },
    priceRound(y, only, enough = Math.max(4, Math.ceil(E / 4)), lpDual, stop) {
      const batch: MasterColumn[] = [];
      let costSum = 0;
      let improving = 0;
      let n = 0;
      for (; n < E && batch.length < enough && !stop?.(); n++) {
        const e = nextE;
        nextE = (nextE + 1) % E;
        if (only && !only[e]) continue;
        const gs = c.groups[e] as Int32Array;
        for (let d = 0; d < D; d++) {
          const cb = (e * D + d) * S1;
          const f = forced[e * D + d] as number;
          price[d * S1] = (c.cell[cb] as number) + (f !== -2 && f !== -1 ? ARTIFICIAL : 0);
          for (let t = 0; t < S; t++) {
            let p = (c.cell[cb + t + 1] as number) + (f !== -2 && f !== t ? ARTIFICIAL : 0);
            for (let j = 0; j < gs.length; j++) {
              const r = coverRow[((gs[j] as number) * D + d) * S + t] as number;
              if (r >= 0) p -= y[r] as number;
            }
            price[d * S1 + t + 1] = p;
          }
        }
        // only rows of negative reduced cost are wanted: a guided programme drops the labels
        // that cannot end below y_e, and finding none then means the cheapest row costs at
        // least y_e, which is what the bound counts for it
        const ye = y[e] as number;
        const win = windowOf?.[e];
        const cost = dp ? dp(e, price, out, win, ye - EPS) : Number.POSITIVE_INFINITY;
        // the merged programme as well: each misses rows the other finds (see setPricingBudget)
        const cost2 = dpMerged ? dpMerged(e, price, out2, win) : Number.POSITIVE_INFINITY;
        const least = Math.min(cost, cost2);
        // The merged programme alone, finding no row at all, has lost its beam (it has no cutoff):
        // the round then gives no bound. Counting y_e for it, round 1 on Instance21 gave a "bound"
        // of 80 M over an LP of 47628, and the root took the duals behind it as its centre.
        costSum += Number.isFinite(least) ? least : dp ? ye : Number.NEGATIVE_INFINITY;
        if (least - ye > -EPS) continue;
        for (const [cst, row] of [
          [cost, out],
          [cost2, out2],
        ] as const) {
          if (cst - ye > -EPS || !agrees(e, row) || !rowFeasible(c, e, row)) continue;
          const before = batch.length;
          add(e, row, batch);
          const col = batch[before];
          if (col && reducedCost(col, lpDual ?? y) < -EPS) improving++;
        }
      }
      lp.addColumns(batch);
      return { added: batch.length, pricedAll: n === E, costSum, improving };
    },
    lagrangianBound(y, round) {
      let b = round.costSum;
      for (let r = E; r < rowBound.length; r++) b += (rowBound[r] as number) * (y[r] as number);
      return b;
    },
    fixCell(e, d, v) {
      forced[e * D + d] = v;
      for (const j of ofEmployee[e] as number[]) if ((rows[j] as Int16Array)[d] !== v) lp.setBounds(j, 0, 0);
    },
    unfixCell(e, d) {
      forced[e * D + d] = -2;
      for (const j of ofEmployee[e] as number[]) if (agrees(e, rows[j] as Int16Array)) lp.setBounds(j, 0, 1);
    },
    unfixAll() {
      forced.fill(-2);
      for (let e = 0; e < E; e++) for (const j of ofEmployee[e] as number[]) lp.setBounds(j, 0, 1);
    },
    solve: () => lp.solveLp(),
    dispose: () => lp.dispose(),
  };
}
