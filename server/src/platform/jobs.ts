import type { FastifyBaseLogger as Logger } from 'fastify';
import PgBoss from 'pg-boss';

export type Jobs = { boss: PgBoss; stop(): Promise<void> };

export type JobDefinition = {
  name: string;
  /** cron in UTC, for recurring jobs */
  cron?: string;
  handler: () => Promise<void>;
};

/**
 * Background jobs live in PostgreSQL (pg-boss), so they need no other server and survive
 * restarts. pg-boss uses its own schema and connects as the owner, not the restricted role.
 */
export async function startJobs(connectionString: string, jobs: readonly JobDefinition[], log: Logger): Promise<Jobs> {
  const boss = new PgBoss({ connectionString, max: 3 });
  boss.on('error', (err) => log.error({ err: { type: err.name } }, 'job queue error'));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.work(job.name, async () => {
      await job.handler();
    });
    if (job.cron) await boss.schedule(job.name, job.cron);
  }
  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
}
