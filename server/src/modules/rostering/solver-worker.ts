// Runs the pure solver core in a worker thread so a long solve never blocks the server's event
// loop. The worker streams each improving roster with its progress, honours the time limit and a
// stop request. The stop flag is a SharedArrayBuffer because the solver's loop is synchronous and
// would never see a posted message until it returned.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Evaluation } from './domain/evaluate.js';
import type { MasterLpFactory } from './domain/master-lp.js';
import { type Assignment, type Roster, type RosterProblem, rosterToAssignments } from './domain/model.js';
import { type RosterChange, repairRoster } from './domain/repair.js';
import { solveRoster } from './domain/solve-phases.js';
import type { SolveOptions, SolveResult } from './domain/solver.js';
import { loadMasterLpFactory } from './highs-master.js';

export type SolverJob = {
  problem: RosterProblem;
  seed?: number;
  timeLimitMs?: number;
  maxIterations?: number;
  reportEveryMs?: number;
  /** false: annealing only, without the column generation phase (for comparisons). */
  lp?: boolean;
  /** Repair mode: the published roster and what changed. */
  repair?: { published: Roster; change: RosterChange; changeWeight?: number };
};

export type SolverProgress = {
  objective: number;
  hardViolations: number;
  elapsedMs: number;
  iterations: number;
  assignments: Assignment[];
};

export type SolverOutcome = Omit<SolveResult, 'evaluation'> & {
  evaluation: Evaluation;
  assignments: Assignment[];
  changes?: { employee: string; day: number; from: string | null; to: string | null }[];
};

type Message =
  | { type: 'progress'; progress: SolverProgress }
  | { type: 'done'; outcome: SolverOutcome }
  | { type: 'error'; message: string };

export type SolverRun = {
  /** Ask the solver to stop; the best roster so far still arrives through `result`. */
  stop(): void;
  result: Promise<SolverOutcome>;
};

/** Starts a solve (or repair) in a worker thread; onProgress gets every reported improvement. */
export function startSolverWorker(job: SolverJob, onProgress: (p: SolverProgress) => void = () => {}): SolverRun {
  const stopFlag = new Int32Array(new SharedArrayBuffer(4));
  // The server is TypeScript run through tsx: the worker registers tsx itself before loading
  // this file, since loader hooks are not inherited by worker threads on Node 20.
  const bootstrap = `import(${JSON.stringify(tsxEsmApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { job, stopFlag } });
  const result = new Promise<SolverOutcome>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: Message) => {
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.outcome);
      } else {
        settled = true;
        reject(new Error(m.message));
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the solver worker exited with code ${code} before answering`));
    });
  });
  return { stop: () => Atomics.store(stopFlag, 0, 1), result };
}

/** The file URL of tsx's ESM register API, looked up through tsx's own package exports. */
function tsxEsmApi(): string {
  const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const entry = pkg.exports['./esm/api']?.import.default;
  if (!entry) throw new Error('tsx does not export ./esm/api: cannot start the solver worker');
  return pathToFileURL(path.join(path.dirname(pkgFile), entry)).href;
}

function runJob(job: SolverJob, stopFlag: Int32Array, lp: MasterLpFactory | undefined, startedAt: number): SolverOutcome {
  const post = (m: Message) => parentPort?.postMessage(m);
  const problem = job.repair ? undefined : job.problem;
  const options: SolveOptions = {
    seed: job.seed ?? 1,
    clock: () => performance.now(),
    shouldStop: () => Atomics.load(stopFlag, 0) === 1,
    reportEveryMs: job.reportEveryMs ?? 250,
    onImprovement: (p) =>
      post({
        type: 'progress',
        progress: {
          objective: p.objective,
          hardViolations: p.hardViolations,
          elapsedMs: p.elapsedMs,
          iterations: p.iterations,
          assignments: rosterToAssignments(job.problem, p.roster()),
        },
      }),
    // loading the LP engine counts toward the time limit
    ...(job.timeLimitMs !== undefined ? { timeLimitMs: Math.max(1, job.timeLimitMs - (performance.now() - startedAt)) } : {}),
    ...(lp ? { lp } : {}),
    ...(job.maxIterations !== undefined ? { maxIterations: job.maxIterations } : {}),
  };
  if (problem) {
    const r = solveRoster(problem, options);
    return { ...r, assignments: rosterToAssignments(problem, r.roster) };
  }
  const repair = job.repair as NonNullable<SolverJob['repair']>;
  const r = repairRoster(job.problem, repair.published, repair.change, {
    ...options,
    ...(repair.changeWeight !== undefined ? { changeWeight: repair.changeWeight } : {}),
  });
  const { problem: _changed, ...rest } = r;
  return { ...rest, assignments: rosterToAssignments(job.problem, r.roster) };
}

if (!isMainThread && workerData?.job && parentPort) {
  const { job, stopFlag } = workerData as { job: SolverJob; stopFlag: Int32Array };
  const port = parentPort;
  const startedAt = performance.now();
  (job.lp === false || job.repair ? Promise.resolve(undefined) : loadMasterLpFactory())
    .then((lp) => port.postMessage({ type: 'done', outcome: runJob(job, stopFlag, lp, startedAt) } satisfies Message))
    .catch((err: unknown) => port.postMessage({ type: 'error', message: (err as Error).message } satisfies Message));
}
