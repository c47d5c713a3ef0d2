// The linear programme the column generation needs, as a small port: the solver core stays pure
// and synchronous, and the LP engine (HiGHS compiled to WebAssembly, see ../lp/highs-master.ts)
// is loaded by whoever runs the solve and passed in. Rows are fixed when the master is made;
// columns are only ever added.

export type MasterColumn = {
  cost: number;
  lower: number;
  upper: number;
  /** Row indices (ascending, no repeats) and their coefficients. */
  rows: Int32Array;
  values: Float64Array;
};

export type LpSolution = {
  /** false: the engine did not reach an optimal solution. */
  ok: boolean;
  objective: number;
  colValue: Float64Array;
  /** Row duals y, with reduced cost c_j - a_j^T y. */
  rowDual: Float64Array;
};

export type MasterLp = {
  addColumns(cols: readonly MasterColumn[]): void;
  /** Changes one column's bounds (a dive fixes a row by raising its lower bound to 1). */
  setBounds(col: number, lower: number, upper: number): void;
  /** The LP relaxation, warm-started from the previous basis. */
  solveLp(): LpSolution;
  dispose(): void;
};

export type MasterLpFactory = (rowLower: Float64Array, rowUpper: Float64Array) => MasterLp;
