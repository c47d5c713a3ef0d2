// `clinicops roster solve|evaluate`: the benchmark-format front end of the rostering engine.
// Files are read and written here (domain/ stays free of I/O); the solve runs in the worker.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Evaluation, evaluateRoster } from './domain/evaluate.js';
import { type Assignment, assignmentsToRoster, type RosterProblem } from './domain/model.js';
import { parseBenchmarkInstance } from './domain/parse-benchmark.js';
import { startSolverWorker } from './solver-worker.js';

export const ROSTER_HELP = `  roster solve INSTANCE.txt --time-limit S [--seed N] [--iterations N] --out SOLUTION.json
                                solve a shift scheduling instance (schedulingbenchmarks.org format)
  roster evaluate INSTANCE.txt SOLUTION.json
                                print a solution's hard violations and objective (exit 1 if infeasible)`;

type Io = { out: (line: string) => void; err: (line: string) => void };

class RosterUsageError extends Error {}

function readInstance(file: string): RosterProblem {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new RosterUsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return parseBenchmarkInstance(text);
  } catch (err) {
    throw new RosterUsageError(`${file}: ${(err as Error).message}`);
  }
}

function report(ev: Evaluation, io: Io) {
  for (const v of ev.violations) io.out(`violation ${v.constraint}: ${v.message}`);
  io.out(`hard violations: ${ev.violations.length}`);
  for (const s of ev.shortfall)
    io.out(
      `short: day ${s.day} shift ${s.shift}${s.skill ? ` (${s.skill})` : ''}: ${s.assigned} of ${s.required} (${s.short} short)`,
    );
  const b = ev.breakdown;
  io.out(
    `objective: ${ev.objective} (shift-on requests ${b.shiftOnRequests}, shift-off requests ${b.shiftOffRequests}, under cover ${b.underCover}, over cover ${b.overCover}${b.overtime || b.fairness ? `, overtime ${b.overtime}, fairness ${b.fairness}` : ''})`,
  );
}

/** Returns the process exit code: 0 done, 1 infeasible roster, 2 bad usage or input. */
export async function runRosterCommand(argv: string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    if (err instanceof RosterUsageError) {
      io.err(`clinicops roster: ${err.message}`);
      return 2;
    }
    throw err;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'time-limit': { type: 'string' },
      seed: { type: 'string' },
      iterations: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const [sub, instanceFile, solutionFile] = positionals;
  const number = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new RosterUsageError(`--${name} must be a non-negative number, not "${v}"`);
    return n;
  };
  if (sub === 'solve') {
    if (!instanceFile) throw new RosterUsageError('roster solve takes an instance file');
    const out = values.out;
    if (!out) throw new RosterUsageError('roster solve needs --out SOLUTION.json');
    const seconds = number('time-limit', values['time-limit']);
    const iterations = number('iterations', values.iterations);
    if (seconds === undefined && iterations === undefined)
      throw new RosterUsageError('roster solve needs --time-limit S (or --iterations N)');
    const problem = readInstance(instanceFile);
    const run = startSolverWorker(
      {
        problem,
        seed: number('seed', values.seed) ?? 1,
        ...(seconds !== undefined ? { timeLimitMs: seconds * 1000 } : {}),
        ...(iterations !== undefined ? { maxIterations: Math.floor(iterations) } : {}),
        reportEveryMs: 1000,
      },
      (p) =>
        io.err(
          `${(p.elapsedMs / 1000).toFixed(1)} s: objective ${p.objective}${p.hardViolations > 0 ? `, hard shortfall ${p.hardViolations.toFixed(1)}` : ''}`,
        ),
    );
    const stop = () => run.stop();
    process.once('SIGINT', stop);
    const outcome = await run.result.finally(() => process.off('SIGINT', stop));
    const solution: { objective: number; assignments: Assignment[] } = {
      objective: outcome.evaluation.objective,
      assignments: outcome.assignments,
    };
    // one assignment per line: readable and diff-friendly without the bulk of full indentation
    const lines = solution.assignments.map((a) => `  ${JSON.stringify(a)}`);
    writeFileSync(out, `{"objective": ${solution.objective}, "assignments": [\n${lines.join(',\n')}\n]}\n`);
    io.err(
      `${outcome.iterations} moves in ${(outcome.elapsedMs / 1000).toFixed(1)} s; first feasible roster after ${
        outcome.firstFeasibleMs === null ? 'never' : `${(outcome.firstFeasibleMs / 1000).toFixed(2)} s`
      }; written to ${out}`,
    );
    report(outcome.evaluation, io);
    return outcome.evaluation.feasible ? 0 : 1;
  }
  if (sub === 'evaluate') {
    if (!instanceFile || !solutionFile) throw new RosterUsageError('roster evaluate takes an instance file and a solution file');
    const problem = readInstance(instanceFile);
    let parsed: { assignments?: unknown };
    try {
      parsed = JSON.parse(readFileSync(solutionFile, 'utf8'));
    } catch (err) {
      throw new RosterUsageError(`${solutionFile}: ${(err as Error).message}`);
    }
    if (!Array.isArray(parsed.assignments)) throw new RosterUsageError(`${solutionFile}: no "assignments" list`);
    for (const [i, a] of (parsed.assignments as unknown[]).entries()) {
      const r = a as Record<string, unknown>;
      if (typeof r?.employee !== 'string' || typeof r.day !== 'number' || typeof r.shift !== 'string')
        throw new RosterUsageError(`${solutionFile}: assignment ${i} is not {"employee": ..., "day": n, "shift": ...}`);
    }
    let read: ReturnType<typeof assignmentsToRoster>;
    try {
      read = assignmentsToRoster(problem, parsed.assignments as Assignment[]);
    } catch (err) {
      throw new RosterUsageError(`${solutionFile}: ${(err as Error).message}`);
    }
    const ev = evaluateRoster(
      problem,
      read.roster,
      read.doubleBooked.map((x) => ({
        constraint: 'one-shift-per-day' as const,
        employee: x.employee,
        days: [x.day],
        message: `${x.employee}: ${x.shifts.join(' and ')} on day ${x.day}, at most one shift per day`,
      })),
    );
    report(ev, io);
    return ev.feasible ? 0 : 1;
  }
  throw new RosterUsageError('roster takes solve or evaluate (see clinicops --help)');
}
