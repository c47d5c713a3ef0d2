import { describe, expect, it } from 'vitest';
import { CHEAP, GUIDED_RUIN, MoveShares, RUIN, WINDOW } from './anneal-shares.js';
import { compileProblem } from './compile.js';
import { seededRandom } from './random.js';
import { randomProblem } from './random-problem.js';
import { createRowDp } from './row-dp.js';

/** How often each kind is picked over n uniform draws. */
function picks(shares: MoveShares, n: number): [number, number, number] {
  const rnd = seededRandom(7);
  const count: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const k = shares.pick(rnd.next());
    count[k as 0 | 1 | 2] += 1;
  }
  return count;
}

describe('move shares', () => {
  it('turns a share of the work into move probabilities by each kind’s cost', () => {
    // equal shares of work; a row move costs 100 cheap moves, so each kind of row move is picked
    // about once for every 100 cheap moves: 1 in 102
    const shares = new MoveShares([1 / 3, 1 / 3, 1 / 3], [100, 100, 1]);
    const [ruin, window, cheap] = picks(shares, 200_000);
    for (const rowMoves of [ruin, window]) {
      expect(rowMoves / 200_000).toBeGreaterThan(0.8 / 102);
      expect(rowMoves / 200_000).toBeLessThan(1.2 / 102);
    }
    expect(cheap / 200_000).toBeCloseTo(100 / 102, 2);
  });

  it('never picks a kind whose share is 0, and keeps fixed shares fixed', () => {
    const shares = new MoveShares([0, 0, 1], [10, 10, 1], [true, true, true]);
    for (let i = 0; i < 3_000_000; i++) shares.record(CHEAP, 1, 0.01);
    expect(picks(shares, 10_000)).toEqual([0, 0, 10_000]);
    expect([...shares.share]).toEqual([0, 0, 1]);
  });

  it('gives the work to the kind that gains the most per unit of it, keeping a floor for the others', () => {
    const shares = new MoveShares([1 / 3, 1 / 3, 1 / 3], [50, 50, 1]);
    // whole-row moves gain 5 per move of 50 units (0.1 a unit), windows 1 (0.02), cheap moves nothing
    for (let seg = 0; seg < 10; seg++) {
      for (let i = 0; i < 10_000; i++) shares.record(RUIN, 50, 5);
      for (let i = 0; i < 10_000; i++) shares.record(WINDOW, 50, 1);
      for (let i = 0; i < 200_000; i++) shares.record(CHEAP, 1, 0);
    }
    const [ruin, window, cheap] = shares.share as unknown as number[];
    expect(cheap).toBeCloseTo(0.05, 6);
    expect(ruin).toBeGreaterThan(window as number);
    // 0.9 of the work above the floors, split 5:1
    expect(ruin).toBeCloseTo(0.05 + 0.85 * (5 / 6), 2);
    expect((ruin as number) + (window as number) + (cheap as number)).toBeCloseTo(1, 9);
    // a kind whose gains stop loses its share to the others as the old evidence decays
    for (let seg = 0; seg < 30; seg++) {
      for (let i = 0; i < 10_000; i++) shares.record(RUIN, 50, 0);
      for (let i = 0; i < 10_000; i++) shares.record(WINDOW, 50, 1);
      for (let i = 0; i < 200_000; i++) shares.record(CHEAP, 1, 0);
    }
    expect(shares.share[RUIN]).toBeLessThan(0.06);
    expect(shares.share[WINDOW]).toBeGreaterThan(0.85);
  });

  it('divides the work between the plain and the guided whole-row moves by what each gains per unit', () => {
    // the annealing's four kinds (solver.ts): the guided moves cost twice as much and gain three
    // times as much per move, so 1.5 times as much per unit of work
    const shares = new MoveShares([1 / 6, 1 / 3, 1 / 3, 1 / 6], [50, 50, 1, 100]);
    for (let seg = 0; seg < 10; seg++) {
      for (let i = 0; i < 10_000; i++) shares.record(RUIN, 50, 2);
      for (let i = 0; i < 5_000; i++) shares.record(GUIDED_RUIN, 100, 6);
      for (let i = 0; i < 10_000; i++) shares.record(WINDOW, 50, 0);
      for (let i = 0; i < 200_000; i++) shares.record(CHEAP, 1, 0);
    }
    const share = [...shares.share];
    expect(share[WINDOW]).toBeCloseTo(0.05, 6);
    expect(share[CHEAP]).toBeCloseTo(0.05, 6);
    // 0.8 of the work above the four floors, split 1 : 1.5
    expect(share[RUIN]).toBeCloseTo(0.05 + 0.8 * (1 / 2.5), 2);
    expect(share[GUIDED_RUIN]).toBeCloseTo(0.05 + 0.8 * (1.5 / 2.5), 2);
    // every kind can be picked: the last one too
    const rnd = seededRandom(3);
    const count = [0, 0, 0, 0];
    for (let i = 0; i < 100_000; i++) {
      const k = shares.pick(rnd.next());
      count[k] = (count[k] as number) + 1;
    }
    expect(count.every((n) => n > 0)).toBe(true);
  });

  it('learns what a move costs from the work reported', () => {
    const shares = new MoveShares([0.5, 0, 0.5], [1, 1, 1]);
    // the estimate moves halfway to each segment's average
    for (let i = 0; i < 1_000_000; i++) {
      shares.record(RUIN, 9, 0);
      shares.record(CHEAP, 1, 0);
    }
    expect(shares.cost[RUIN]).toBeCloseTo(9, 1);
    // equal shares of work at 9 units against 1: about one whole-row move in ten
    const [ruin, , cheap] = picks(shares, 100_000);
    expect(ruin / (ruin + cheap)).toBeGreaterThan(0.08);
    expect(ruin / (ruin + cheap)).toBeLessThan(0.12);
  });
});

describe('row programme work count', () => {
  it('counts label steps, fewer for a window than for the whole row', () => {
    const c = compileProblem(randomProblem(3, 4, 28));
    const dp = createRowDp(c, 50);
    const S1 = c.S + 1;
    const price = new Float64Array(c.D * S1);
    const out = new Int16Array(c.D);
    expect(dp.labelSteps).toBe(0);
    dp(0, price, out);
    const whole = dp.labelSteps;
    // day 0 extends the one virtual label by every value; later days at most width labels each
    expect(whole).toBeGreaterThanOrEqual(S1 + (c.D - 1) * S1);
    expect(whole).toBeLessThanOrEqual(c.D * 50 * S1);
    dp(0, price, out, { from: 10, to: 14, fixed: Int16Array.from(out) });
    const window = dp.labelSteps - whole;
    expect(window).toBeGreaterThan(0);
    expect(window).toBeLessThan(whole);
  });
});
