import type { Permission, Role } from '@clinicops/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Transaction } from 'kysely';
import type { Config } from '../config.js';
import type { Db } from '../db/pool.js';
import type { Database } from '../db/schema.js';
import type { Clock } from './clock.js';

export type Actor = {
  userId: string;
  label: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  /** Facilities this actor may see; all of the organization's during emergency access. */
  facilityIds: readonly string[];
  breakGlassId: string | null;
  via: 'session' | 'token' | 'system';
};

/**
 * Passed explicitly as the first argument of every service call. `db` is the pool, or the
 * transaction when inside `inTransaction`, so services and audit write through the same one.
 */
export type Ctx = {
  db: Db | Transaction<Database>;
  organizationId: string;
  actor: Actor | null;
  clock: Clock;
  log: FastifyBaseLogger;
  config: Config;
  requestId: string;
  ip: string | null;
};

export type TxCtx = Ctx & { db: Transaction<Database> };

/** Runs `fn` in one transaction (or the one already open) with the context pointing at it. */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: TxCtx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx as TxCtx);
  return (ctx.db as Db).transaction().execute((trx) => fn({ ...ctx, db: trx }));
}

/** A context for work the system does on its own (seed, jobs, CLI), acting as nobody. */
export function systemActor(label: string, facilityIds: readonly string[], permissions: readonly Permission[]): Actor {
  return {
    userId: '00000000-0000-0000-0000-000000000000',
    label,
    roles: ['manager'],
    permissions: new Set(permissions),
    facilityIds,
    breakGlassId: null,
    via: 'system',
  };
}
