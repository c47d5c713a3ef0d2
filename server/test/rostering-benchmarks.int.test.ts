// The published rostering instances in ../shared/benchmarks/rostering (Curtois & Qu; not ours,
// never copied into this repository). Skipped where that folder is absent, e.g. a clone elsewhere;
// the same code is covered by the synthetic fixtures in fixtures/rostering and the domain tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateRoster, parseBenchmarkInstance, solveRoster } from '../src/modules/rostering/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = process.env.CLINICOPS_SHARED_DIR ?? path.resolve(repoRoot, '../shared');
const dir = path.join(shared, 'benchmarks/rostering');
const present = existsSync(path.join(dir, 'best-known.csv'));
if (!present)
  console.warn(`Rostering benchmark instances not found in ${dir}: set CLINICOPS_SHARED_DIR; these tests are skipped`);

const bestKnown = () =>
  new Map(
    readFileSync(path.join(dir, 'best-known.csv'), 'utf8')
      .split(/\r?\n/)
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(','))
      .map((f) => [f[0] ?? '', { days: Number(f[1]), staff: Number(f[2]), shifts: Number(f[3]), lb: Number(f[4]) }] as const),
  );

describe('the published rostering instances', { timeout: 120_000 }, () => {
  it.skipIf(!present)('parse with the sizes best-known.csv gives', () => {
    const known = bestKnown();
    const files = readdirSync(dir).filter((f) => /^Instance\d+\.txt$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const p = parseBenchmarkInstance(readFileSync(path.join(dir, f), 'utf8'));
      const k = known.get(f.replace('.txt', ''));
      expect(k, f).toBeDefined();
      expect([p.horizonDays, p.employees.length, p.shifts.length], f).toEqual([k?.days, k?.staff, k?.shifts]);
    }
  });

  it.skipIf(!present)('Instance1: a feasible roster, never below the proven optimum', () => {
    const problem = parseBenchmarkInstance(readFileSync(path.join(dir, 'Instance1.txt'), 'utf8'));
    const r = solveRoster(problem, { seed: 1, maxIterations: 2_000_000 });
    expect(r.evaluation.violations).toEqual([]);
    expect(evaluateRoster(problem, r.roster).objective).toBe(r.evaluation.objective);
    expect(r.evaluation.objective).toBeGreaterThanOrEqual(bestKnown().get('Instance1')?.lb ?? 0);
  });
});
