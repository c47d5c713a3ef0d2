// The whole solve (solve-phases.ts) with the real LP engine (HiGHS in WebAssembly): which phases
// run after each way the column generation's root can end, on small seeded instances and on
// problems small enough to enumerate.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MasterLpFactory } from '../src/modules/rostering/domain/master-lp.js';
import type { RosterProblem } from '../src/modules/rostering/domain/model.js';
import { randomProblem } from '../src/modules/rostering/domain/random-problem.js';
import { solveRoster } from '../src/modules/rostering/domain/solve-phases.js';
import { enumeratedOptimum, oneWeekAlone } from './rostering-enumerated.js';
import { requireLpEngine } from './rostering-lp-engine.js';

let lp: MasterLpFactory;
beforeAll(async () => {
  lp = await requireLpEngine();
});

describe('solveRoster with the LP engine', () => {
  it('runs the three phases within the time limit and returns a feasible roster no worse than the root bound', () => {
    // A clock that ticks once per reading makes the phases' shares of the time a fixed amount of
    // work, so the test does not depend on how busy the machine is. (Many small problems' start
    // roster already meets a converged root's bound, and the solve ends with no dive: not this one.)
    const problem = randomProblem(26, 8, 14);
    let ticks = 0;
    const progress: number[] = [];
    const r = solveRoster(problem, {
      seed: 1,
      timeLimitMs: 4000,
      clock: () => ++ticks,
      lp,
      onImprovement: (p) => progress.push(p.objective),
    });
    expect(r.evaluation.violations).toEqual([]);
    expect(r.columnGeneration).toBeDefined();
    // the root ended on its own (converged, or its bound settled at the widest beam), not abandoned
    expect(['converged', 'settled']).toContain(r.columnGeneration?.rootEnd);
    expect(r.columnGeneration?.divesFinished).toBeGreaterThan(0);
    expect(r.evaluation.objective).toBeGreaterThanOrEqual((r.columnGeneration?.rootLp ?? 0) - 1e-6);
    // reports only ever improve, and the last one is the answer
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeLessThanOrEqual(progress[i - 1] as number);
    expect(progress.at(-1)).toBe(r.evaluation.objective);
    // the time limit holds, or the solve ended early on a proven optimum
    expect(r.elapsedMs).toBeLessThanOrEqual(4000 + 50);
    if (r.stoppedBy === 'optimal') expect(r.evaluation.objective).toBeLessThan((r.columnGeneration?.rootLp ?? 0) + 1);
  });

  it('proves the optimum with overtime and fairness terms too, since the pricing prices them', () => {
    // one employee: the LP is integral, so the solve ends at a proven optimum
    const plain = randomProblem(4, 1, 6);
    let ticks = 0;
    const a = solveRoster(plain, { seed: 1, timeLimitMs: 4000, clock: () => ++ticks, lp });
    expect(a.stoppedBy).toBe('optimal');
    // an overtime term that never binds changes no cost, and the proof still holds
    const terms = {
      ...plain,
      employees: plain.employees.map((e) => ({ ...e, overtime: { weeklyMinutes: 99_999, weightPerMinute: 1 } })),
    };
    ticks = 0;
    const b = solveRoster(terms, { seed: 1, timeLimitMs: 4000, clock: () => ++ticks, lp });
    expect(b.columnGeneration?.optimal).toBe(true);
    expect(b.stoppedBy).toBe('optimal');
    expect(b.evaluation.objective).toBe(a.evaluation.objective);
    // terms that bind, at a fractional weight: the proven optimum is the enumerated one
    const binding = oneWeekAlone(0.15);
    // a sixth shift costs 480 x 0.15 = 72 of overtime against 100 uncovered, and a weekend 30 once
    const optimum = enumeratedOptimum(binding);
    ticks = 0;
    const d = solveRoster(binding, { seed: 1, timeLimitMs: 4000, clock: () => ++ticks, lp });
    expect(d.stoppedBy).toBe('optimal');
    expect(d.evaluation.objective).toBeCloseTo(optimum, 9);
  });

  it('after dives that end far above the root LP, anneals guided by it and then searches windows, for the whole time', () => {
    // An integrality gap: three people who each work days 1-3 as one run (days 0 and 4 off, runs
    // of at least 3) with exactly two D shifts and one X, or not at all; D is wanted once on each
    // of days 1-3. Half of each person's row covers every D exactly (LP 0), but any roster
    // puts an even number of D shifts on three places: one short or one over, 100.
    const person = (id: string) => ({
      id,
      maxShifts: { D: 2, X: 1 },
      maxTotalMinutes: 3 * 480,
      minTotalMinutes: 0,
      maxConsecutiveShifts: 3,
      minConsecutiveShifts: 3,
      minConsecutiveDaysOff: 1,
      maxWeekends: 1,
    });
    const problem: RosterProblem = {
      horizonDays: 5,
      shifts: [
        { id: 'D', minutes: 480, cannotFollow: [] },
        { id: 'X', minutes: 480, cannotFollow: [] },
      ],
      employees: ['A', 'B', 'C'].map(person),
      daysOff: { A: [0, 4], B: [0, 4], C: [0, 4] },
      shiftOnRequests: [],
      shiftOffRequests: [],
      cover: [1, 2, 3].map((day) => ({ day, shift: 'D', requirement: 1, weightUnder: 100, weightOver: 100 })),
    };
    expect(enumeratedOptimum(problem)).toBe(100);
    let ticks = 0;
    const r = solveRoster(problem, { seed: 1, timeLimitMs: 4000, clock: () => ++ticks, lp });
    expect(r.columnGeneration).toMatchObject({ rootLp: 0, converged: true, optimal: false });
    expect(r.columnGeneration?.divesFinished).toBeGreaterThan(0);
    expect(r.evaluation.objective).toBe(100);
    // no proof: the solve runs its whole time, and the window search had its turn
    expect(r.stoppedBy).toBe('time');
    expect(r.columnGeneration?.windows).toBeGreaterThan(0);
  });

  it('after a root given up as too slow, anneals for the whole time, with no window search', () => {
    // The whole horizon's master (the first one made) takes 500 ticks an LP solve, so after
    // round 2 fewer than MIN_ROUNDS rounds fit before its deadline; the windows' masters are fast.
    const problem = randomProblem(21, 8, 14);
    let ticks = 0;
    let masters = 0;
    const slowFirst: MasterLpFactory = (lower, upper) => {
      const m = lp(lower, upper);
      if (masters++ > 0) return m;
      return {
        addColumns: (cols) => m.addColumns(cols),
        setBounds: (col, lo, up) => m.setBounds(col, lo, up),
        solveLp: () => {
          ticks += 500;
          return m.solveLp();
        },
        dispose: () => m.dispose(),
      };
    };
    const r = solveRoster(problem, { seed: 1, timeLimitMs: 4000, clock: () => ++ticks, lp: slowFirst });
    expect(r.columnGeneration).toMatchObject({ rootEnd: 'too slow', dives: 0 });
    expect(r.evaluation.violations).toEqual([]);
    // no window search (it would make masters of its own): the annealing had the rest of the time
    expect(r.columnGeneration?.windows).toBeUndefined();
    expect(masters).toBe(1);
    expect(r.stoppedBy).toBe('time');
    expect(r.elapsedMs).toBeGreaterThanOrEqual(4000);
    expect(r.elapsedMs).toBeLessThanOrEqual(4000 + 50);
  });

  it('ends the solve, proven best, when the annealing after the dives meets a converged root bound', () => {
    // The LP's column values come back halved, so even an integral root looks split and the dive
    // fixes cells; every LP solve after that fails, so no dive ends in a roster. The root (which
    // reads only the duals and the objective) converges all the same, and the annealing that
    // follows finds a roster at its bound.
    const problem = randomProblem(3, 6, 14);
    let ticks = 0;
    const noDives: MasterLpFactory = (lower, upper) => {
      const m = lp(lower, upper);
      let fixed = false;
      return {
        addColumns: (cols) => m.addColumns(cols),
        setBounds: (col, lo, up) => {
          fixed = true;
          m.setBounds(col, lo, up);
        },
        solveLp: () => {
          const s = m.solveLp();
          return { ...s, ok: s.ok && !fixed, colValue: s.colValue.map((v) => v / 2) };
        },
        dispose: () => m.dispose(),
      };
    };
    const r = solveRoster(problem, { seed: 1, timeLimitMs: 40_000, clock: () => ++ticks, lp: noDives });
    expect(r.columnGeneration).toMatchObject({ rootEnd: 'converged', divesFinished: 0, optimal: true });
    expect(r.stoppedBy).toBe('optimal');
    expect(r.evaluation.objective).toBeLessThan((r.columnGeneration?.rootLp ?? 0) + 1);
    expect(r.elapsedMs).toBeLessThan(40_000);
  });

  it('ends the solve right after a converged root, with no dive, when the start roster already meets its bound', () => {
    // a small problem whose annealing start finds the optimum, which is the root LP
    const problem = randomProblem(3, 6, 14);
    let ticks = 0;
    const r = solveRoster(problem, { seed: 1, timeLimitMs: 40_000, clock: () => ++ticks, lp });
    expect(r.columnGeneration).toMatchObject({ rootEnd: 'converged', dives: 0, optimal: true });
    expect(r.stoppedBy).toBe('optimal');
    expect(r.evaluation.objective).toBeLessThan((r.columnGeneration?.rootLp ?? 0) + 1);
    expect(r.elapsedMs).toBeLessThan(40_000 * 0.5);
  });

  it('keeps annealing for the whole time limit when the start is not feasible', () => {
    // nobody can work 100 shifts in 14 days: no feasible roster exists, so the column generation
    // never starts, and the annealing must still get all the time (not only its start share)
    const base = randomProblem(21, 6, 14);
    const problem = { ...base, employees: base.employees.map((e, i) => (i === 0 ? { ...e, minTotalMinutes: 480 * 100 } : e)) };
    let ticks = 0;
    const r = solveRoster(problem, { seed: 1, timeLimitMs: 400, clock: () => ++ticks, lp });
    expect(r.evaluation.feasible).toBe(false);
    expect(r.columnGeneration).toBeUndefined();
    expect(r.elapsedMs).toBeGreaterThanOrEqual(400);
  });

  it('runs the annealing alone under an iteration limit, so seeded runs stay reproducible', () => {
    const problem = randomProblem(21, 6, 14);
    const a = solveRoster(problem, { seed: 9, maxIterations: 30_000, lp });
    const b = solveRoster(problem, { seed: 9, maxIterations: 30_000, lp });
    expect(a.columnGeneration).toBeUndefined();
    expect(a.roster).toEqual(b.roster);
  });
});
