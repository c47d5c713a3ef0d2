// `clinicops roster solve|evaluate` as a user runs them: a fresh process each, on the synthetic
// instance and hand-written solutions in fixtures/rostering (ours, not the published set).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(import.meta.dirname, 'fixtures/rostering');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'clinicops-roster-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function clinicops(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/clinicops.mjs'), ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('clinicops roster', { timeout: 120_000 }, () => {
  it('solves an instance, writes the solution file, and evaluate agrees with it', () => {
    const out = path.join(tmp, 'solution.json');
    const solve = clinicops([
      'roster',
      'solve',
      path.join(fixtures, 'two-weeks.txt'),
      '--time-limit',
      '2',
      '--seed',
      '3',
      '--out',
      out,
    ]);
    expect(solve.code, solve.stderr).toBe(0);
    const solution = JSON.parse(readFileSync(out, 'utf8')) as {
      objective: number;
      assignments: { employee: string; day: number; shift: string }[];
    };
    expect(Object.keys(solution)).toEqual(['objective', 'assignments']);
    expect(solve.stdout).toContain(`objective: ${solution.objective} (`);
    expect(solve.stdout).toContain('hard violations: 0');
    // day 12 asks for 6 on E and only five people may work E: the shortfall is explained
    expect(solve.stdout).toMatch(/short: day 12 shift E: \d of 6/);
    expect(solution.objective).toBeGreaterThanOrEqual(100);
    expect(solution.assignments.every((a) => typeof a.employee === 'string' && Number.isInteger(a.day))).toBe(true);
    const evaluate = clinicops(['roster', 'evaluate', path.join(fixtures, 'two-weeks.txt'), out]);
    expect(evaluate.code).toBe(0);
    expect(evaluate.stdout).toContain(`objective: ${solution.objective} (`);
  });

  it('lists every hard violation of a hand-written solution with the objective computed by hand', () => {
    const r = clinicops(['roster', 'evaluate', path.join(fixtures, 'two-weeks.txt'), path.join(fixtures, 'violations.json')]);
    expect(r.code).toBe(1);
    for (const line of [
      'violation one-shift-per-day: Dee: E and L on day 5, at most one shift per day',
      'violation cannot-follow: Ben: shift E on day 1 may not follow L on day 0',
      'violation day-off: Ana: works E on day 3, a day off',
      'violation max-shifts: Cai: 1 shifts of type L, at most 0',
      'violation min-consecutive-shifts: Dee: 1 consecutive shift(s) on days 5-5, at least 2',
      'violation min-total-minutes: Fay: 0 minutes worked, at least 1920',
      'hard violations: 13',
      // 43 shifts demanded, 5 covered: 3800 under; requests: Ana 2+2, Cai 3, Eli 1
      'objective: 3808 (shift-on requests 8, shift-off requests 0, under cover 3800, over cover 0)',
    ])
      expect(r.stdout).toContain(line);
  });

  it('names the line of a malformed instance and refuses incomplete commands', () => {
    const bad = clinicops([
      'roster',
      'solve',
      path.join(fixtures, 'malformed.txt'),
      '--time-limit',
      '1',
      '--out',
      path.join(tmp, 'x.json'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('line 17: SECTION_STAFF: MaxTotalMinutes "abc" is not a whole number');
    const noOut = clinicops(['roster', 'solve', path.join(fixtures, 'two-weeks.txt'), '--time-limit', '1']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out');
  });
});
