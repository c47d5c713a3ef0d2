// How the root of the column generation ends (column-generation-root.ts): given up as too slow,
// or at its deadline with a guide for the annealing, or too far from its bound to guide.
import { beforeAll, describe, expect, it } from 'vitest';
import { cellWeights } from '../src/modules/rostering/domain/column-generation.js';
import { solveRoot } from '../src/modules/rostering/domain/column-generation-root.js';
import { compileProblem, encodeRoster } from '../src/modules/rostering/domain/compile.js';
import type { MasterLpFactory } from '../src/modules/rostering/domain/master-lp.js';
import { randomProblem } from '../src/modules/rostering/domain/random-problem.js';
import { createRestrictedMaster, type RestrictedMaster } from '../src/modules/rostering/domain/restricted-master.js';
import { annealRoster } from '../src/modules/rostering/domain/solver.js';
import { requireLpEngine } from './rostering-lp-engine.js';

let lp: MasterLpFactory;
beforeAll(async () => {
  lp = await requireLpEngine();
});

/** A small problem and a start roster from a short annealing. */
function setting() {
  const problem = randomProblem(6, 8, 21);
  return { c: compileProblem(problem), start: annealRoster(problem, { seed: 1, maxIterations: 2_000 }) };
}

/**
 * The root with a clock that stands still for `solves` LP solves (the root solves the LP once
 * before round 1 and once after each), then jumps past the deadline.
 */
function cutOff(master: RestrictedMaster, solves: number) {
  let done = 0;
  const counted = {
    ...master,
    solve: () => {
      done++;
      return master.solve();
    },
  };
  return solveRoot(counted, { clock: () => (done <= solves ? 0 : 1e9), deadline: 1e8, timeUp: () => false });
}

describe('how the root ends', () => {
  it('gives up a root as too slow in or after round 1 or 2 when fewer than 15 more would fit, an early round counted twice, and not later', () => {
    const { c, start } = setting();
    // a clock that stands still except in a pricing round, which takes 2 units before it prices
    // anyone (so a round cut short prices no one)
    const run = (deadline: number) => {
      const master = createRestrictedMaster(c, encodeRoster(c, start.roster), lp, 50_000);
      // the master's columns when each pricing round began
      const before: number[] = [];
      let t = 0;
      const timed = {
        ...master,
        priceRound: (...args: Parameters<typeof master.priceRound>) => {
          t += 2;
          before.push(master.columnCount());
          return master.priceRound(...args);
        },
      };
      try {
        const root = solveRoot(timed, { clock: () => t, deadline, timeUp: () => false });
        const added = master.columnCount() - (before[0] as number);
        return { ...root, added, addedLast: master.columnCount() - (before.at(-1) as number) };
      } finally {
        master.dispose();
      }
    };
    // Round 1 ends at t = 2. The first rounds price with one programme of the two
    // (column-generation-root.ts EARLY_GAP), so each counts as 4 units. 58 units left hold 14.5
    // rounds: the round is given up as soon as that is certain, here before it priced anyone
    expect(run(60)).toMatchObject({ end: 'too slow', rounds: 1, added: 0 });
    // 60 left at round 1 hold 15 (enough); round 2 (early too) reaches t = 4, where 58 left would
    // hold 14.5: it is given up before it prices anyone, so only round 1 added rows
    const second = run(62);
    expect(second).toMatchObject({ end: 'too slow', rounds: 2, addedLast: 0 });
    expect(second.added).toBeGreaterThan(0);
    // 156 left at round 2 hold 39: enough, and the root is not judged again however slow it
    // gets (152 left at round 4 hold 38 rounds)
    const slow = run(160);
    expect(slow.end).not.toBe('too slow');
    expect(slow.rounds).toBeGreaterThan(4);
    const unhurried = run(1e9);
    expect(unhurried.end).not.toBe('too slow');
    expect(unhurried.rounds).toBeGreaterThan(4);
  });

  /**
   * The root with the clock standing at 0 for `standing` LP solves (the root solves the LP once
   * before round 1 and once after each), then at `after`, where it stays (deadline 100).
   * `lp(n, real)` may script the n-th LP's objective (from 1) and `bound(lp)` every Lagrangian
   * bound the root measures, from the LP it priced at.
   */
  const scriptedRoot = (o: {
    standing: number;
    after: number;
    lp?: (n: number, real: number) => number;
    bound?: (lp: number) => number;
  }) => {
    const { c, start } = setting();
    const master = createRestrictedMaster(c, encodeRoster(c, start.roster), lp, 50_000);
    let done = 0;
    let lpValue = 0;
    const scripted = {
      ...master,
      solve: () => {
        done++;
        const sol = master.solve();
        lpValue = o.lp ? o.lp(done, sol.objective) : sol.objective;
        return { ...sol, objective: lpValue };
      },
      lagrangianBound: (...args: Parameters<typeof master.lagrangianBound>) =>
        o.bound ? o.bound(lpValue) : master.lagrangianBound(...args),
    };
    try {
      return solveRoot(scripted, { clock: () => (done <= o.standing ? 0 : o.after), deadline: 100, timeUp: () => false });
    } finally {
      master.dispose();
    }
  };

  it('gives a root up halfway when it is still more than 100% from its bound, and not when it is nearer', () => {
    // rounds 1-2 take no time (so the root is not too slow), and round 4 ends at 60% of the time:
    // every bound 3 x the LP below it (a gap of 300%), as on a long roster whose LP has hardly moved
    expect(scriptedRoot({ standing: 3, after: 60, bound: (x) => -2 * x })).toMatchObject({
      end: 'too far',
      rounds: 4,
      lp: null,
      guide: null,
    });
    // with its true bounds this small root has left the early rounds by round 6 (within 5% of its
    // bound), goes on past half, and with the clock standing converges
    const nearer = scriptedRoot({ standing: 5, after: 60 });
    expect(nearer.rounds).toBeGreaterThan(6);
    expect(['converged', 'settled']).toContain(nearer.end);
  });

  it('gives a root up from a quarter of its time on, when it still prices early, its LP has come down less than 20% x the share of time gone and its bound is more than 100% away', () => {
    // every bound half the LP below zero (a gap of 150%)
    const far = (x: number) => -0.5 * x;
    const falling = (step: number) => (n: number) => 1000 * Math.max(0.5, 1 - step * (n - 1));
    // round 4 ends at 30% of the time, where the LP must be 6% down
    expect(scriptedRoot({ standing: 3, after: 30, lp: () => 1000, bound: far })).toMatchObject({
      end: 'too far',
      rounds: 4,
      lp: null,
      guide: null,
    });
    const onTrack = scriptedRoot({ standing: 3, after: 30, lp: falling(0.025), bound: far });
    expect(onTrack.end).not.toBe('too far');
    expect(onTrack.rounds).toBeGreaterThan(4);
    // at 45% it must be 9% down: 6% (2% a solve) is too far, 12% goes on
    expect(scriptedRoot({ standing: 3, after: 45, lp: falling(0.02), bound: far })).toMatchObject({ end: 'too far', rounds: 4 });
    const moving = scriptedRoot({ standing: 3, after: 45, lp: falling(0.04), bound: far });
    expect(moving.end).not.toBe('too far');
    expect(moving.rounds).toBeGreaterThan(4);
    // before a quarter it is not judged this way: at 20% a flat LP goes on
    const before = scriptedRoot({ standing: 3, after: 20, lp: () => 1000, bound: far });
    expect(before.end).not.toBe('too far');
    expect(before.rounds).toBeGreaterThan(4);
    // a flat LP whose bound is within 100% (half the LP: 50%) goes on too, as the demo roster's
    // root does when its start is already near the optimum and only the bound moves
    const nearStart = scriptedRoot({ standing: 3, after: 30, lp: () => 1000, bound: (x) => 0.5 * x });
    expect(nearStart.end).not.toBe('too far');
    expect(nearStart.rounds).toBeGreaterThan(4);
  });

  it('gives no guide from a root that reaches its deadline still pricing early with an LP that hardly moved', () => {
    // the clock jumps past the deadline in the 5th LP solve, after round 4 was judged at 0; every
    // bound 10% below the LP (early, and within the 25% a guide needs)
    const below = (x: number) => 0.9 * x;
    expect(scriptedRoot({ standing: 4, after: 1e9, lp: () => 1000, bound: below })).toMatchObject({
      end: 'too far',
      rounds: 4,
      guide: null,
    });
    // the same root with its LP 21% down by then (7% a solve) guides the annealing
    const moved = scriptedRoot({ standing: 4, after: 1e9, lp: (n) => 1000 * (1 - 0.07 * (n - 1)), bound: below });
    expect(moved).toMatchObject({ end: 'deadline', rounds: 4 });
    expect(moved.guide?.ok).toBe(true);
  });

  it('gives no guide from a root that reached its deadline too far from its bound', () => {
    const { c, start } = setting();
    // after one LP solve the LP has hardly moved from the start roster's rows
    const master = createRestrictedMaster(c, encodeRoster(c, start.roster), lp, 50_000);
    try {
      expect(cutOff(master, 1)).toMatchObject({ end: 'too far', lp: null, guide: null });
    } finally {
      master.dispose();
    }
  });

  it('hands a root that reached its deadline far from its bound to the annealing as cell weights, not to the dives', () => {
    const { c, start } = setting();
    const master = createRestrictedMaster(c, encodeRoster(c, start.roster), lp, 50_000);
    try {
      // five rounds in, the same root is close enough to its bound to guide
      const root = cutOff(master, 5);
      expect(root).toMatchObject({ end: 'deadline', lp: null, rounds: 5 });
      expect(root.guide?.ok).toBe(true);
      const w = cellWeights(c, master, root.guide as NonNullable<typeof root.guide>);
      const S1 = c.S + 1;
      // each employee's day holds the LP weight of that employee's rows: 1, less any stand-in weight
      for (let e = 0; e < c.E; e++) {
        const standIn = root.guide?.colValue[master.artificial + e] as number;
        for (let d = 0; d < c.D; d++) {
          let sum = 0;
          for (let v = 0; v < S1; v++) sum += w[(e * c.D + d) * S1 + v] as number;
          expect(sum).toBeCloseTo(1 - standIn, 6);
        }
      }
    } finally {
      master.dispose();
    }
  });
});
