import { describe, expect, it } from 'vitest';
import { openPool } from '../src/db/pool.js';
import { seedOrganization } from '../src/seed/first-start.js';
import { freshDatabase, testConfig } from './helpers.js';

// The demo visits: common primary care codes, well formed, each finished visit with a provider.

describe('demo encounters', () => {
  it('seeds coded visits over the recent months and some still to come', async () => {
    const fresh = await freshDatabase();
    const database = await openPool(fresh.url, 2);
    try {
      await seedOrganization(testConfig(), database.db, { demo: true });
      const db = database.db;
      const encounters = await db.selectFrom('encounters').select(['id', 'status', 'provider_id', 'starts_at']).execute();
      expect(encounters.length).toBeGreaterThan(300);
      const statuses = new Set(encounters.map((e) => e.status));
      for (const s of ['finished', 'planned']) expect(statuses).toContain(s);
      expect(encounters.filter((e) => e.status === 'finished' && e.provider_id === null)).toEqual([]);
      expect(encounters.some((e) => e.starts_at.getTime() > Date.now())).toBe(true);
      const dx = new Set((await db.selectFrom('encounter_diagnoses').select('code').execute()).map((d) => d.code));
      for (const code of ['Z0000', 'I10', 'E119', 'J069', 'E785', 'M5450', 'Z23']) expect(dx).toContain(code);
      const px = await db.selectFrom('encounter_procedures').select(['code', 'diagnosis_pointers']).execute();
      for (const code of ['99213', '99214', '36415', '80053', '83036', '90471', '90656', 'G0008', '90662', 'G0439'])
        expect(px.map((p) => p.code)).toContain(code);
      expect(px.every((p) => p.diagnosis_pointers.length >= 1)).toBe(true);
    } finally {
      await database.close();
      await fresh.drop();
    }
  });
});
