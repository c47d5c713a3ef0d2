import type { Config } from '../../config.js';
import { systemClock } from '../../platform/clock.js';
import { type Ctx, systemActor } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/jobs.js';
import type { SmsSender } from '../../platform/sms/sms.js';
import { sendDueReminders } from './reminder-service.js';

type Deps = { db: Ctx['db']; config: Config; log: Ctx['log']; sms: SmsSender };

/**
 * Appointment reminders, every five minutes: a reminder is due from its offset before the start,
 * so it goes out at most five minutes late. A run that repeats (a retry, two workers) queues
 * nothing twice: the outboxes keep one message per appointment, start and offset.
 */
export function appointmentRemindersJob(deps: Deps): JobDefinition {
  return {
    name: 'appointment-reminders',
    cron: '*/5 * * * *',
    handler: async () => {
      const orgs = await deps.db.selectFrom('organizations').select('id').execute();
      let failed = 0;
      for (const org of orgs) {
        const facilities = await deps.db.selectFrom('facilities').select('id').where('organization_id', '=', org.id).execute();
        const ctx: Ctx = {
          db: deps.db,
          organizationId: org.id,
          actor: systemActor(
            'appointment reminders',
            facilities.map((f) => f.id),
            ['appointments:read', 'appointments:write'],
          ),
          clock: systemClock,
          log: deps.log,
          config: deps.config,
          requestId: `job-appointment-reminders-${Date.now()}`,
          ip: null,
        };
        try {
          const run = await sendDueReminders(ctx, deps.sms);
          if (run.emails + run.sms > 0) deps.log.info({ organizationId: org.id, ...run }, 'appointment reminders queued');
        } catch (err) {
          failed++;
          deps.log.error({ organizationId: org.id, err: { type: (err as Error).name } }, 'appointment reminders failed');
        }
      }
      if (failed > 0) throw new Error(`appointment reminders failed for ${failed} organization(s)`);
    },
  };
}
