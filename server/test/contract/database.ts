// A digest of the database, to show that a refused request wrote nothing.
import { sql } from 'kysely';
import type { Db } from '../../src/db/pool.js';

// Expected writes: the audit trail records denials and failed attempts; sessions move on sign-in
// and on use. The LEIE exclusion list is installation-wide (no organization_id) and leie.int.test
// replaces it while this file runs, which showed up here as a change made by a refused request;
// who may import it is tested in leie.int.test.
const EXCLUDED = ['audit_events', 'audit_chain_heads', 'sessions', 'leie_exclusions', 'leie_imports'];

export type Digest = Record<string, string>;

/**
 * Returns a function that digests every table of schema `public` (but the excluded ones). Other
 * test files write to the same database at the same time, so tables with an `organization_id`
 * (every tenant table) are digested over the given organizations' rows only; tables without
 * one are digested whole.
 */
export async function databaseDigester(db: Db, organizationIds: readonly string[]): Promise<() => Promise<Digest>> {
  const { rows } = await sql<{ table_name: string; scoped: boolean }>`
    SELECT t.table_name,
           EXISTS (SELECT 1 FROM information_schema.columns c
                    WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'organization_id') AS scoped
      FROM information_schema.tables t
     WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
     ORDER BY t.table_name`.execute(db);
  const tables = rows.filter((r) => !EXCLUDED.includes(r.table_name));
  if (tables.length === 0) throw new Error('no tables to digest');
  const orgs = sql.join(organizationIds.map((id) => sql`${id}::uuid`));
  const parts = tables.map(({ table_name: name, scoped }) => {
    const where = scoped
      ? sql`WHERE t.organization_id IN (${orgs})`
      : name === 'organizations'
        ? sql`WHERE t.id IN (${orgs})`
        : sql``;
    return sql`SELECT ${name}::text AS name,
                      coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') AS digest
                 FROM ${sql.table(name)} t ${where}`;
  });
  const query = sql<{ name: string; digest: string }>`${sql.join(parts, sql` UNION ALL `)}`;
  return async () => {
    const result = await query.execute(db);
    return Object.fromEntries(result.rows.map((r) => [r.name, r.digest]));
  };
}

/** The tables whose digest differs. */
export function changedTables(before: Digest, after: Digest): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).sort();
}
