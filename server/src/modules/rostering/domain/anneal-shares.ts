// How the annealing divides its work between its kinds of move: whole-row ruin and recreate (by
// the plain row programme, and by the guided one), window ruin and recreate (all three by the row
// programme, costly) and the cheap moves (one cell, a shift moved by a day, a swap between two
// rows). Each kind gets a share of the work in proportion to what it has gained per unit of work
// lately (adaptive large neighbourhood search, Ropke & Pisinger 2006, with work in place of move
// counts).
//
// Why adaptive: a fixed share, set from an estimate of what a row programme costs, was badly off
// on long horizons. On Instance21 (182 days, 8 shift types) the row programme moves, 0.9% of the
// moves, took 87% of the time, and without the whole-row ones the annealing alone reached 31245
// in 60 s against 38230 with them; on Instance19 (84 days) the same moves were what worked
// (3707 in 30 s with them, 4872 without). Neither a share nor a beam width fits both.
//
// Work is counted, not timed: a cheap move is one unit and the row programme's label steps are
// converted at LABEL_STEPS_PER_MOVE, so a run with an iteration limit stays reproducible.

export const RUIN = 0;
export const WINDOW = 1;
export const CHEAP = 2;
/** Whole-row ruin and recreate by the guided row programme (solver.ts annealRowProgramme). */
export const GUIDED_RUIN = 3;

/**
 * Row programme label steps that take about as long as one cheap move. Measured with the
 * annealing alone (CPU time): on Instance21 a cheap move took 0.53 µs and a label step about
 * 20 ns; on Instance19 0.39 µs and 24 ns.
 */
export const LABEL_STEPS_PER_MOVE = 20;
/** Work units (cheap moves) between two updates of the shares: about half a second. */
const SEGMENT = 1_000_000;
/** What each update keeps of the older evidence. */
const DECAY = 0.7;
/** Least share of the work a kind keeps, so a kind that stopped paying is still tried now and then. */
const FLOOR = 0.05;

export class MoveShares {
  /** Target share of the work per kind, and the running cost (work per move) used to turn it into a probability. */
  readonly share: Float64Array;
  readonly cost: Float64Array;
  private readonly kinds: number;
  private readonly gainSum: Float64Array;
  private readonly workSum: Float64Array;
  private readonly segWork: Float64Array;
  private readonly segGain: Float64Array;
  private readonly segMoves: Float64Array;
  private readonly cumulative: Float64Array;
  private readonly adaptive: boolean[];
  private segTotal = 0;

  /**
   * share: the starting share of each kind (0 turns a kind off); fixed: kinds whose share stays as
   * given (experiments). cost: the expected work of one move of each kind, until measured.
   */
  constructor(share: readonly number[], cost: readonly number[], fixed: readonly boolean[] = []) {
    const n = share.length;
    this.kinds = n;
    this.share = new Float64Array(n);
    this.cost = new Float64Array(n);
    this.gainSum = new Float64Array(n);
    this.workSum = new Float64Array(n);
    this.segWork = new Float64Array(n);
    this.segGain = new Float64Array(n);
    this.segMoves = new Float64Array(n);
    this.cumulative = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      this.share[k] = share[k] as number;
      this.cost[k] = Math.max(1, cost[k] as number);
    }
    this.adaptive = share.map((x, k) => fixed[k] !== true && x > 0);
    this.normalise();
  }

  /** The kind of the next move, for a uniform draw u in [0, 1). */
  pick(u: number): number {
    for (let k = 0; k < this.kinds - 1; k++) if (u < (this.cumulative[k] as number)) return k;
    return this.kinds - 1;
  }

  /** One move of a kind took `work` units and changed the penalised objective by -gain (0 when rejected). */
  record(kind: number, work: number, gain: number) {
    this.segWork[kind] = (this.segWork[kind] as number) + work;
    this.segGain[kind] = (this.segGain[kind] as number) + gain;
    this.segMoves[kind] = (this.segMoves[kind] as number) + 1;
    this.segTotal += work;
    if (this.segTotal >= SEGMENT) this.update();
  }

  private update() {
    let positive = 0;
    let adaptiveShare = 0;
    let nAdaptive = 0;
    for (let k = 0; k < this.kinds; k++) {
      const moves = this.segMoves[k] as number;
      if (moves > 0) this.cost[k] = Math.max(1, 0.5 * (this.cost[k] as number) + (0.5 * (this.segWork[k] as number)) / moves);
      this.gainSum[k] = DECAY * (this.gainSum[k] as number) + (this.segGain[k] as number);
      this.workSum[k] = DECAY * (this.workSum[k] as number) + (this.segWork[k] as number);
      this.segWork[k] = 0;
      this.segGain[k] = 0;
      this.segMoves[k] = 0;
      if (!this.adaptive[k]) continue;
      nAdaptive++;
      adaptiveShare += this.share[k] as number;
      positive += Math.max(0, this.rate(k));
    }
    this.segTotal = 0;
    // the adaptive kinds divide what the fixed ones leave: each keeps a floor, the rest goes by gain per work
    const floor = nAdaptive > 0 ? Math.min(FLOOR, adaptiveShare / nAdaptive) : 0;
    for (let k = 0; k < this.kinds; k++) {
      if (!this.adaptive[k]) continue;
      const byGain = positive > 0 ? Math.max(0, this.rate(k)) / positive : 1 / nAdaptive;
      this.share[k] = floor + (adaptiveShare - nAdaptive * floor) * byGain;
    }
    this.normalise();
  }

  /** Gain per unit of work lately (0 before a kind has had any work). */
  rate(kind: number): number {
    const w = this.workSum[kind] as number;
    return w > 0 ? (this.gainSum[kind] as number) / w : 0;
  }

  /** Move probabilities from the shares of work: a kind's probability is its share over its cost per move. */
  private normalise() {
    let sum = 0;
    for (let k = 0; k < this.kinds; k++) sum += (this.share[k] as number) / (this.cost[k] as number);
    let acc = 0;
    for (let k = 0; k < this.kinds; k++) {
      acc += sum > 0 ? (this.share[k] as number) / (this.cost[k] as number) / sum : k === CHEAP ? 1 : 0;
      this.cumulative[k] = acc;
    }
  }
}
