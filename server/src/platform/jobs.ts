import type { FastifyBaseLogger as Logger } from 'fastify';
import { CompiledQuery, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import { APP_ROLE } from '../db/grants.js';
import type { Db } from '../db/pool.js';
import type { Database } from '../db/schema.js';

export type JobDefinition = {
  name: string;
  /** cron in UTC, for recurring jobs */
  cron?: string;
  /** How many of these jobs this process works at once (default 1). */
  concurrency?: number;
  /** Runs once before this process starts working the queue (recovery of what a dead process left). */
  onStart?: () => Promise<void>;
  /** `job`: the queued job being worked (absent when a test calls a recurring job's handler). */
  handler: (job?: { id: string; data: unknown }) => Promise<void>;
};

export type SendOptions = { id?: string; expireInSeconds?: number; retryLimit?: number };

/** Enqueues jobs; what a service needs, without the worker side. */
export type JobQueue = {
  /**
   * Enqueues `name` through `db`, the caller's transaction: the job exists exactly when the
   * transaction commits, so a row and the job that processes it never exist one without the other.
   */
  send(db: Db | Transaction<Database>, name: string, data: object, options?: SendOptions): Promise<void>;
  /** Wakes this process's workers of `name` now instead of at their next poll (call after commit). */
  wake(name: string): void;
};

export type Jobs = {
  boss: PgBoss;
  queue: JobQueue;
  /** Works `definitions` in this process: their recovery hooks, workers and cron schedules. */
  work(definitions: readonly JobDefinition[]): Promise<void>;
  stop(): Promise<void>;
};

const SCHEMA = 'pgboss';

/**
 * Background jobs live in PostgreSQL (pg-boss), so they need no other server and survive
 * restarts. pg-boss uses its own schema and connects as the owner, not the restricted role; the
 * restricted role may only add jobs (see grantSend), so that services enqueue in their own
 * transactions. `queues` are created here so that a node that only sends (CLINICOPS_JOBS=0) can.
 */
export async function openJobs(connectionString: string, queues: readonly string[], log: Logger, work: boolean): Promise<Jobs> {
  // A node that works no job runs neither pg-boss's maintenance nor its cron clock.
  const boss = new PgBoss({ connectionString, schema: SCHEMA, max: 3, supervise: work, schedule: work });
  boss.on('error', (err) => log.error({ err: { type: err.name } }, 'job queue error'));
  await boss.start();
  for (const name of queues) await boss.createQueue(name);
  await grantSend(boss);
  const workers = new Map<string, string[]>();
  const queue: JobQueue = {
    async send(db, name, data, options = {}) {
      const viaTransaction = {
        executeSql: async (text: string, values: unknown[]) => {
          const r = await db.executeQuery(CompiledQuery.raw(text, values));
          return { rows: r.rows as unknown[] };
        },
      };
      await boss.send(name, data, { ...options, db: viaTransaction });
    },
    wake(name) {
      for (const id of workers.get(name) ?? []) boss.notifyWorker(id);
    },
  };
  return {
    boss,
    queue,
    async work(definitions) {
      for (const job of definitions) {
        await boss.createQueue(job.name);
        await job.onStart?.();
        const ids: string[] = [];
        // pg-boss runs one fetched batch at a time per worker: several workers give concurrency.
        for (let i = 0; i < (job.concurrency ?? 1); i++) {
          ids.push(
            await boss.work(job.name, async ([fetched]) => {
              if (fetched) await job.handler({ id: fetched.id, data: fetched.data });
            }),
          );
        }
        workers.set(job.name, ids);
        if (job.cron) await boss.schedule(job.name, job.cron);
      }
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
}

/** Opens the queue and works every definition: a process that does all of its jobs. */
export async function startJobs(connectionString: string, definitions: readonly JobDefinition[], log: Logger): Promise<Jobs> {
  const jobs = await openJobs(connectionString, [], log, true);
  await jobs.work(definitions);
  return jobs;
}

/**
 * What the restricted role needs to run pg-boss's insert inside an application transaction:
 * read the queue table and add rows to the job table (returning their id), nothing else. Under an
 * advisory lock because concurrent GRANTs on one object fail ("tuple concurrently updated") when
 * nodes start together.
 */
async function grantSend(boss: PgBoss) {
  await boss.getDb().executeSql(
    `DO $$ BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('clinicops:pgboss-grants'));
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        GRANT USAGE ON SCHEMA ${SCHEMA} TO ${APP_ROLE};
        GRANT SELECT ON ${SCHEMA}.queue TO ${APP_ROLE};
        GRANT INSERT, SELECT (id) ON ${SCHEMA}.job TO ${APP_ROLE};
      END IF;
    END $$`,
    [],
  );
}
