// The measured load: each scenario at each connection count, driven by load.ts in a child process,
// with the CPU of the server, the PostgreSQL backends and the machine sampled over the same window.
import { type ChildProcess, fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { onCleanUp } from './cleanup.js';
import { CpuSampler, type CpuShares, type CpuSnapshot } from './cpu.js';
import { isLocal } from './database.js';
import type { ChildMessage, LoadJob, LoadResult, ParentMessage } from './load.js';
import { fmt } from './report.js';
import type { Scenario } from './scenarios.js';
import { here, say, settings } from './settings.js';

export type Measurement = {
  scenario: string;
  name: string;
  path: string;
  concurrency: number;
  result: LoadResult;
  ratioToBare: number | null;
  cpu: CpuShares & { loadPct: number; otherPct: number | null };
};

function runJob(child: ChildProcess, job: LoadJob, sampler: CpuSampler): Promise<{ result: LoadResult; cpu: CpuShares }> {
  return new Promise((resolve, reject) => {
    let first: Promise<CpuSnapshot> | null = null;
    // In-flight requests time out after 30 s in the load generator; this is the backstop.
    const watchdog = setTimeout(
      () => done(new Error('load generator did not report in time')),
      job.warmupMs + job.durationMs + 60_000,
    );
    const done = (err: Error | null, value?: { result: LoadResult; cpu: CpuShares }) => {
      clearTimeout(watchdog);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else if (value) resolve(value);
    };
    const onMessage = (m: ChildMessage) => {
      if (m.type === 'measuring') {
        first = sampler.snapshot();
      } else if (m.type === 'result') {
        const last = sampler.snapshot();
        Promise.all([first ?? last, last]).then(
          ([a, b]) => done(null, { result: m.result, cpu: sampler.shares(a, b) }),
          (err: Error) => done(err),
        );
      } else {
        done(new Error(`load generator failed: ${m.error}`));
      }
    };
    const onExit = (code: number | null) => done(new Error(`load generator exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ type: 'run', job } satisfies ParentMessage);
  });
}

/** Runs every scenario at every connection count of the settings, in that order (bare first in each). */
export async function measureAll(scenarios: Scenario[], dbUrl: string): Promise<Measurement[]> {
  const child = fork(path.join(here, 'load.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  onCleanUp('stop load generator', async () => {
    if (child.exitCode === null && child.connected) child.send({ type: 'exit' } satisfies ParentMessage);
  });

  // A connection of its own to find the backends serving the app's pool (only when they run here).
  let monitor: pg.Client | null = null;
  if (isLocal(dbUrl)) {
    const client = new pg.Client({ connectionString: dbUrl });
    client.on('error', () => {});
    await client.connect();
    monitor = client;
    onCleanUp('close monitor connection', () => client.end());
  }
  const sampler = new CpuSampler(monitor, os.cpus().length);

  const measurements: Measurement[] = [];
  const perScenarioSeconds = settings.seconds + settings.warmupSeconds;
  say(
    `running ${scenarios.length} scenarios x ${settings.concurrency.length} concurrencies, ` +
      `${settings.warmupSeconds} s warm-up + ${settings.seconds} s each (~${Math.ceil((scenarios.length * settings.concurrency.length * perScenarioSeconds) / 60)} min)`,
  );
  for (const concurrency of settings.concurrency) {
    let bareRps: number | null = null;
    for (const s of scenarios) {
      const job: LoadJob = {
        url: s.url,
        headers: s.headers,
        concurrency,
        warmupMs: settings.warmupSeconds * 1000,
        durationMs: settings.seconds * 1000,
        maxRequests: settings.maxRequests,
      };
      const { result, cpu } = await runJob(child, job, sampler);
      const loadPct = (result.clientCpuMs / result.elapsedMs) * 100;
      if (s.key === 'bare') bareRps = result.rps;
      const m: Measurement = {
        scenario: s.key,
        name: s.name,
        path: new URL(s.url).pathname + new URL(s.url).search,
        concurrency,
        result,
        ratioToBare: bareRps && s.key !== 'bare' ? result.rps / bareRps : s.key === 'bare' ? 1 : null,
        cpu: {
          ...cpu,
          loadPct,
          otherPct: cpu.machinePct === null ? null : Math.max(0, cpu.machinePct - cpu.appPct - (cpu.postgresPct ?? 0) - loadPct),
        },
      };
      measurements.push(m);
      say(
        `${s.name.padEnd(34)} c=${String(concurrency).padStart(3)}  ${fmt(result.rps, 0).padStart(7)} req/s  ` +
          `p50 ${fmt(result.p50Ms, 2)} ms  p99 ${fmt(result.p99Ms, 2)} ms  errors ${result.errors}` +
          (result.firstError ? ` (first: ${result.firstError})` : ''),
      );
    }
  }
  return measurements;
}
