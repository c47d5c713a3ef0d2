// The row programme (row-dp.ts) against enumeration by the evaluator: whole rows, with the
// fairness and overtime terms, on any start weekday, and windows with the rest of the row fixed.
import { describe, expect, it } from 'vitest';
import { compileProblem } from './compile.js';
import { evaluateRoster } from './evaluate.js';
import type { RosterProblem } from './model.js';
import { seededRandom } from './random.js';
import { randomProblem, withRowTerms, withRunsBefore } from './random-problem.js';
import { createRowDp } from './row-dp.js';
import { solveRoster } from './solve-phases.js';
import { checkIncrementalForTests } from './solver.js';

function bruteForceRow(problem: RosterProblem): number {
  const values = [null, ...problem.shifts.map((s) => s.id)];
  let best = Number.POSITIVE_INFINITY;
  const row: (string | null)[] = Array.from({ length: problem.horizonDays }, () => null);
  const visit = (d: number) => {
    if (d === problem.horizonDays) {
      const ev = evaluateRoster(problem, [row]);
      if (ev.feasible) best = Math.min(best, ev.objective);
      return;
    }
    for (const v of values) {
      row[d] = v;
      visit(d + 1);
    }
  };
  visit(0);
  return best;
}

/** With nobody else, the price of working t on d is the request cost plus the cover marginal. */
function lonePrice(c: ReturnType<typeof compileProblem>): Float64Array {
  const price = new Float64Array(c.D * (c.S + 1));
  for (let d = 0; d < c.D; d++) {
    price[d * (c.S + 1)] = c.cell[d * (c.S + 1)] as number;
    for (let t = 0; t < c.S; t++) {
      const k = d * c.S + t;
      price[d * (c.S + 1) + t + 1] =
        (c.cell[d * (c.S + 1) + t + 1] as number) + ((c.req[k] as number) > 0 ? -(c.wu[k] as number) : (c.wo[k] as number));
    }
  }
  return price;
}

/**
 * The exact programme's row of a lone employee has the enumerated best objective, and its own
 * cost is that objective (less the cover cost of an empty row, which its prices leave out), the
 * row terms included.
 */
function expectExactRow(problem: RosterProblem, expected: number, seed: number) {
  const c = compileProblem(problem);
  const out = new Int16Array(c.D);
  const cost = createRowDp(c, 100_000, { exact: true })(0, lonePrice(c), out);
  const row = Array.from(out, (v) => (v < 0 ? null : (c.shiftIds[v] ?? null)));
  expect(evaluateRoster(problem, [row]).objective, `seed ${seed}`).toBe(expected);
  let empty = 0;
  for (let k = 0; k < c.req.length; k++) empty += (c.req[k] as number) * (c.wu[k] as number);
  expect(cost + empty, `seed ${seed}`).toBe(expected);
}

/**
 * The exact programme finds a row of the enumerated best objective (`expected`), or none when no
 * row is feasible, and the guided one, cut just above that row's cost, finds the same cost.
 * Returns whether there was a feasible row.
 */
function expectPlainAndGuided(problem: RosterProblem, expected: number, at: string): boolean {
  const c = compileProblem(problem);
  const price = lonePrice(c);
  const out = new Int16Array(c.D);
  const cost = createRowDp(c, 100_000, { exact: true })(0, price, out);
  if (!Number.isFinite(expected)) {
    expect(cost, at).toBe(Number.POSITIVE_INFINITY);
    return false;
  }
  const row = Array.from(out, (v) => (v < 0 ? null : (c.shiftIds[v] ?? null)));
  expect(evaluateRoster(problem, [row]).violations, at).toEqual([]);
  expect(evaluateRoster(problem, [row]).objective, at).toBe(expected);
  const guided = createRowDp(c, 100_000, { exact: true, guided: true });
  expect(guided(0, price, out, undefined, cost + 0.5), at).toBe(cost);
  return true;
}

describe('row re-optimisation', () => {
  it('finds the best feasible row of a lone employee, as enumeration does', () => {
    let feasibleCases = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const problem = randomProblem(seed, 1, 8);
      const expected = bruteForceRow(problem);
      const c = compileProblem(problem);
      const price = lonePrice(c);
      const out = new Int16Array(c.D);
      const cost = createRowDp(c, 100_000, { exact: true })(0, price, out);
      if (!Number.isFinite(expected)) {
        expect(cost, `seed ${seed}`).toBe(Number.POSITIVE_INFINITY);
        continue;
      }
      feasibleCases++;
      const row = Array.from(out, (v) => (v < 0 ? null : (c.shiftIds[v] ?? null)));
      const ev = evaluateRoster(problem, [row]);
      expect(ev.violations, `seed ${seed}`).toEqual([]);
      expect(ev.objective, `seed ${seed}`).toBe(expected);
    }
    expect(feasibleCases).toBeGreaterThan(10);
  });

  it('prices the fairness term of nights and weekends, exactly when exact, as enumeration does', () => {
    let feasibleCases = 0;
    let termPaid = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const base = randomProblem(600 + seed, 1, 8);
      const r = seededRandom(seed);
      const problem: RosterProblem = {
        ...base,
        employees: base.employees.map((emp) => ({
          ...emp,
          fairness: { nightShifts: ['L'], nightTarget: r.int(3), weekendTarget: r.int(2), weight: 1 + r.int(30) },
        })),
      };
      const expected = bruteForceRow(problem);
      if (!Number.isFinite(expected)) continue;
      feasibleCases++;
      expectExactRow(problem, expected, seed);
      if (bruteForceRow(base) !== expected) termPaid++;
    }
    expect(feasibleCases).toBeGreaterThan(10);
    // the term changed the best row's cost somewhere, so the cases test it
    expect(termPaid).toBeGreaterThan(0);
  });

  it('prices the overtime term, shifts split at workweek boundaries, exactly when exact, as enumeration does', () => {
    let feasibleCases = 0;
    let termPaid = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const base = randomProblem(700 + seed, 1, 8);
      const r = seededRandom(seed);
      // a late shift that runs past midnight, so a workweek that begins at a midnight splits it
      const starts: Record<string, number> = { E: 420, L: 1260 };
      const weekStart = [0, -1440, -(10_080 - 420), -r.int(10_080)][seed % 4] as number;
      const problem: RosterProblem = {
        ...base,
        shifts: base.shifts.map((s) => ({ ...s, startMinute: starts[s.id] as number })),
        employees: base.employees.map((emp) => ({
          ...emp,
          overtime: {
            weeklyMinutes: 480 * (1 + r.int(3)),
            weightPerMinute: 1 + r.int(2),
            weekStartMinute: weekStart,
            minutesBefore: [r.int(3) * 480, r.int(2) * 100],
          },
        })),
      };
      const expected = bruteForceRow(problem);
      if (!Number.isFinite(expected)) continue;
      feasibleCases++;
      expectExactRow(problem, expected, seed);
      if (bruteForceRow({ ...problem, employees: base.employees }) !== expected) termPaid++;
    }
    expect(feasibleCases).toBeGreaterThan(10);
    expect(termPaid).toBeGreaterThan(0);
  });

  it('guided by its cost to go, loses no row below the cutoff and returns none at it', () => {
    let feasibleCases = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const problem = randomProblem(200 + seed, 1, 9);
      const expected = bruteForceRow(problem);
      if (!Number.isFinite(expected)) continue;
      feasibleCases++;
      const c = compileProblem(problem);
      const price = lonePrice(c);
      const out = new Int16Array(c.D);
      const best = createRowDp(c, 100_000, { exact: true })(0, price, out);
      const dp = createRowDp(c, 100_000, { exact: true, guided: true });
      // a cutoff just above the best row's price prunes everything else: a cost to go that
      // overestimated anywhere on that row would lose it
      expect(dp(0, price, out, undefined, best + 0.5), `seed ${seed}`).toBe(best);
      const row = Array.from(out, (v) => (v < 0 ? null : (c.shiftIds[v] ?? null)));
      expect(evaluateRoster(problem, [row]).objective, `seed ${seed}`).toBe(expected);
      expect(dp(0, price, out, undefined, best), `seed ${seed}`).toBe(Number.POSITIVE_INFINITY);
    }
    expect(feasibleCases).toBeGreaterThan(10);
  });
});

describe('rosters that start on another weekday', () => {
  // weekends are Saturday and Sunday by the calendar (model.ts weekendOf), so the same rows count
  // different weekends when day 0 moves; the programme, the guide, the incremental bookkeeping and
  // the evaluator must agree on every start day
  const startDays = [6, 5, 3]; // Sunday, Saturday, Thursday

  it('the row programme, plain and guided, finds the enumerated best row', () => {
    let feasibleCases = 0;
    let differ = 0;
    for (const startWeekday of startDays)
      for (let seed = 1; seed <= 12; seed++) {
        const problem = randomProblem(300 + seed, 1, 8, startWeekday);
        const expected = bruteForceRow(problem);
        if (expected !== bruteForceRow({ ...problem, startWeekday: 0 })) differ++;
        if (expectPlainAndGuided(problem, expected, `start ${startWeekday} seed ${seed}`)) feasibleCases++;
      }
    expect(feasibleCases).toBeGreaterThan(15);
    // the start day changed the answer somewhere, so the cases test the calendar
    expect(differ).toBeGreaterThan(0);
  });

  it('keeps the incremental bookkeeping equal to the evaluator', () => {
    checkIncrementalForTests(true);
    try {
      for (const startWeekday of startDays) {
        const problem = withRowTerms(randomProblem(500 + startWeekday, 6, 17, startWeekday), startWeekday);
        const r = solveRoster(problem, { seed: startWeekday, maxIterations: 30_000, hardWeight: 5 });
        expect(r.iterations).toBe(30_000);
      }
    } finally {
      checkIncrementalForTests(false);
    }
  });
});

describe('rosters after a published one (a run before day 0)', () => {
  // model.ts RunBefore: day 0 continues or ends the run before the roster; the programme starts
  // from it, and the bookkeeping, the row check and the evaluator must agree on it
  it('the row programme, plain and guided, finds the enumerated best row', () => {
    let feasibleCases = 0;
    let differ = 0;
    for (let seed = 1; seed <= 30; seed++) {
      // a third of them from a Sunday after a Saturday off, whose day 0 is then a weekend of its
      // own (model.ts sundayAtStart), with no weekend allowed
      const sunday = seed % 3 === 0;
      const base = randomProblem(700 + seed, 1, 8, sunday ? 6 : 0);
      const runs = withRunsBefore(base, seed);
      const problem = sunday
        ? { ...runs, employees: runs.employees.map((e) => ({ ...e, maxWeekends: 0, before: { worked: false, days: 2 } })) }
        : runs;
      const expected = bruteForceRow(problem);
      if (expected !== bruteForceRow(base)) differ++;
      if (expectPlainAndGuided(problem, expected, `seed ${seed}`)) feasibleCases++;
    }
    expect(feasibleCases).toBeGreaterThan(10);
    // the run before changed the answer somewhere, so the cases test it
    expect(differ).toBeGreaterThan(0);
  });

  it('keeps the incremental bookkeeping equal to the evaluator', () => {
    checkIncrementalForTests(true);
    try {
      for (let seed = 1; seed <= 4; seed++) {
        const startWeekday = seed % 2 === 0 ? 6 : 0;
        const problem = withRunsBefore(withRowTerms(randomProblem(800 + seed, 6, 12 + 2 * seed, startWeekday), seed), seed);
        const r = solveRoster(problem, { seed, maxIterations: 30_000, hardWeight: 5 });
        expect(r.iterations).toBe(30_000);
      }
    } finally {
      checkIncrementalForTests(false);
    }
  });
});

describe('window re-optimisation', () => {
  // the days after a window are summed per label ending rather than walked (row-dp.ts suffixOf):
  // weekends cut by the window's end, on any start weekday, the fairness term on odd seeds and
  // the overtime term on every third
  it('finds the best feasible row with the days outside the window fixed, as enumeration does', () => {
    let feasibleCases = 0;
    let infeasibleCases = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const days = 10;
      const r = seededRandom(seed);
      // after a published roster (a run before day 0) on every fourth seed
      const base = seed % 4 === 0 ? withRunsBefore(randomProblem(100 + seed, 1, days), seed) : randomProblem(100 + seed, 1, days);
      const problem: RosterProblem = {
        ...base,
        startWeekday: seed % 7,
        shifts: base.shifts.map((s) => ({ ...s, startMinute: s.id === 'L' ? 1260 : 420 })),
        employees: base.employees.map((emp) => ({
          ...emp,
          ...(seed % 2 === 1
            ? { fairness: { nightShifts: ['L'], nightTarget: r.int(3), weekendTarget: r.int(2), weight: 1 + r.int(30) } }
            : {}),
          ...(seed % 3 === 0
            ? { overtime: { weeklyMinutes: 480 * (1 + r.int(3)), weightPerMinute: 1, weekStartMinute: -r.int(10_080) } }
            : {}),
        })),
      };
      const c = compileProblem(problem);
      const S1 = c.S + 1;
      // a random row outside the window (allowed cells only), and the window
      const fixed = new Int16Array(days);
      for (let d = 0; d < days; d++) {
        const v = r.int(S1) - 1;
        fixed[d] = v >= 0 && c.allowed[d * c.S + v] ? v : -1;
      }
      const from = r.int(days - 3);
      const to = from + 2 + r.int(Math.min(4, days - from - 1));
      const price = new Float64Array(days * S1);
      for (let d = 0; d < days; d++) {
        price[d * S1] = c.cell[d * S1] as number;
        for (let t = 0; t < c.S; t++) {
          const k = d * c.S + t;
          price[d * S1 + t + 1] =
            (c.cell[d * S1 + t + 1] as number) + ((c.req[k] as number) > 0 ? -(c.wu[k] as number) : (c.wo[k] as number));
        }
      }
      // enumeration of the window's cells, the rest fixed, checked by the evaluator
      const values = [null, ...problem.shifts.map((s) => s.id)];
      const row = Array.from(fixed, (v) => (v < 0 ? null : (c.shiftIds[v] ?? null)));
      let expected = Number.POSITIVE_INFINITY;
      // and the least of the programme's own cost: its prices plus the fairness term
      let expectedCost = Number.POSITIVE_INFINITY;
      const visit = (d: number) => {
        if (d === to) {
          const ev = evaluateRoster(problem, [row]);
          if (!ev.feasible) return;
          expected = Math.min(expected, ev.objective);
          let priced = ev.breakdown.fairness + ev.breakdown.overtime;
          row.forEach((v, day) => {
            priced += price[day * S1 + (v === null ? 0 : problem.shifts.findIndex((x) => x.id === v) + 1)] as number;
          });
          expectedCost = Math.min(expectedCost, priced);
          return;
        }
        for (const v of values) {
          row[d] = v;
          visit(d + 1);
        }
      };
      visit(from);
      const out = new Int16Array(days);
      const cost = createRowDp(c, 100_000, { exact: true })(0, price, out, { from, to, fixed });
      if (!Number.isFinite(expected)) {
        infeasibleCases++;
        expect(cost, `seed ${seed}`).toBe(Number.POSITIVE_INFINITY);
        continue;
      }
      feasibleCases++;
      expect(cost, `seed ${seed}`).toBeCloseTo(expectedCost, 9);
      for (let d = 0; d < days; d++) if (d < from || d >= to) expect(out[d], `seed ${seed} day ${d}`).toBe(fixed[d]);
      const got = Array.from(out, (v) => (v < 0 ? null : (c.shiftIds[v] ?? null)));
      const ev = evaluateRoster(problem, [got]);
      expect(ev.violations, `seed ${seed}`).toEqual([]);
      expect(ev.objective, `seed ${seed}`).toBe(expected);
    }
    expect(feasibleCases).toBeGreaterThan(3);
    expect(infeasibleCases).toBeGreaterThan(0);
  });
});

/** The evaluator's best feasible objective of a two-employee, five-day instance of shifts E and L (3^10 rosters). */
