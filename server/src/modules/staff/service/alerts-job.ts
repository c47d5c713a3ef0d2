import type { Config } from '../../../config.js';
import { systemClock } from '../../../platform/clock.js';
import { type Ctx, systemActor } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import { sendCredentialAlerts } from './alerts.js';

type Deps = { db: Ctx['db']; config: Config; log: Ctx['log'] };

/**
 * The daily credential alerts, at 11:00 UTC (early morning in US zones, before the manager's
 * day). A run that repeats (a retry, two workers) mails nothing twice: the outbox keeps one
 * message per alert key, and one digest per manager and day.
 */
export function credentialAlertsJob(deps: Deps): JobDefinition {
  return {
    name: 'staff-credential-alerts',
    cron: '0 11 * * *',
    handler: async () => {
      const orgs = await deps.db.selectFrom('organizations').select('id').execute();
      let failed = 0;
      for (const org of orgs) {
        const facilities = await deps.db.selectFrom('facilities').select('id').where('organization_id', '=', org.id).execute();
        const ctx: Ctx = {
          db: deps.db,
          organizationId: org.id,
          actor: systemActor(
            'daily credential alerts',
            facilities.map((f) => f.id),
            ['staff:read', 'staff:write'],
          ),
          clock: systemClock,
          log: deps.log,
          config: deps.config,
          requestId: `job-credential-alerts-${Date.now()}`,
          ip: null,
        };
        try {
          const run = await sendCredentialAlerts(ctx);
          deps.log.info({ organizationId: org.id, ...run }, 'credential alerts done');
        } catch (err) {
          failed++;
          deps.log.error({ organizationId: org.id, err: { type: (err as Error).name } }, 'credential alerts failed');
        }
      }
      if (failed > 0) throw new Error(`credential alerts failed for ${failed} organization(s)`);
    },
  };
}
