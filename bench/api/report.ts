// The results: a table and the SQL of each probe on stdout, and the same data plus more as JSON in
// the results folder.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Provisioned } from './database.js';
import type { Measurement } from './measure.js';
import type { Probe } from './probe.js';
import type { Scenario } from './scenarios.js';
import type { BenchOrg, BenchUser } from './seed.js';
import { settings } from './settings.js';

export const fmt = (n: number | null, digits = 1) => (n === null || Number.isNaN(n) ? '-' : n.toFixed(digits));

/** CPU milliseconds one request cost, from CPU% and throughput: steadier than req/s on a busy machine. */
const msPerRequest = (pct: number | null, rps: number) => (pct === null || rps <= 0 ? null : (pct * 10) / rps);

/** Everything a report says about one run. */
export type RunInfo = {
  startedAt: Date;
  loadBefore: number[];
  db: Provisioned;
  restrictedRole: boolean;
  pgVersion: string;
  org: BenchOrg;
  /** Active users and audit events as counted in the database. */
  counted: { activeUsers: number; auditEvents: number };
  tokenUser: BenchUser;
  scenarios: Scenario[];
  probes: Map<string, Probe>;
  measurements: Measurement[];
};

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

/** Prints the report and writes the JSON to the results folder. */
export async function report(run: RunInfo): Promise<void> {
  const { startedAt, loadBefore, db, pgVersion, org, counted, tokenUser, scenarios, probes, measurements } = run;
  const cpus = os.cpus();
  const json = {
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
      restrictedRole: run.restrictedRole,
    },
    data: {
      organization: org.id,
      facilities: org.facilityIds.length,
      users: 6 + settings.extraUsers,
      activeUsers: counted.activeUsers,
      auditEvents: counted.auditEvents,
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
    `          ${db.description}; app pool ${settings.poolSize} connections; restricted role ${run.restrictedRole ? 'on' : 'off'}`,
    `data: 1 organization, ${org.facilityIds.length} facilities, ${6 + settings.extraUsers} users (${counted.activeUsers} active), ` +
      `${counted.auditEvents} audit events (hash-chained, via recordAudit)`,
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
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`results: ${path.relative(process.cwd(), file) || file}\n`);
}
