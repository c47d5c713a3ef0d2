// Rostering benchmark (issue 6): every instance of ../shared/benchmarks/rostering, one after the
// other, each solved in one worker thread (one core) for a fixed wall time, against the published
// best known objective.
//
//   npx tsx bench/rostering/run.ts [--time-limit S] [--seed N] [--repeat N] [--no-lp] [--dir DIR] [Instance1 Instance5 ...]
//   (--no-lp: annealing alone, without the column generation phase, for comparison; --dir: another
//   folder of instances in the same format, with its own best-known.csv, e.g. the published
//   instances that are not in ../shared, to check that the solver is not tuned to the sample;
//   --repeat N: solve each instance N times, with seeds S, S+1, ... (S from --seed), and add a table of the median,
//   least and largest gap, since one run of a time-limited solve varies by several percent)
//
// Environment (optional): BENCH_ROSTER_SECONDS (default 60) instead of --time-limit;
// CLINICOPS_SHARED_DIR for the shared folder (default ../shared next to the repository).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseBenchmarkInstance, startSolverWorker } from '../../server/src/modules/rostering/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = process.env.CLINICOPS_SHARED_DIR ?? path.resolve(repoRoot, '../shared');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'time-limit': { type: 'string' },
    seed: { type: 'string' },
    repeat: { type: 'string' },
    'no-lp': { type: 'boolean' },
    dir: { type: 'string' },
  },
});
const dir = values.dir ? path.resolve(values.dir) : path.join(shared, 'benchmarks/rostering');
const seconds = Number(values['time-limit'] ?? process.env.BENCH_ROSTER_SECONDS ?? 60);
const seed = Number(values.seed ?? 1);
const repeat = Number(values.repeat ?? 1);
if (!(seconds > 0)) throw new Error(`--time-limit must be a positive number of seconds, not ${values['time-limit']}`);
if (!Number.isInteger(repeat) || repeat < 1)
  throw new Error(`--repeat must be a whole number of runs, at least 1, not ${values.repeat}`);

if (!existsSync(dir)) {
  console.log(`Rostering instances not found in ${dir}: set CLINICOPS_SHARED_DIR; nothing to measure.`);
  process.exit(0);
}

type Known = { lb: number; ub: number; optimal: boolean };
const best = new Map<string, Known>();
const csv = path.join(dir, 'best-known.csv');
if (existsSync(csv)) {
  const [header = '', ...rows] = readFileSync(csv, 'utf8').split(/\r?\n/).filter(Boolean);
  const cols = header.split(',');
  for (const row of rows) {
    const f = row.split(',');
    const get = (name: string) => f[cols.indexOf(name)] ?? '';
    best.set(get('instance'), {
      lb: Number(get('best_lb')),
      ub: Number(get('best_ub')),
      optimal: get('proven_optimal') === 'yes',
    });
  }
}

const number = (name: string) => Number(name.replace(/\D/g, '')) || 0;
const instances = readdirSync(dir)
  .filter((f) => /^Instance\d+\.txt$/.test(f))
  .map((f) => f.replace(/\.txt$/, ''))
  .filter((n) => positionals.length === 0 || positionals.includes(n))
  .sort((a, b) => number(a) - number(b));

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(
  `Rostering benchmark: ${instances.length} instance(s) from ${dir}, ${seconds} s wall time each, ${
    repeat === 1 ? `seed ${seed}` : `${repeat} runs each (seeds ${seed}-${seed + repeat - 1})`
  }, one worker thread at a time`,
);
console.log(
  `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}; load average at start ${load()}`,
);

type Row = {
  instance: string;
  seed: number;
  days: number;
  staff: number;
  shiftTypes: number;
  objective: number;
  bestKnown: number | null;
  gapPercent: number | null;
  firstFeasibleS: number | null;
  hardViolations: number;
  moves: number;
  /** The column generation's root LP objective (starred when pricing converged), and its dives. */
  rootLp: number | null;
  rootConverged: boolean | null;
  rootEnd: string | null;
  dives: string | null;
  seconds: number;
  load: string;
};
const rows: Row[] = [];
const fmt = (r: Row) =>
  `| ${r.instance} | ${r.seed} | ${r.days}/${r.staff}/${r.shiftTypes} | ${r.objective} | ${r.bestKnown ?? '-'} | ${
    r.gapPercent === null ? '-' : r.gapPercent.toFixed(2)
  } | ${r.firstFeasibleS === null ? 'never' : r.firstFeasibleS.toFixed(2)} | ${r.hardViolations} | ${(r.moves / 1e6).toFixed(1)} | ${
    r.rootLp === null ? '-' : `${r.rootLp.toFixed(1)}${r.rootConverged ? '*' : ''} (${r.rootEnd})`
  } | ${r.dives ?? '-'} | ${r.load} |`;
const header = [
  '| instance | seed | days/staff/shifts | objective | best known | gap % | first feasible (s) | hard violations | moves (M) | root LP | dives (done/started/steps undone) | load (1/5/15 min) |',
  '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
];
console.log(header.join('\n'));

for (const name of instances) {
  const problem = parseBenchmarkInstance(readFileSync(path.join(dir, `${name}.txt`), 'utf8'));
  for (let run = 0; run < repeat; run++) rows.push(await measure(name, problem, seed + run));
}

async function measure(name: string, problem: ReturnType<typeof parseBenchmarkInstance>, runSeed: number): Promise<Row> {
  const outcome = await startSolverWorker({
    problem,
    seed: runSeed,
    timeLimitMs: seconds * 1000,
    reportEveryMs: 5000,
    lp: !values['no-lp'],
  }).result;
  const known = best.get(name);
  const ev = outcome.evaluation;
  const row: Row = {
    instance: name,
    seed: runSeed,
    days: problem.horizonDays,
    staff: problem.employees.length,
    shiftTypes: problem.shifts.length,
    objective: ev.objective,
    bestKnown: known?.ub ?? null,
    gapPercent: known ? (100 * (ev.objective - known.ub)) / known.ub : null,
    firstFeasibleS: outcome.firstFeasibleMs === null ? null : outcome.firstFeasibleMs / 1000,
    hardViolations: ev.violations.length,
    moves: outcome.iterations,
    rootLp: outcome.columnGeneration ? outcome.columnGeneration.rootLp : null,
    rootConverged: outcome.columnGeneration?.converged ?? null,
    rootEnd: outcome.columnGeneration?.rootEnd ?? null,
    dives: outcome.columnGeneration
      ? `${outcome.columnGeneration.divesFinished}/${outcome.columnGeneration.dives}/${outcome.columnGeneration.backtracks}`
      : null,
    seconds: outcome.elapsedMs / 1000,
    load: load(),
  };
  // an objective below a proven optimum would mean the evaluator is wrong
  if (known?.optimal && ev.feasible && ev.objective < known.lb)
    console.log(`!! ${name}: ${ev.objective} is below the proven optimum ${known.lb}`);
  console.log(fmt(row));
  return row;
}

if (repeat > 1) {
  console.log(`\n| instance | runs | median gap % | least | largest | feasible |\n|---|---:|---:|---:|---:|---:|`);
  for (const name of instances) {
    const mine = rows.filter((r) => r.instance === name);
    const gaps = mine
      .map((r) => r.gapPercent)
      .filter((g): g is number => g !== null)
      .sort((a, b) => a - b);
    const median = gaps.length === 0 ? null : ((gaps[(gaps.length - 1) >> 1] as number) + (gaps[gaps.length >> 1] as number)) / 2;
    const f = (g: number | null | undefined) => (g === null || g === undefined ? '-' : g.toFixed(2));
    const feasibleRuns = mine.filter((r) => r.hardViolations === 0).length;
    console.log(`| ${name} | ${mine.length} | ${f(median)} | ${f(gaps[0])} | ${f(gaps.at(-1))} | ${feasibleRuns} |`);
  }
}

const results = path.join(repoRoot, 'bench/results');
mkdirSync(results, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const file = path.join(results, `rostering-${stamp}.json`);
writeFileSync(
  file,
  `${JSON.stringify({ when: new Date().toISOString(), seconds, seed, repeat, cores: os.cpus().length, node: process.version, rows }, null, 2)}\n`,
);
const feasible = rows.filter((r) => r.hardViolations === 0).length;
console.log(`${feasible} of ${rows.length} feasible; load average at end ${load()}`);
console.log(`results: ${path.relative(process.cwd(), file)}`);
