import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPool } from '../src/db/pool.js';
import { EXTRA_STAFF } from '../src/modules/rostering/seed.js';
import { DEMO_USERS } from '../src/seed/demo-organization.js';
import { seedOrganization } from '../src/seed/first-start.js';
import { freshDatabase, testConfig } from './helpers.js';

// The demo organization's staff, in a database of its own: demo emails are unique per installation.

const dateInNewYork = (offsetDays: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(Date.now() + offsetDays * 86_400_000));

describe('demo staff', () => {
  it('seeds the demo organization with staff, credentials and something for the dashboard to say', async () => {
    const fresh = await freshDatabase();
    const database = await openPool(fresh.url, 2);
    try {
      await seedOrganization(testConfig(), database.db, { demo: true });
      const staff = await database.db.selectFrom('staff_members').select(['user_id', 'position', 'shift']).execute();
      // 17 nurses and aides without accounts, and the rostering seed's extra staff to cover the roster
      expect(staff.length).toBe(DEMO_USERS.length + 17 + EXTRA_STAFF.length);
      expect(staff.filter((s) => s.user_id !== null).length).toBe(DEMO_USERS.length);
      const positions = new Set(staff.map((s) => s.position));
      for (const p of ['rn', 'lpn', 'cna', 'nursing_home_administrator', 'social_worker', 'physician'])
        expect(positions).toContain(p);
      for (const shift of ['day', 'evening', 'night'])
        expect(staff.some((s) => s.position === 'rn' && s.shift === shift)).toBe(true);
      const credentials = await database.db.selectFrom('staff_credentials').select(['expires_on', 'verified_at']).execute();
      const today = dateInNewYork(0);
      expect(credentials.filter((c) => c.expires_on !== null && c.expires_on < today)).toHaveLength(1);
      expect(
        credentials.filter((c) => c.expires_on !== null && c.expires_on >= today && c.expires_on <= dateInNewYork(30)).length,
      ).toBeGreaterThanOrEqual(3);
      // Demo documents: both sides of a few patients' cards and a few licence PDFs, files on disk.
      const docs = await database.db
        .selectFrom('documents')
        .select(['organization_id', 'id', 'kind', 'content_type', 'sha256'])
        .execute();
      expect(
        docs.filter((d) => d.kind === 'insurance_card_front' && d.content_type === 'image/png').length,
      ).toBeGreaterThanOrEqual(3);
      expect(docs.filter((d) => d.kind === 'insurance_card_back').length).toBe(
        docs.filter((d) => d.kind === 'insurance_card_front').length,
      );
      expect(docs.filter((d) => d.kind === 'licence' && d.content_type === 'application/pdf').length).toBeGreaterThanOrEqual(3);
      for (const d of docs) {
        const bytes = readFileSync(path.join(testConfig().dataDir, 'documents', d.organization_id, d.id));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(d.sha256);
      }
    } finally {
      await database.close();
      await fresh.drop();
    }
  });
});
