import pino from 'pino';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { type DatabaseHandle, openDatabase } from './db/open.js';
import { openPool } from './db/pool.js';
import { SOLVE_QUEUE, solveJob } from './modules/rostering/index.js';
import { appointmentRemindersJob } from './modules/scheduling/index.js';
import { credentialAlertsJob, exclusionRescreenJob } from './modules/staff/index.js';
import { purgeExpiredSessions } from './platform/auth/queries.js';
import { emailSendJob } from './platform/email/job.js';
import { type JobDefinition, openJobs } from './platform/jobs.js';
import { outboxSmsSender } from './platform/sms/sms.js';
import { seedIfEmpty } from './seed/first-start.js';

const say = (m: string) => process.stdout.write(`${m}\n`);

/** The only place that listens: config -> database -> app -> listen, and a clean stop on signals. */
export async function serve(config: Config): Promise<void> {
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openDatabase(config, (m) => say(`[clinicops] ${m}`));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
  const database = await openPool(handle.url);
  if (!database.restrictedRole)
    say('[clinicops] warning: running without the restricted database role (no CREATEROLE privilege)');
  const firstStart = await seedIfEmpty(config, database.db, say);
  // pg-boss starts in every node, since every node queues (solves); which jobs this node works is
  // CLINICOPS_JOBS. Queues that requests send to exist before the first request.
  const jobs = await openJobs(
    handle.url,
    [SOLVE_QUEUE],
    pino({ level: config.logLevel }),
    config.jobs === 'all' || config.jobs.length > 0,
  );
  const app = await buildApp(config, { db: database.db, jobs: jobs.queue });
  const definitions: JobDefinition[] = [
    {
      name: 'sessions-purge',
      cron: '*/15 * * * *',
      handler: async () => void (await purgeExpiredSessions(database.db, new Date())),
    },
    exclusionRescreenJob({ db: database.db, config, log: app.log }),
    credentialAlertsJob({ db: database.db, config, log: app.log }),
    emailSendJob({ db: database.db, config, log: app.log }),
    appointmentRemindersJob({ db: database.db, config, log: app.log, sms: outboxSmsSender }),
    solveJob({ db: database.db, config, log: app.log }),
  ];
  const unknown = config.jobs === 'all' ? [] : config.jobs.filter((n) => !definitions.some((d) => d.name === n));
  if (unknown.length > 0) {
    process.stderr.write(
      `CLINICOPS_JOBS: unknown job ${unknown.join(', ')} (known: ${definitions.map((d) => d.name).join(', ')})\n`,
    );
    await jobs.stop();
    await database.close();
    await handle.close();
    process.exit(1);
  }
  await jobs.work(definitions.filter((d) => config.jobs === 'all' || config.jobs.includes(d.name)));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`[clinicops] ${signal} received, shutting down`);
    await app.close().catch(() => {});
    await jobs.stop().catch(() => {});
    await database.close().catch(() => {});
    await handle.close().catch(() => {});
    say('[clinicops] stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  const url =
    config.publicUrl ??
    `http://${config.host}:${app.server.address() && typeof app.server.address() === 'object' ? (app.server.address() as { port: number }).port : config.port}`;
  say(`[clinicops] ClinicOps is running at ${url}  (API docs: ${url}/api/docs)`);
  say(`[clinicops] database: ${handle.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'external (DATABASE_URL)'}`);
  if (firstStart) for (const line of firstStart) say(line);
}
