// Column generation over a window of days (window-search.ts, restricted-master.ts MasterWindow)
// against the real LP engine, on small seeded instances whose window can be enumerated.
import { beforeAll, describe, expect, it } from 'vitest';
import { priceAndDive } from '../src/modules/rostering/domain/column-generation.js';
import { compileProblem, decodeRoster, encodeRoster } from '../src/modules/rostering/domain/compile.js';
import { evaluateRoster } from '../src/modules/rostering/domain/evaluate.js';
import type { MasterLpFactory } from '../src/modules/rostering/domain/master-lp.js';
import type { Roster, RosterProblem } from '../src/modules/rostering/domain/model.js';
import { randomProblem } from '../src/modules/rostering/domain/random-problem.js';
import { annealRoster } from '../src/modules/rostering/domain/solver.js';
import { windowSearch } from '../src/modules/rostering/domain/window-search.js';
import { requireLpEngine } from './rostering-lp-engine.js';

let lp: MasterLpFactory;
beforeAll(async () => {
  lp = await requireLpEngine();
});

/** The best feasible objective over every value of every employee's cells on days from..to-1, the rest as in `roster`. */
function windowOptimum(problem: RosterProblem, roster: Roster, from: number, to: number): number {
  const values = [null, ...problem.shifts.map((s) => s.id)];
  const cells: [number, number][] = [];
  for (let e = 0; e < roster.length; e++) for (let d = from; d < to; d++) cells.push([e, d]);
  const rows = roster.map((row) => [...row]);
  let best = Number.POSITIVE_INFINITY;
  const visit = (i: number) => {
    if (i === cells.length) {
      const ev = evaluateRoster(problem, rows);
      if (ev.feasible) best = Math.min(best, ev.objective);
      return;
    }
    const [e, d] = cells[i] as [number, number];
    for (const v of values) {
      (rows[e] as (string | null)[])[d] = v;
      visit(i + 1);
    }
  };
  visit(0);
  return best;
}

describe('column generation over a window of days', () => {
  it('keeps every roster equal to the start outside the window, feasible, and never below the enumerated best of the window', () => {
    let reached = 0;
    const seeds = [3, 5, 8, 13, 21];
    for (const seed of seeds) {
      const problem = randomProblem(seed, 3, 9);
      const c = compileProblem(problem);
      // a poor start (few moves), so the window has something to gain
      const start = annealRoster(problem, { seed: 1, maxIterations: 50 });
      if (!start.evaluation.feasible) continue;
      const from = 3;
      const to = 6;
      const optimum = windowOptimum(problem, start.roster, from, to);
      const dives: number[] = [];
      const r = priceAndDive(c, encodeRoster(c, start.roster), lp, {
        clock: () => 0,
        rootDeadline: Number.POSITIVE_INFINITY,
        deadline: Number.POSITIVE_INFINITY,
        maxDives: 3,
        window: { from, to },
        onRoster: (x) => {
          const roster = decodeRoster(c, x);
          const ev = evaluateRoster(problem, roster);
          expect(ev.violations, `seed ${seed}`).toEqual([]);
          roster.forEach((row, e) => {
            row.forEach((v, d) => {
              if (d < from || d >= to) expect(v, `seed ${seed} employee ${e} day ${d}`).toBe(start.roster[e]?.[d]);
            });
          });
          dives.push(ev.objective);
        },
      });
      expect(r.converged, `seed ${seed}`).toBe(true);
      expect(dives.length, `seed ${seed}`).toBeGreaterThan(0);
      expect(Math.min(...dives), `seed ${seed}`).toBeGreaterThanOrEqual(optimum);
      if (Math.min(...dives) === optimum) reached++;
    }
    // the dives reach the window's optimum on most of these (the LP bound is tight here)
    expect(reached).toBeGreaterThanOrEqual(3);
  });

  it('sweeps the horizon, keeps a roster only when no worse, and ends at what the evaluator says of it', () => {
    const problem = randomProblem(8, 6, 28);
    const c = compileProblem(problem);
    const start = annealRoster(problem, { seed: 1, maxIterations: 300 });
    expect(start.evaluation.feasible).toBe(true);
    // a clock that moves one unit a reading: each window gets 400 readings, the search 4,000
    let t = 0;
    const judged: number[] = [];
    const r = windowSearch(c, encodeRoster(c, start.roster), start.evaluation.objective, lp, {
      clock: () => t++,
      deadline: 4_000,
      windowMs: 400,
      seed: 1,
      judge: (x) => {
        const ev = evaluateRoster(problem, decodeRoster(c, x));
        const value = ev.feasible ? ev.objective : Number.POSITIVE_INFINITY;
        judged.push(value);
        return value;
      },
    });
    const ev = evaluateRoster(problem, decodeRoster(c, r.roster));
    expect(ev.violations).toEqual([]);
    expect(ev.objective).toBe(r.objective);
    expect(r.windows).toBeGreaterThan(2);
    expect(judged.length).toBeGreaterThan(0);
    // it improved on the poor start, and kept the best roster any window gave
    expect(r.improved).toBeGreaterThan(0);
    expect(r.objective).toBeLessThan(start.evaluation.objective);
    expect(r.objective).toBeLessThanOrEqual(Math.min(...judged));
  });

  it('doubles the windows after a sweep that improved nothing, up to the whole horizon', () => {
    const problem = randomProblem(8, 6, 28);
    const c = compileProblem(problem);
    const start = annealRoster(problem, { seed: 1, maxIterations: 300 });
    // a judge that finds every roster worse: no window improves, so after one sweep of 14-day
    // windows (28 days / a stride of 7 = 4 windows) they free all 28 days
    let t = 0;
    const refused = windowSearch(c, encodeRoster(c, start.roster), start.evaluation.objective, lp, {
      clock: () => t++,
      deadline: 2_500,
      windowMs: 400,
      seed: 1,
      judge: () => Number.POSITIVE_INFINITY,
    });
    expect(refused.windows).toBeGreaterThan(4);
    expect(refused.improved).toBe(0);
    expect(refused.windowDays).toBe(28);
    expect(Array.from(refused.roster)).toEqual(Array.from(encodeRoster(c, start.roster)));
  });
});
