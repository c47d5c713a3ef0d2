// API benchmark: authenticated request throughput and latency of the real app (buildApp, real
// PostgreSQL, real auth) against a bare Fastify route served by the same process as the ceiling.
//
//   npx tsx bench/api/run.ts
//
// Environment (all optional):
//   DATABASE_URL           PostgreSQL server to use; a fresh database clinicops_bench_<timestamp> is
//                          created on it, migrated, and dropped at the end. Unset: embedded PostgreSQL
//                          in a temporary folder, removed at the end.
//   BENCH_SECONDS          measured seconds per scenario and concurrency (default 10)
//   BENCH_WARMUP_SECONDS   warm-up seconds before each measurement (default 2)
//   BENCH_CONCURRENCY      comma-separated connection counts (default 1,16,64)
//   BENCH_MAX_REQUESTS     cap on measured requests per scenario (default 2000000)
//   BENCH_USERS            extra users besides one per role (default 200)
//   BENCH_AUDIT_EVENTS     audit events written through recordAudit (default 20000)
//   BENCH_POOL_SIZE        database pool size of the app (default 10, as the server uses)
//   BENCH_SCENARIOS        comma-separated subset of: bare,health,me,me-session,users,audit
//   BENCH_OUT              results folder (default bench/results)
//
// The parts: settings.ts (environment), cleanup.ts (clean-up on exit and Ctrl-C), database.ts
// (embedded or DATABASE_URL database), seed.ts (data), scenarios.ts (credentials and requests),
// probe.ts (SQL count and EXPLAIN per request), measure.ts with load.ts and cpu.ts (the load and
// its CPU), report.ts (table and JSON).
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp, VERSION } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { migrate } from '../../server/src/db/migrate.js';
import { type OpenedDatabase, openPool } from '../../server/src/db/pool.js';
import { cleanUp, onCleanUp, wasInterrupted } from './cleanup.js';
import { provisionDatabase, vacuumAnalyze } from './database.js';
import { measureAll } from './measure.js';
import { probeAll } from './probe.js';
import { report } from './report.js';
import { credentials, expectedCounts, scenarios as selectScenarios } from './scenarios.js';
import { seedOrganization } from './seed.js';
import { repoRoot, say, settings } from './settings.js';

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${addr.port}`;
}

async function main() {
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const db = await provisionDatabase();
  say('migrating');
  await migrate(db.url);
  const database: OpenedDatabase = await openPool(db.url, settings.poolSize);
  onCleanUp('close pool', () => database.close());
  const versionRow = await sql<{ version: string; server_version: string }>`
    SELECT version() AS version, current_setting('server_version') AS server_version`.execute(database.db);
  const pgVersion = versionRow.rows[0]?.version ?? 'unknown';

  const config = loadConfig(
    {
      LOG_LEVEL: 'silent',
      CLINICOPS_JOBS: 'false',
      CLINICOPS_DEMO: 'false',
      // The schema caps this at 10 000 a minute; sign-in happens once here anyway.
      CLINICOPS_LOGIN_RATE_PER_MINUTE: '10000',
    },
    repoRoot,
  );
  const app = await buildApp(config, { db: database.db });
  onCleanUp('close app', () => app.close());

  say(`seeding: organization, ${settings.extraUsers} extra users, ${settings.auditEvents} audit events`);
  const org = await seedOrganization(database.db, {
    extraUsers: settings.extraUsers,
    auditEvents: settings.auditEvents,
    auditBatch: settings.auditBatch,
    config,
    log: app.log,
  });
  say(
    `seeded in ${(org.timings.usersMs / 1000).toFixed(1)} s (users) + ${(org.timings.auditMs / 1000).toFixed(1)} s (audit, ` +
      `${Math.round(org.auditEvents / (org.timings.auditMs / 1000))} events/s through recordAudit)`,
  );
  await vacuumAnalyze(db.url);

  const appUrl = await listen(app);
  const bare = Fastify();
  bare.get('/bare', async () => ({ status: 'ok', version: VERSION }));
  const bareUrl = await listen(bare);
  onCleanUp('close bare server', () => bare.close());

  const creds = await credentials({ db: database.db, config, log: app.log }, org, appUrl);
  const counted = await expectedCounts(database.db, org.id);
  const scenarios = selectScenarios({ app: appUrl, bare: bareUrl }, creds, counted, settings.scenarios);

  const probes = await probeAll(scenarios, db.url);
  const measurements = await measureAll(scenarios, db.url);

  await report({
    startedAt,
    loadBefore,
    db,
    restrictedRole: database.restrictedRole,
    pgVersion,
    org,
    counted,
    tokenUser: creds.tokenUser,
    scenarios,
    probes,
    measurements,
  });
}

main()
  .then(
    () => cleanUp(),
    async (err: unknown) => {
      if (!wasInterrupted()) process.stderr.write(`[bench:api] failed: ${(err as Error)?.stack ?? err}\n`);
      await cleanUp();
      process.exitCode = 1;
    },
  )
  .finally(() => {
    // Anything still holding the loop (a socket in the bare server's keep-alive) should not keep us here.
    setTimeout(() => process.exit(), 500).unref();
  });
