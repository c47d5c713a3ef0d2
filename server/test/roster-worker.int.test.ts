// The solver's worker thread: streamed progress, the stop request, and repair mode.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assignmentsToRoster,
  evaluateRoster,
  parseBenchmarkInstance,
  type SolverProgress,
  startSolverWorker,
} from '../src/modules/rostering/index.js';

const problem = parseBenchmarkInstance(readFileSync(path.join(import.meta.dirname, 'fixtures/rostering/two-weeks.txt'), 'utf8'));

describe('the solver worker', { timeout: 60_000 }, () => {
  it('streams improving rosters and stops on request with the best one so far', async () => {
    const seen: SolverProgress[] = [];
    const run = startSolverWorker({ problem, seed: 5, timeLimitMs: 60_000, reportEveryMs: 0 }, (p) => {
      seen.push(p);
      if (seen.length === 1) setTimeout(() => run.stop(), 300);
    });
    const outcome = await run.result;
    expect(outcome.stoppedBy).toBe('stop');
    expect(outcome.elapsedMs).toBeLessThan(30_000);
    expect(seen.length).toBeGreaterThan(0);
    // each report is a roster the evaluator scores as reported, and they improve
    for (const p of seen) {
      const ev = evaluateRoster(problem, assignmentsToRoster(problem, p.assignments).roster);
      if (p.hardViolations === 0) expect(ev.objective).toBe(p.objective);
    }
    const feasible = seen.filter((p) => p.hardViolations === 0).map((p) => p.objective);
    expect([...feasible].sort((a, b) => b - a)).toEqual(feasible);
    expect(outcome.evaluation.objective).toBe(feasible.at(-1));
  });

  it('repairs a published roster after a sick call with few changes', async () => {
    const published = await startSolverWorker({ problem, seed: 1, maxIterations: 300_000 }).result;
    expect(published.evaluation.feasible).toBe(true);
    const roster = assignmentsToRoster(problem, published.assignments).roster;
    const sick = published.assignments.find((a) => a.day >= 2 && a.day <= 11);
    if (!sick) throw new Error('the published roster has nobody working mid-horizon');
    const repaired = await startSolverWorker({
      problem,
      seed: 1,
      maxIterations: 100_000,
      repair: { published: roster, change: { unavailable: [{ employee: sick.employee, days: [sick.day], reason: 'sick' }] } },
    }).result;
    expect(repaired.assignments).not.toContainEqual(sick);
    expect(repaired.evaluation.violations).toEqual([]);
    expect(repaired.changes?.length ?? 0).toBeGreaterThanOrEqual(1);
    // a repair touches a handful of cells, not the roster
    expect(repaired.changes?.length ?? 99).toBeLessThanOrEqual(10);
  });
});
