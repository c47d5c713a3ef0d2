// The column generation's LP engine: HiGHS (University of Edinburgh, MIT licence) compiled to
// WebAssembly by the `highs` npm package, single-threaded. One persistent model per solve keeps
// the simplex basis between pricing rounds, so each re-solve after adding columns is a warm start.
// Loading the WebAssembly is asynchronous, so the worker loads it once before the synchronous
// solve starts (loadMasterLpFactory) and passes the factory into the pure core.
import loadHighs from 'highs';
import type { LpSolution, MasterLp, MasterLpFactory } from './domain/master-lp.js';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
type Options = Parameters<ReturnType<Highs['createModel']>['options']['set']>[0];

/** HiGHS's SimplexStrategy values for primal and (serial) dual simplex (a const enum the package declares but does not export). */
const PRIMAL_SIMPLEX = 4 as NonNullable<Options['simplex_strategy']>;
const DUAL_SIMPLEX = 1 as NonNullable<Options['simplex_strategy']>;

let loading: Promise<Highs> | undefined;

/** The HiGHS engine, or undefined when it cannot be loaded (the solver then runs without it). */
export async function loadMasterLpFactory(): Promise<MasterLpFactory | undefined> {
  try {
    loading ??= loadHighs();
    const highs = await loading;
    return (rowLower, rowUpper) => createMaster(highs, rowLower, rowUpper);
  } catch {
    return undefined;
  }
}

function createMaster(highs: Highs, rowLower: Float64Array, rowUpper: Float64Array): MasterLp {
  const model = highs.createModel();
  model.options.set({ output_flag: false, presolve: 'off' });
  const nRows = rowLower.length;
  for (let i = 0; i < nRows; i++)
    model.addRow(rowLower[i] as number, rowUpper[i] as number, { indices: new Int32Array(0), values: new Float64Array(0) });
  const status = () => model.getModelStatus();
  // a column was closed since the last solve (see solveLp)
  let closed = false;
  const read = (ok: boolean): LpSolution => {
    const s = model.getSolution();
    return { ok, objective: ok ? model.getObjectiveValue() : Number.NaN, colValue: s.colValue, rowDual: s.rowDual };
  };
  return {
    addColumns(cols) {
      for (const col of cols) model.addCol(col.cost, col.lower, col.upper, { indices: col.rows, values: col.values });
    },
    setBounds(col, lower, upper) {
      model.changeColBounds(col, lower, upper);
      if (upper <= 0) closed = true;
    },
    solveLp() {
      // Primal simplex: adding columns (and reopening them) keeps the last basis primal feasible,
      // so the re-solve starts where it left off. On the root of Instance19 the default dual
      // simplex averaged 216 ms per re-solve (64 solves), primal simplex 73 ms (114 solves).
      // Closing columns (a dive fixing a cell) cuts the last solution off but leaves the basis
      // dual feasible, so that re-solve is dual simplex: on Instance8 (CPU-time clock, 60 s) the
      // re-solves after a fixing step took 93 ms each with primal simplex (150 of them) and 30 ms
      // with dual (181); on Instance12, 340 ms (69) against 218 ms (84).
      const strategy = closed ? DUAL_SIMPLEX : PRIMAL_SIMPLEX;
      closed = false;
      model.options.set({ presolve: 'off', solver: 'simplex', time_limit: 1e9, simplex_strategy: strategy });
      model.run();
      return read(status() === highs.constants.modelStatus.optimal);
    },
    dispose() {
      model.dispose();
    },
  };
}
