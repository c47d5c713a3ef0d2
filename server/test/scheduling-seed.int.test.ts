import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openPool } from '../src/db/pool.js';
import { seedOrganization } from '../src/seed/first-start.js';
import { freshDatabase, testConfig } from './helpers.js';

// The demo schedule of Maple Street Family Practice, in a database of its own.

describe('demo schedule', () => {
  it('seeds rooms, five providers with hours, types and weeks of appointments past and future', async () => {
    const fresh = await freshDatabase();
    const database = await openPool(fresh.url, 2);
    try {
      await seedOrganization(testConfig(), database.db, { demo: true });
      const db = database.db;
      const resources = await db.selectFrom('sched_resources').select(['kind', 'name']).execute();
      expect(resources.filter((r) => r.kind === 'provider')).toHaveLength(5);
      expect(resources.filter((r) => r.kind === 'room').map((r) => r.name)).toContain('Procedure room');
      expect((await db.selectFrom('availability_templates').select('id').execute()).length).toBeGreaterThanOrEqual(10);
      const byStatus = await db
        .selectFrom('appointments')
        .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('status')
        .execute();
      const n = (s: string) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
      expect(n('checked_out')).toBeGreaterThan(300);
      expect(n('booked')).toBeGreaterThan(200);
      expect(n('no_show')).toBeGreaterThan(10);
      expect(n('cancelled')).toBeGreaterThan(10);
      // no resource double-booked (the constraint holds; this checks the seed did not overbook)
      const { rows } = await sql<{ n: string }>`
        SELECT count(*) AS n FROM appointment_bookings a JOIN appointment_bookings b
          ON a.resource_id = b.resource_id AND a.appointment_id < b.appointment_id AND a.during && b.during
         WHERE a.active AND b.active`.execute(db);
      expect(Number(rows[0]?.n)).toBe(0);
    } finally {
      await database.close();
      await fresh.drop();
    }
  });
});
