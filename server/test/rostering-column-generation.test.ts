// The column generation phase of the rostering solver against the real LP engine (HiGHS in
// WebAssembly) on small seeded instances small enough to enumerate.
import { beforeAll, describe, expect, it } from 'vitest';
import { cellWeights, priceAndDive, rowFeasible } from '../src/modules/rostering/domain/column-generation.js';
import { solveRoot } from '../src/modules/rostering/domain/column-generation-root.js';
import { compileProblem, decodeRoster, encodeRoster } from '../src/modules/rostering/domain/compile.js';
import { evaluateRoster } from '../src/modules/rostering/domain/evaluate.js';
import type { MasterLpFactory } from '../src/modules/rostering/domain/master-lp.js';
import type { RosterProblem } from '../src/modules/rostering/domain/model.js';
import { seededRandom } from '../src/modules/rostering/domain/random.js';
import { randomProblem, withRunsBefore } from '../src/modules/rostering/domain/random-problem.js';
import { createRestrictedMaster } from '../src/modules/rostering/domain/restricted-master.js';
import { annealRoster } from '../src/modules/rostering/domain/solver.js';
import { enumeratedOptimum, oneWeekAlone } from './rostering-enumerated.js';
import { requireLpEngine } from './rostering-lp-engine.js';

let lp: MasterLpFactory;
beforeAll(async () => {
  lp = await requireLpEngine();
});

describe('rowFeasible (the check on every priced row)', () => {
  it('agrees with the evaluator on random rows of random contracts', () => {
    const r = seededRandom(11);
    let feasible = 0;
    for (let seed = 1; seed <= 40; seed++) {
      // on even seeds after a published roster: day 0 continues or ends the run before it
      // (and on every fourth from a Sunday, whose day 0 may then be a weekend of its own)
      const problem =
        seed % 2 === 0 ? withRunsBefore(randomProblem(seed, 1, 14, seed % 4 === 0 ? 6 : 0), seed) : randomProblem(seed, 1, 14);
      const c = compileProblem(problem);
      for (let k = 0; k < 200; k++) {
        // rows with runs, so that the run rules are exercised and some rows pass
        const row = new Int16Array(14);
        let v = r.int(3) - 1;
        for (let d = 0; d < 14; d++) {
          if (r.next() < 0.35) v = r.int(3) - 1;
          row[d] = v;
        }
        const roster = [Array.from(row, (x) => (x < 0 ? null : (problem.shifts[x]?.id ?? null)))];
        const expected = evaluateRoster(problem, roster).feasible;
        expect(rowFeasible(c, 0, row), `seed ${seed} row ${row.join(',')}`).toBe(expected);
        if (expected) feasible++;
      }
    }
    // both answers occur, so the comparison means something
    expect(feasible).toBeGreaterThan(50);
    expect(feasible).toBeLessThan(40 * 200 - 50);
  });
});

describe('priceAndDive', () => {
  it('brackets the enumerated optimum: root LP below, every dive roster feasible and not below it', () => {
    for (const seed of [3, 5, 8]) {
      const problem = randomProblem(seed, 3, 5);
      const optimum = enumeratedOptimum(problem);
      const c = compileProblem(problem);
      const start = annealRoster(problem, { seed: 1, maxIterations: 2_000 });
      expect(start.evaluation.feasible, `seed ${seed}: start`).toBe(true);
      const dives: number[] = [];
      const r = priceAndDive(c, encodeRoster(c, start.roster), lp, {
        clock: () => 0,
        rootDeadline: Number.POSITIVE_INFINITY,
        deadline: Number.POSITIVE_INFINITY,
        maxDives: 3,
        onRoster: (x) => {
          const ev = evaluateRoster(problem, decodeRoster(c, x));
          expect(ev.violations, `seed ${seed}: dive roster`).toEqual([]);
          dives.push(ev.objective);
        },
      });
      expect(r.converged).toBe(true);
      // the row programme is exact on five days, so the root LP is a true lower bound
      expect(r.rootLp, `seed ${seed}`).toBeLessThanOrEqual(optimum + 1e-6);
      expect(dives.length).toBeGreaterThan(0);
      expect(Math.min(...dives)).toBeGreaterThanOrEqual(optimum);
      expect(r.roster).not.toBeNull();
      expect(evaluateRoster(problem, decodeRoster(c, r.roster as Int16Array)).objective).toBe(Math.min(...dives));
    }
  });

  it('measures Lagrangian bounds at LP and smoothed duals that never pass the optimum, and meet the LP at convergence', () => {
    for (const seed of [3, 5, 8]) {
      const problem = randomProblem(seed, 3, 5);
      const optimum = enumeratedOptimum(problem);
      const c = compileProblem(problem);
      const start = annealRoster(problem, { seed: 1, maxIterations: 2_000 });
      // a beam wide enough to hold every label on five days: exact pricing, so the bounds are true
      const master = createRestrictedMaster(c, encodeRoster(c, start.roster), lp, 10_000_000);
      let previous: Float64Array | null = null;
      let last = Number.NaN;
      let lpValue = Number.NaN;
      for (let round = 0; round < 200; round++) {
        const sol = master.solve();
        lpValue = sol.objective;
        // a point between the last round's duals and these, as the smoothed root prices at
        const y = previous ? sol.rowDual.map((v, i) => 0.5 * v + 0.5 * (previous?.[i] as number)) : sol.rowDual;
        const atMix = master.priceRound(y, undefined, Number.POSITIVE_INFINITY, sol.rowDual);
        expect(master.lagrangianBound(y, atMix), `seed ${seed} round ${round}`).toBeLessThanOrEqual(optimum + 1e-6);
        const atLp = master.priceRound(sol.rowDual, undefined, Number.POSITIVE_INFINITY);
        last = master.lagrangianBound(sol.rowDual, atLp);
        expect(last, `seed ${seed} round ${round}`).toBeLessThanOrEqual(optimum + 1e-6);
        previous = Float64Array.from(sol.rowDual);
        if (atMix.added === 0 && atLp.added === 0) break;
      }
      // converged: nothing prices out, so the bound at the LP's duals is the LP itself
      expect(last).toBeCloseTo(lpValue, 6);
      master.dispose();
    }
  });

  it('takes no bound from a round where the merged programme alone found no row for someone', () => {
    // One person who must work all four days, E only on days 0-1 and at most two L: the only row
    // is E E L L. L is wanted on day 0, so at the LP's duals L is cheap there. The merged
    // programme keeps one label per state and the cheaper one starts with L (one L already, the
    // same state as E E otherwise); two more L on days 2-3 then break the cap, so it ends with
    // no row at all. The exact programme keeps E E as well (it holds fewer L) and finds the row.
    const problem: RosterProblem = {
      horizonDays: 4,
      shifts: [
        { id: 'E', minutes: 480, cannotFollow: [] },
        { id: 'L', minutes: 480, cannotFollow: [] },
      ],
      employees: [
        {
          id: 'A',
          maxShifts: { L: 2 },
          maxTotalMinutes: 4 * 480,
          minTotalMinutes: 4 * 480,
          maxConsecutiveShifts: 4,
          minConsecutiveShifts: 1,
          minConsecutiveDaysOff: 1,
          maxWeekends: 1,
        },
      ],
      daysOff: {},
      disallowed: [2, 3].map((day) => ({ employee: 'A', day, shift: 'E', reason: 'test' })),
      shiftOnRequests: [],
      shiftOffRequests: [],
      cover: [{ day: 0, shift: 'L', requirement: 1, weightUnder: 100, weightOver: 1 }],
    };
    const c = compileProblem(problem);
    const only = encodeRoster(c, [['E', 'E', 'L', 'L']]);
    expect(evaluateRoster(problem, decodeRoster(c, only)).feasible).toBe(true);
    const master = createRestrictedMaster(c, only, lp, 50_000);
    try {
      const sol = master.solve();
      expect(sol.objective).toBe(100);
      master.setPricingBudget(50_000, 'merged');
      const merged = master.priceRound(sol.rowDual);
      expect(merged.pricedAll).toBe(true);
      // counting the person's dual instead would give exactly the LP (100): a gap of 0
      expect(master.lagrangianBound(sol.rowDual, merged)).toBe(Number.NEGATIVE_INFINITY);
      master.setPricingBudget(50_000, 'both');
      const both = master.priceRound(sol.rowDual);
      // the row is already in the master, so nothing is added, and the bound is the LP itself
      expect(both.added).toBe(0);
      expect(master.lagrangianBound(sol.rowDual, both)).toBeCloseTo(100, 6);
    } finally {
      master.dispose();
    }
  });

  it('frees a fixed cell again: the LP returns to where it was before the fixing', () => {
    const problem = randomProblem(6, 8, 21);
    const c = compileProblem(problem);
    const start = annealRoster(problem, { seed: 1, maxIterations: 2_000 });
    const master = createRestrictedMaster(c, encodeRoster(c, start.roster), lp, 50_000);
    try {
      const root = solveRoot(master, { clock: () => 0, deadline: Number.POSITIVE_INFINITY, timeUp: () => false });
      expect(root.lp?.ok).toBe(true);
      const before = master.solve().objective;
      const w = cellWeights(c, master, root.lp as NonNullable<typeof root.lp>);
      const S1 = c.S + 1;
      // fix cells to values the LP does not use until one of them costs the LP something
      let raised = false;
      for (let i = 0; i < c.E * c.D && !raised; i++)
        for (let v = -1; v < c.S && !raised; v++) {
          if ((w[i * S1 + v + 1] as number) > 1e-9) continue;
          const e = Math.floor(i / c.D);
          const d = i % c.D;
          master.fixCell(e, d, v);
          raised = master.solve().objective > before + 1e-6;
          master.unfixCell(e, d);
          expect(master.forced[i]).toBe(-2);
          expect(master.solve().objective).toBeCloseTo(before, 6);
        }
      expect(raised).toBe(true);
    } finally {
      master.dispose();
    }
  });

  it('gives the dives up when, from a quarter of their time on, the first would not finish at its pace, and hands over the root LP', () => {
    // a problem whose root LP is fractional, and whose first dive takes more steps than the
    // pace needs to be judged
    const problem = randomProblem(24, 16, 28);
    const c = compileProblem(problem);
    // (the start roster's beam of 300 labels a day, the annealing's before 2026-11-28: the dive
    // path depends on the start, and this one's first dive is long enough to be judged; seed 4
    // since the annealing got its guided whole-row moves on 2026-11-29, seeds 4, 7 and 8 of 1-8)
    const start = annealRoster(problem, { seed: 4, maxIterations: 2_000, dpWidth: 300 });
    // the clock stands at 0 through the root, and reads `during` once a dive has closed a column
    const run = (during: number) => {
      let fixing = false;
      // what the master did, in order: LP solves and the rosters handed in
      const events: ('solve' | 'roster')[] = [];
      const watched: MasterLpFactory = (lower, upper) => {
        const m = lp(lower, upper);
        return {
          ...m,
          setBounds(col, lo, up) {
            if (up === 0) fixing = true;
            m.setBounds(col, lo, up);
          },
          solveLp() {
            events.push('solve');
            return m.solveLp();
          },
        };
      };
      const rosters: number[] = [];
      const r = priceAndDive(c, encodeRoster(c, start.roster), watched, {
        clock: () => (fixing ? during : 0),
        rootDeadline: 100,
        deadline: 100,
        maxDives: 3,
        onRoster: (x) => {
          events.push('roster');
          rosters.push(evaluateRoster(problem, decodeRoster(c, x)).objective);
        },
      });
      return { r, rosters, events };
    };
    // past a quarter of the dives' time (0 to 100), a dive that settled a few percent of its
    // cells in 60 would need far more than the 100: one dive, cut short
    const late = run(60);
    expect(late.r.rootEnd).toMatch(/converged|settled/);
    expect(late.r.dives).toBe(1);
    expect(late.r.roster).toBeNull();
    expect(late.r.guide?.length).toBe(c.E * c.D * (c.S + 1));
    // it handed in the LP's heaviest rows and stopped there, without solving the LP again for a
    // next dive that will not come (on Instance19 that solve took 8.5 s after the give-up)
    expect(late.events.at(-1)).toBe('roster');
    // before a quarter, the pace is not judged: the dives go on to their limit
    const early = run(20);
    expect(early.r.dives).toBe(3);
    expect(early.r.roster).not.toBeNull();
    expect(early.rosters.length).toBeGreaterThan(0);
  });

  it('undoes a dive step that makes the LP jump, and the dive still ends in a feasible roster', () => {
    // on this seeded problem a fixing step raises the dive's LP by more than 0.5% of the root
    const problem = randomProblem(33, 12, 28);
    const c = compileProblem(problem);
    const start = annealRoster(problem, { seed: 1, maxIterations: 2_000 });
    const objectives: number[] = [];
    const r = priceAndDive(c, encodeRoster(c, start.roster), lp, {
      clock: () => 0,
      rootDeadline: 100,
      deadline: 100,
      maxDives: 2,
      onRoster: (x) => {
        const ev = evaluateRoster(problem, decodeRoster(c, x));
        expect(ev.violations).toEqual([]);
        objectives.push(ev.objective);
      },
    });
    expect(r.backtracks).toBeGreaterThan(0);
    expect(objectives.length).toBeGreaterThan(0);
    expect(r.roster).not.toBeNull();
  });

  it('finds the optimum where the LP relaxation is integral', () => {
    // one employee: the master is the row programme itself, so the root LP is the optimum
    const problem = randomProblem(4, 1, 6);
    const optimum = enumeratedOptimum(problem);
    const c = compileProblem(problem);
    const start = annealRoster(problem, { seed: 1, maxIterations: 500 });
    const r = priceAndDive(c, encodeRoster(c, start.roster), lp, {
      clock: () => 0,
      rootDeadline: Number.POSITIVE_INFINITY,
      deadline: Number.POSITIVE_INFINITY,
      maxDives: 1,
    });
    expect(r.rootLp).toBeCloseTo(optimum, 6);
    expect(evaluateRoster(problem, decodeRoster(c, r.roster as Int16Array)).objective).toBe(optimum);
  });
});

describe('priceAndDive with overtime and fairness terms', () => {
  it('costs each column with its row terms exactly', () => {
    // One employee, one week of a single 8 h shift wanted every day (100 per empty day). Five
    // shifts are 2400 minutes; a sixth is 480 minutes of overtime at 1 per minute (480 > 100), and
    // every weekend day worked past none costs 30 once. Best: Monday to Friday, weekend uncovered,
    // 2 x 100 = 200. The master must pay 480 x 2 + 30 for the row of all seven days, so the LP
    // stays at 200.
    const problem = oneWeekAlone(1);
    expect(enumeratedOptimum(problem)).toBe(200);
    const c = compileProblem(problem);
    // an all-off start: the better rows must come from the pricing and be costed exactly
    const r = priceAndDive(c, new Int16Array(7).fill(-1), lp, {
      clock: () => 0,
      rootDeadline: Number.POSITIVE_INFINITY,
      deadline: Number.POSITIVE_INFINITY,
      maxDives: 1,
    });
    expect(r.rootLp).toBeGreaterThanOrEqual(200 - 1e-6);
    expect(r.roster).not.toBeNull();
    const ev = evaluateRoster(problem, decodeRoster(c, r.roster as Int16Array));
    expect(ev.objective).toBeGreaterThanOrEqual(200);
    expect(ev.breakdown.overtime + ev.breakdown.fairness + ev.breakdown.underCover).toBe(ev.objective);
  });
});
