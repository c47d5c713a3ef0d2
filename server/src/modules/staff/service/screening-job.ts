import type { Config } from '../../../config.js';
import { systemClock } from '../../../platform/clock.js';
import { type Ctx, systemActor } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import { runScreening } from './screening.js';

type Deps = { db: Ctx['db']; config: Config; log: Ctx['log'] };

/**
 * The monthly re-screen (rules.md 3.1: OIG updates the LEIE by the 10th and recommends screening
 * monthly). Runs on the 11th against the list last imported; importing the new full file is a
 * separate step (`clinicops import leie FILE`), and a list older than 40 days is logged as stale.
 */
export function exclusionRescreenJob(deps: Deps): JobDefinition {
  return {
    name: 'staff-exclusion-rescreen',
    cron: '0 6 11 * *',
    handler: async () => {
      const latest = await deps.db
        .selectFrom('leie_imports')
        .select('imported_at')
        .where('rows', '>', 0)
        .orderBy('imported_at', 'desc')
        .executeTakeFirst();
      if (!latest) {
        deps.log.warn('exclusion re-screen skipped: no LEIE file imported yet');
        return;
      }
      if (systemClock.now().getTime() - latest.imported_at.getTime() > 40 * 86_400_000) {
        deps.log.warn({ importedAt: latest.imported_at }, 'exclusion re-screen uses an LEIE list older than 40 days');
      }
      const orgs = await deps.db.selectFrom('organizations').select('id').execute();
      let failed = 0;
      for (const org of orgs) {
        const facilities = await deps.db.selectFrom('facilities').select('id').where('organization_id', '=', org.id).execute();
        const ctx: Ctx = {
          db: deps.db,
          organizationId: org.id,
          actor: systemActor(
            'monthly exclusion screening',
            facilities.map((f) => f.id),
            ['staff:read', 'staff:write'],
          ),
          clock: systemClock,
          log: deps.log,
          config: deps.config,
          requestId: `job-exclusion-rescreen-${Date.now()}`,
          ip: null,
        };
        // One organization's failure must not leave the others unscreened this month.
        try {
          const run = await runScreening(ctx, {});
          deps.log.info(
            { organizationId: org.id, screened: run.screened, possibleMatches: run.possibleMatches },
            'exclusion re-screen done',
          );
        } catch (err) {
          failed++;
          deps.log.error({ organizationId: org.id, err: { type: (err as Error).name } }, 'exclusion re-screen failed');
        }
      }
      // pg-boss retries a failed job; the organizations screened already get a second search, which is harmless.
      if (failed > 0) throw new Error(`exclusion re-screen failed for ${failed} organization(s)`);
    },
  };
}
