// One untimed request per scenario before the load: checks the answer, records every SQL statement
// the request sent, and runs each SELECT again under EXPLAIN ANALYZE with the same parameters.
import pg from 'pg';
import type { Scenario } from './scenarios.js';

// Counting the SQL statements one request sends: every query of the app goes through pg.Client.
// The wrapper is installed only around the probe request, never during measurement.
export type Recorded = { text: string; values: unknown[] };
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

export type Explained = { sql: string; planningMs: number; executionMs: number; rows: number; topNode: string };
export type Probe = { status: number; bytes: number; queries: Recorded[]; explained: Explained[] };

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

/** Probes every scenario in turn; EXPLAIN runs on a connection of its own to `dbUrl`. */
export async function probeAll(scenarios: Scenario[], dbUrl: string): Promise<Map<string, Probe>> {
  const probes = new Map<string, Probe>();
  const explainer = new pg.Client({ connectionString: dbUrl });
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
  return probes;
}
