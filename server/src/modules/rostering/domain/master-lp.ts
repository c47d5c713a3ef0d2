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
  /** false: the engine did not reach an optimal (LP) or any feasible (MIP) solution. */
  ok: boolean;
  objective: number;
  colValue: Float64Array;
  /** Row duals y, with reduced cost c_j - a_j^T y (LP only). */
  rowDual: Float64Array;
};

export type MasterLp = {
  addColumns(cols: readonly MasterColumn[]): void;
  /** Changes one column's bounds (a dive fixes a row by raising its lower bound to 1). */
  setBounds(col: number, lower: number, upper: number): void;
  /** The LP relaxation, warm-started from the previous basis. */
  solveLp(): LpSolution;
  /**
   * The same model with the listed columns integer, for at most timeLimitS, from a known
   * solution (column values) when given. Afterwards the columns are continuous again.
   */
  solveMip(integerCols: Int32Array, timeLimitS: number, start?: Float64Array, shouldStop?: () => boolean): LpSolution;
  dispose(): void;
};

export type MasterLpFactory = (rowLower: Float64Array, rowUpper: Float64Array) => MasterLp;
