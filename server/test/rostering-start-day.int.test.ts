// Rosters that start on any day of the week, on real PostgreSQL: one from a Sunday is created
// (migration 0020 dropped the Monday rule), and its weekends are the calendar's, each belonging to
// the roster that holds its Saturday (domain/model.ts weekendOf), as the evaluator reports them.
import { generateSecret } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCredentialCatalogue, seedQualifiedStaff } from '../src/modules/staff/index.js';
import { addDays, mondayOf } from '../src/shared/calendar.js';
import { as, createTestOrg, type Session, signIn, systemCtx, type TestOrg, testApp } from './helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
let org: TestOrg;
let manager: Session;
const secret = generateSecret();
const today = new Date().toISOString().slice(0, 10);
// a Sunday well ahead, so nothing else in the shared test database is near it
const sunday = addDays(mondayOf(today), 12 * 7 - 1);
let rita = '';

beforeAll(async () => {
  t = await testApp();
  org = await createTestOrg(t.db, { mfaSecret: secret });
  manager = await signIn(t.app, org.users.manager.email, secret);
  const ctx = systemCtx(t.db, org.id, [org.facilities.a, org.facilities.b]);
  await seedCredentialCatalogue(ctx);
  // facility A is in Ohio, where the catalogue's licences are held
  [rita = ''] = await seedQualifiedStaff(
    ctx,
    org.facilities.a,
    [
      {
        first: 'Rita',
        last: 'Start',
        position: 'rn',
        employmentType: 'full_time',
        shift: 'day',
        hourlyCents: 3000,
        expiresInDays: 400,
      },
    ],
    today,
  );
});

afterAll(async () => {
  await t.app.close();
});

const api = async (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: as(manager), ...(payload !== undefined ? { payload: payload as object } : {}) });

describe('a roster from a Sunday', () => {
  it('is created, and its weekends are Saturday and Sunday, each counted by the roster holding its Saturday', async () => {
    const unit = await api('POST', '/api/rostering/units', { facilityId: org.facilities.a, name: 'Start-day unit' });
    expect(unit.statusCode, unit.body).toBe(201);
    const unitId = unit.json().id as string;
    const d = await api('POST', '/api/rostering/shift-types', {
      unitId,
      code: 'D',
      name: 'Day',
      startTime: '07:00',
      minutes: 480,
      positions: ['rn'],
    });
    expect(d.statusCode, d.body).toBe(201);
    const created = await api('POST', '/api/rosters', { unitId, startDate: sunday, days: 14 });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().startDate).toBe(sunday);
    const id = created.json().id as string;

    // a full-time contract allows 2 weekends in 4 weeks, so 1 in these 2. The first Sunday's
    // weekend is the roster before's, the last Saturday's this one's: those two days are one
    // weekend here, and the first and the last Saturday are two.
    const weekends = async (...days: number[]) => {
      const assignments = days.map((n) => ({ staffMemberId: rita, date: addDays(sunday, n), shiftTypeId: d.json().id }));
      const ev = await api('POST', `/api/rosters/${id}/evaluate`, { assignments });
      expect(ev.statusCode, ev.body).toBe(200);
      return (ev.json().violations as { constraint: string; staffMemberId: string; dates: string[] }[]).filter(
        (v) => v.constraint === 'max-weekends' && v.staffMemberId === rita,
      );
    };
    expect((await weekends(6, 13)).map((v) => v.dates)).toEqual([[addDays(sunday, 6), addDays(sunday, 13)]]);
    expect(await weekends(0, 13)).toEqual([]);
    expect(await weekends(6, 7)).toEqual([]);
  });
});
