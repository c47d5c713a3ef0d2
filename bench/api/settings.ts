// Benchmark settings from the environment (documented at the top of run.ts and in README.md),
// the repository paths, and the progress logger.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** This folder, bench/api (load.ts is forked from here). */
export const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');

function numEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number >= ${min}, got "${raw}"`);
  return n;
}

export const settings = {
  seconds: numEnv('BENCH_SECONDS', 10, 0.1),
  warmupSeconds: numEnv('BENCH_WARMUP_SECONDS', 2, 0),
  concurrency: (process.env.BENCH_CONCURRENCY || '1,16,64').split(',').map((s) => {
    const n = Number(s.trim());
    if (!Number.isInteger(n) || n < 1 || n > 1024) throw new Error(`BENCH_CONCURRENCY: bad value "${s}"`);
    return n;
  }),
  maxRequests: numEnv('BENCH_MAX_REQUESTS', 2_000_000),
  extraUsers: numEnv('BENCH_USERS', 200, 0),
  auditEvents: numEnv('BENCH_AUDIT_EVENTS', 20_000, 0),
  auditBatch: 2_000,
  poolSize: numEnv('BENCH_POOL_SIZE', 10),
  scenarios: process.env.BENCH_SCENARIOS ? process.env.BENCH_SCENARIOS.split(',').map((s) => s.trim()) : null,
  outDir: path.resolve(process.env.BENCH_OUT || path.join(repoRoot, 'bench/results')),
};

export const say = (m: string) => process.stderr.write(`[bench:api] ${m}\n`);
