// Column generation with diving: the LP side of branch and price, the method behind the published
// optima of these instances (Curtois & Qu 2014), without the branching tree. Each
// column is one employee's whole row; the master picks one row per employee and pays cover
// shortfall and surplus through slack columns:
//
//   min  sum_j cost_j x_j + sum_k (wu_k u_k + wo_k o_k)
//   s.t. sum_{j of e} x_j = 1                        for every employee e   (dual y_e)
//        sum_j a_kj x_j + u_k - o_k = req_k           for every cover cell k (dual y_k)
//
// The LP relaxation's duals price each (day, shift) for each employee, and the row programme
// (row-dp.ts), which already respects every hard rule of a row, finds the row of least reduced
// cost. When no row prices out (or the bound has settled), dives fix cells the LP agrees on and
// price again until the LP is integral. The LP bound of this model is tight on rostering problems,
// so a dive usually lands near the optimum; the annealing then polishes what the dives left.
// (Solving the generated rows as a MIP with HiGHS was tried first: it stayed far above the LP,
// e.g. Instance7 at 1260 against an LP of 1054 after 21 s, and Instance8, 12 and 14 no better than
// the start roster in 15 s, so it is not used.)
import type { Compiled } from './compile.js';
import type { MasterColumn, MasterLpFactory } from './master-lp.js';
import { createRowDp } from './row-dp.js';
import { rowSoftCost } from './row-soft-cost.js';

export type PriceAndDiveOptions = {
  clock: () => number;
  /** Clock value by which root pricing stops (dives start from the LP reached by then). */
  rootDeadline: number;
  /** Clock value at which a root still far from settling is abandoned early. */
  rootCheckpoint?: number;
  /** Clock value by which everything must have answered. */
  deadline: number;
  shouldStop?: () => boolean;
  /** At most this many dives (tests: a run that does not depend on the clock). */
  maxDives?: number;
  /** Called with each integer roster a dive ends in. */
  onRoster?: (roster: Int16Array) => void;
};

export type PriceAndDiveResult = {
  /** The best roster a dive ended in (cell values, -1 = off), or null when none finished. */
  roster: Int16Array | null;
  /** Objective of the root LP relaxation (a lower bound only when pricing was exact). */
  rootLp: number;
  columns: number;
  rounds: number;
  dives: number;
  converged: boolean;
  /** The best roster meets the root LP bound (as far as the pricing was exact): no dive can do better. */
  optimal: boolean;
};

/**
 * Label steps of one pricing programme: narrow at first (early rounds need columns quickly, not
 * the best ones), widened fourfold each time it finds no column or its bound looks settled.
 * Dives price at DIVE_BUDGET.
 */
const PRICING_BUDGET = 50_000;
const PRICING_BUDGET_MAX = 800_000;
const DIVE_BUDGET = 200_000;
/**
 * Share of a dive's fractional cells fixed per step: dives alternate between careful (a twentieth,
 * slow, usually the better roster on many shift types) and quick (a fifth, several per second on
 * small instances, where many noisy dives find the best). Pricing rounds after each step.
 */
const FIX_SHARE_CAREFUL = 0.05;
const FIX_SHARE_QUICK = 0.2;
/** The root counts as settled when its Lagrangian bound is within this share of the LP. */
const SETTLE_GAP = 0.003;
/** A root whose Lagrangian gap is still above this at rootCheckpoint is abandoned there. */
const CHECKPOINT_GAP = 0.25;
/** A root within this share of its bound at the deadline still dives. */
const NEAR_GAP = 0.02;
const DIVE_PRICING_ROUNDS = 3;
const EPS = 1e-6;
/** Cost of the empty stand-in row, and of a value a dive has ruled out. */
const ARTIFICIAL = 1e7;

/**
 * Column generation to the root LP (or until it is abandoned, see below), then dives: fix the
 * cells the LP agrees on most, price again, until the LP is integral. Each dive's roster goes to
 * onRoster; dives repeat with fresh choices while time remains.
 */
export function priceAndDive(
  c: Compiled,
  incumbent: Int16Array,
  factory: MasterLpFactory,
  opts: PriceAndDiveOptions,
): PriceAndDiveResult {
  const { E, D, S, G } = c;
  const S1 = S + 1;
  const coverRow = new Int32Array(G * D * S).fill(-1);
  const bound: number[] = [];
  for (let e = 0; e < E; e++) bound.push(1);
  // cover rows only where a cover cell costs something either way
  for (let k = 0; k < G * D * S; k++) {
    if ((c.wu[k] as number) > 0 || (c.wo[k] as number) > 0 || (c.req[k] as number) > 0) {
      coverRow[k] = bound.length;
      bound.push(c.req[k] as number);
    }
  }
  const rowBound = Float64Array.from(bound);
  const master = factory(rowBound, rowBound);
  const timeUp = () => opts.clock() >= opts.deadline || opts.shouldStop?.() === true;
  try {
    const owner: number[] = [];
    const rows: Int16Array[] = [];
    const ofEmployee: number[][] = Array.from({ length: E }, () => []);
    const seen = Array.from({ length: E }, () => new Set<string>());
    const slack: MasterColumn[] = [];
    for (let k = 0; k < coverRow.length; k++) {
      const r = coverRow[k] as number;
      if (r < 0) continue;
      const one = Int32Array.of(r);
      slack.push({ cost: c.wu[k] as number, lower: 0, upper: Number.POSITIVE_INFINITY, rows: one, values: Float64Array.of(1) });
      slack.push({ cost: c.wo[k] as number, lower: 0, upper: Number.POSITIVE_INFINITY, rows: one, values: Float64Array.of(-1) });
      owner.push(-1, -1);
      rows.push(new Int16Array(0), new Int16Array(0));
    }
    master.addColumns(slack);
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
      // the row's overtime and fairness terms: the pricing programme does not see them, so a
      // column's cost in the master is the exact one and its reduced cost may be above what the
      // pricing found
      cost += rowSoftCost(c, e, row);
      idx.sort((a, b) => a - b);
      return { cost, lower: 0, upper: 1, rows: Int32Array.from(idx), values: new Float64Array(idx.length).fill(1) };
    };
    // A dive fixes cells (employee, day) to a value: forced[e * D + d] (-2: free). Columns that
    // disagree with a fixed cell are closed (upper bound 0) until the dive ends.
    const forced = new Int16Array(E * D).fill(-2);
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
      batch.push(agrees(e, row) ? col : { ...col, upper: 0 });
      (ofEmployee[e] as number[]).push(owner.length);
      owner.push(e);
      rows.push(Int16Array.from(row));
    };
    const startBatch: MasterColumn[] = [];
    for (let e = 0; e < E; e++) add(e, incumbent.subarray(e * D, (e + 1) * D), startBatch);
    // An expensive empty row per employee keeps the master feasible whatever a dive fixes; a dive
    // that still needs one has failed.
    const artificial = owner.length;
    for (let e = 0; e < E; e++) {
      startBatch.push({ cost: ARTIFICIAL, lower: 0, upper: 1, rows: Int32Array.of(e), values: Float64Array.of(1) });
      owner.push(-1);
      rows.push(new Int16Array(0));
    }
    master.addColumns(startBatch);

    const widthFor = (budget: number) => Math.max(30, Math.round(budget / (D * S1)));
    let budget = PRICING_BUDGET;
    let dp = createRowDp(c, widthFor(budget));
    const price = new Float64Array(D * S1);
    const out = new Int16Array(D);
    let rounds = 0;
    // One pricing round: the number of columns added. Employees are priced in a rotating order
    // and the round ends once `enough` columns are found (partial pricing): a re-solved LP gives
    // better duals for the rest sooner than pricing everyone against stale ones. A round that
    // prices everyone leaves the sum of their negative reduced costs in `rcSum`, which gives the
    // Lagrangian bound LP + rcSum.
    let nextE = 0;
    let rcSum = 0;
    let pricedAll = false;
    const priceRound = (y: Float64Array, only?: Uint8Array, enough = Math.max(4, Math.ceil(E / 4))): number => {
      const batch: MasterColumn[] = [];
      rcSum = 0;
      let n = 0;
      for (; n < E && batch.length < enough; n++) {
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
        const cost = dp(e, price, out);
        if (!Number.isFinite(cost)) continue;
        const rc = cost - (y[e] as number);
        if (rc > -EPS) continue;
        rcSum += rc;
        if (!agrees(e, out) || !rowFeasible(c, e, out)) continue;
        add(e, out, batch);
      }
      pricedAll = n === E;
      master.addColumns(batch);
      rounds++;
      return batch.length;
    };

    // The root: price until no row has negative reduced cost at the widest affordable beam, or
    // until the LP has settled: within SETTLE_GAP of the Lagrangian bound LP + (sum of the
    // employees' negative reduced costs), priced for everyone in one round. The long tail of
    // column generation moves the bound, rarely the dives. A root that neither converges nor
    // settles by rootDeadline is abandoned, and so is one still far from settling (a Lagrangian
    // gap above 25%) at rootCheckpoint: dives from a poor LP make poor rosters, and the annealing
    // makes better use of the time left.
    let rootLp = Number.NaN;
    let converged = false;
    let settled = false;
    let lp = master.solveLp();
    let round = 0;
    let lagrangianGap = Number.POSITIVE_INFINITY;
    while (lp.ok && !timeUp() && opts.clock() < opts.rootDeadline) {
      rootLp = lp.objective;
      // every fifth round prices everyone, for the bound
      const full = ++round % 5 === 0;
      const found = priceRound(lp.rowDual, undefined, full ? E : undefined);
      if (found === 0) {
        if (budget >= PRICING_BUDGET_MAX) {
          converged = true;
          break;
        }
        budget *= 4;
        dp = createRowDp(c, widthFor(budget));
      } else if (full && pricedAll) {
        lagrangianGap = -rcSum / Math.max(1, Math.abs(rootLp));
        if (lagrangianGap <= SETTLE_GAP) {
          // a narrow beam misses rows, so the bound it gives is too kind: widen before settling
          if (budget >= PRICING_BUDGET_MAX) {
            settled = true;
            break;
          }
          budget *= 4;
          dp = createRowDp(c, widthFor(budget));
        }
      }
      // far from settling at the checkpoint: this root will not settle in time either
      if (opts.clock() >= (opts.rootCheckpoint ?? Number.POSITIVE_INFINITY) && lagrangianGap > CHECKPOINT_GAP) break;
      lp = master.solveLp();
    }
    // at the deadline a root near its bound still dives; one far from it is abandoned
    if (!converged && !settled && !(lagrangianGap <= NEAR_GAP))
      return { roster: null, rootLp, columns: owner.length, rounds, dives: 0, converged, optimal: false };
    // dives price with the first (narrow) beam: they need good rows quickly, not proof
    dp = createRowDp(c, widthFor(DIVE_BUDGET));

    const whole = (a: ArrayLike<number>) => Array.prototype.every.call(a, (w: number) => Number.isInteger(w));
    const step = whole(c.cell) && whole(c.wu) && whole(c.wo) ? 1 : 0;
    let best: Int16Array | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    let dives = 0;
    let optimal = false;
    const z = new Float64Array(E * D * S1);
    const split = new Uint8Array(E);
    let noise = 0;
    while (lp.ok && !timeUp() && dives < (opts.maxDives ?? Number.POSITIVE_INFINITY)) {
      dives++;
      let cur = lp;
      let pruned = false;
      for (;;) {
        if (!cur.ok || timeUp()) break;
        // the LP's value of each cell: z[e, d, v] = sum of the columns holding v on day d
        z.fill(0);
        let integral = true;
        for (let e = 0; e < E; e++)
          for (const j of ofEmployee[e] as number[]) {
            const lam = cur.colValue[j] as number;
            if (lam < 1e-9) continue;
            if (lam < 1 - 1e-6) integral = false;
            const row = rows[j] as Int16Array;
            for (let d = 0; d < D; d++) {
              const zi = (e * D + d) * S1 + (row[d] as number) + 1;
              z[zi] = (z[zi] as number) + lam;
            }
          }
        if (integral) break;
        // a dive whose LP is no better than the best roster found cannot beat it (with whole
        // weights, as in the benchmark, not by less than one): stop and start the next
        if (cur.objective > bestCost - step + EPS) {
          pruned = true;
          break;
        }
        // fix the free cells whose best shift is nearest to 1 (a share of the fractional ones, at
        // least one) to that shift; days off are never fixed, which leaves the pricing free to
        // reshape the rest of a row around its fixed shifts. Later dives add noise so they take
        // other paths.
        const cand: number[] = [];
        const score: number[] = [];
        for (let i = 0; i < E * D; i++) {
          if ((forced[i] as number) !== -2) continue;
          let bv = 0;
          let bvIdx = 0;
          for (let v = 1; v < S1; v++)
            if ((z[i * S1 + v] as number) > bv) {
              bv = z[i * S1 + v] as number;
              bvIdx = v;
            }
          if (bv > 1 - 1e-6 || bv < 1e-6) continue;
          cand.push(i * S1 + bvIdx);
          noise = (noise * 1103515245 + 12345) & 0x7fffffff;
          score.push(bv + (dives > 1 ? (noise / 0x7fffffff) * 0.3 : 0));
        }
        if (cand.length === 0) break;
        const order = cand.map((_, i) => i).sort((p, q) => (score[q] as number) - (score[p] as number));
        const take = Math.max(1, Math.ceil(cand.length * (dives % 2 === 1 ? FIX_SHARE_CAREFUL : FIX_SHARE_QUICK)));
        for (let k = 0; k < take; k++) {
          const ci = cand[order[k] as number] as number;
          const i = Math.floor(ci / S1);
          const v = (ci % S1) - 1;
          forced[i] = v;
          const e = Math.floor(i / D);
          const d = i % D;
          for (const j of ofEmployee[e] as number[]) if ((rows[j] as Int16Array)[d] !== v) master.setBounds(j, 0, 0);
        }
        cur = master.solveLp();
        // price again only for the employees the LP still splits between rows
        for (let k = 0; k < DIVE_PRICING_ROUNDS && cur.ok && !timeUp(); k++) {
          split.fill(0);
          for (let e = 0; e < E; e++)
            for (const j of ofEmployee[e] as number[]) {
              const lam = cur.colValue[j] as number;
              if (lam > 1e-6 && lam < 1 - 1e-6) split[e] = 1;
            }
          if (priceRound(cur.rowDual, split) === 0) break;
          cur = master.solveLp();
        }
      }
      if (cur.ok && !pruned && !timeUp()) {
        const roster = new Int16Array(E * D);
        let complete = true;
        for (let e = 0; e < E; e++) {
          let pick = -1;
          for (const j of ofEmployee[e] as number[]) if ((cur.colValue[j] as number) > 0.5) pick = j;
          if (pick < 0 || (cur.colValue[artificial + e] as number) > 0.5) complete = false;
          else roster.set(rows[pick] as Int16Array, e * D);
        }
        if (complete) {
          opts.onRoster?.(roster);
          if (cur.objective < bestCost) {
            bestCost = cur.objective;
            best = roster;
          }
        }
      }
      // proven optimal: nothing below the root LP bound exists (with exact pricing)
      if (converged && bestCost < rootLp + step - EPS) {
        optimal = true;
        break;
      }
      // undo the dive for the next one
      forced.fill(-2);
      for (let e = 0; e < E; e++) for (const j of ofEmployee[e] as number[]) master.setBounds(j, 0, 1);
      lp = master.solveLp();
    }
    return { roster: best, rootLp, columns: owner.length, rounds, dives, converged, optimal };
  } finally {
    master.dispose();
  }
}

/**
 * Every hard rule of one row (the row programme's state key can merge two labels, so a priced
 * row is checked before it becomes a column).
 */
export function rowFeasible(c: Compiled, e: number, row: Int16Array): boolean {
  const { D, S } = c;
  const counts = new Int32Array(S);
  let minutes = 0;
  let run = 0;
  let off = 0;
  let workStart = 0;
  let offStart = 0;
  const maxCons = c.maxCons[e] as number;
  const minCons = c.minCons[e] as number;
  const minOff = c.minOff[e] as number;
  for (let d = 0; d < D; d++) {
    const v = row[d] as number;
    if (v >= 0) {
      if (!c.allowed[(e * D + d) * S + v]) return false;
      if (d > 0 && (row[d - 1] as number) >= 0 && c.cf[(row[d - 1] as number) * S + v]) return false;
      minutes += c.len[v] as number;
      counts[v] = (counts[v] as number) + 1;
      if (run === 0) {
        if (off > 0 && offStart > 0 && off < minOff) return false;
        workStart = d;
        off = 0;
      }
      run++;
      if (run > maxCons) return false;
    } else {
      if (off === 0) {
        if (run > 0 && workStart > 0 && run < minCons) return false;
        offStart = d;
        run = 0;
      }
      off++;
    }
  }
  if (minutes < (c.minMin[e] as number) || minutes > (c.maxMin[e] as number)) return false;
  for (let t = 0; t < S; t++) if ((counts[t] as number) > (c.maxShifts[e * S + t] as number)) return false;
  let weekends = 0;
  for (let k = 5; k < D; k += 7) if ((row[k] as number) >= 0 || (k + 1 < D && (row[k + 1] as number) >= 0)) weekends++;
  return weekends <= (c.maxWe[e] as number);
}
