import { permissions } from '@clinicops/contracts';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { openPool } from '../src/db/pool.js';
import { evaluate, loadRoster, rosterContext } from '../src/modules/rostering/service/context.js';
import { currentAssignments } from '../src/modules/rostering/service/rosters.js';
import { systemClock } from '../src/platform/clock.js';
import { systemActor } from '../src/platform/context.js';
import { seedOrganization } from '../src/seed/first-start.js';
import { freshDatabase, testConfig } from './helpers.js';

// The demo nursing home's published roster for the current four weeks, in a database of its own.

describe('demo rostering', () => {
  it('publishes a 4-week roster for Riverside that keeps the credential gate and covers the demand', async () => {
    const fresh = await freshDatabase();
    const database = await openPool(fresh.url, 2);
    try {
      await seedOrganization(testConfig(), database.db, { demo: true });
      const roster = await database.db.selectFrom('rosters').selectAll().executeTakeFirstOrThrow();
      expect(roster.status).toBe('published');
      expect(roster.days).toBe(28);
      const facilities = (await database.db.selectFrom('facilities').select('id').execute()).map((f) => f.id);
      const ctx = {
        db: database.db,
        organizationId: roster.organization_id,
        actor: systemActor('test', facilities, permissions),
        clock: systemClock,
        log: pino({ level: 'silent' }),
        config: testConfig(),
        requestId: 'test',
        ip: null,
      };
      const rc = await rosterContext(ctx, await loadRoster(ctx, roster.id));
      const ev = evaluate(rc, await currentAssignments(ctx, roster.id));
      // Sofia Petrov's RN licence is not verified: she is on the unit's staff but never on the roster
      const sofia = rc.people.find((p) => p.name === 'Sofia Petrov');
      expect(sofia?.unqualifiedReasons(roster.start_date).join()).toMatch(/verif/i);
      const assignments = await currentAssignments(ctx, roster.id);
      expect(assignments.filter((a) => a.staffMemberId === sofia?.id)).toEqual([]);
      // Grace Lin's LPN licence lapses within the four weeks: no shift after that
      const grace = rc.people.find((p) => p.name === 'Grace Lin');
      const lapsed = rc.dates.filter((d) => (grace?.unqualifiedReasons(d).length ?? 0) > 0);
      expect(lapsed.length).toBeGreaterThan(0);
      expect(assignments.filter((a) => a.staffMemberId === grace?.id && lapsed.includes(a.date))).toEqual([]);
      expect(ev.violations.filter((v) => ['not-allowed', 'day-off', 'one-shift-per-day'].includes(v.constraint))).toEqual([]);
      const required = ev.coverage.reduce((a, c) => a + c.required, 0);
      const short = ev.coverage.reduce((a, c) => a + Math.max(0, c.required - c.assigned), 0);
      console.log(
        `demo roster: ${assignments.length} assignments, ${short}/${required} places short, ${ev.violations.length} violations, penalty ${ev.penalty}, overtime ${ev.overtime.totalCents}`,
      );
      expect(short / required).toBeLessThan(0.05);
    } finally {
      await database.close();
      await fresh.drop();
    }
  });
});
