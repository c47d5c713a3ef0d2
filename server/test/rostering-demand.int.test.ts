// A date exception of the coverage demand (a holiday, an inspection day) can be removed: the date
// is then required its weekday's figure again, in the roster's coverage rows as in the list. Only
// exceptions are removed, by a manager, and the removal is audited like the other setup changes.
import { generateSecret } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoster } from '../src/modules/rostering/service/rosters.js';
import { createShiftType, createUnit } from '../src/modules/rostering/service/setup.js';
import { addDays, mondayOf } from '../src/shared/calendar.js';
import { as, createTestOrg, type Session, signIn, systemCtx, type TestOrg, testApp } from './helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
let org: TestOrg;
let manager: Session;
let clinician: Session;
const secret = generateSecret();
const monday = mondayOf(new Date().toISOString().slice(0, 10));
const wednesday = addDays(monday, 2);
let unitId = '';
let shiftId = '';
let rosterId = '';

beforeAll(async () => {
  t = await testApp();
  org = await createTestOrg(t.db, { mfaSecret: secret });
  manager = await signIn(t.app, org.users.manager.email, secret);
  clinician = await signIn(t.app, org.users.clinician.email, secret);
  const ctx = systemCtx(t.db, org.id, [org.facilities.a]);
  unitId = (await createUnit(ctx, { facilityId: org.facilities.a, name: 'Demand unit' })).id;
  shiftId = (await createShiftType(ctx, { unitId, code: 'D', name: 'Day', startTime: '07:00', minutes: 480, positions: ['rn'] }))
    .id;
  rosterId = (await createRoster(ctx, { unitId, startDate: monday, days: 7 })).id;
});

afterAll(async () => {
  await t.app.close();
});

const api = (s: Session, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: as(s), ...(payload ? { payload } : {}) });

/** What the roster requires of RNs on the day shift on `date`. */
async function requiredOn(date: string): Promise<number | undefined> {
  const r = await api(manager, 'GET', `/api/rosters/${rosterId}`);
  expect(r.statusCode, r.body).toBe(200);
  return r
    .json()
    .evaluation.coverage.find((c: { date: string; shiftTypeId: string }) => c.date === date && c.shiftTypeId === shiftId)
    ?.required;
}

describe('removing a date exception of the demand', () => {
  it('sends the date back to its weekday’s figure, audited; weekday figures are not removed', async () => {
    const weekly = await api(manager, 'PUT', '/api/rostering/demand', {
      shiftTypeId: shiftId,
      position: 'rn',
      weekday: 2,
      required: 2,
    });
    expect(weekly.statusCode, weekly.body).toBe(200);
    const exception = await api(manager, 'PUT', '/api/rostering/demand', {
      shiftTypeId: shiftId,
      position: 'rn',
      onDate: wednesday,
      required: 4,
    });
    expect(exception.statusCode, exception.body).toBe(200);
    expect(await requiredOn(wednesday)).toBe(4);

    // only a manager removes it
    expect((await api(clinician, 'DELETE', `/api/rostering/demand/${exception.json().id}`)).statusCode).toBe(403);
    const removed = await api(manager, 'DELETE', `/api/rostering/demand/${exception.json().id}`);
    expect(removed.statusCode, removed.body).toBe(204);
    expect(await requiredOn(wednesday)).toBe(2);
    const list = (await api(manager, 'GET', `/api/rostering/demand?unitId=${unitId}`)).json();
    expect(list.map((d: { weekday: number | null; onDate: string | null }) => [d.weekday, d.onDate])).toEqual([[2, null]]);

    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('entity_id', '=', exception.json().id)
      .where('action', '=', 'rostering.demand.remove')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ onDate: wednesday, required: 4 });

    // gone is gone; the weekday figure is the pattern, set to 0 rather than removed
    expect((await api(manager, 'DELETE', `/api/rostering/demand/${exception.json().id}`)).statusCode).toBe(404);
    const refused = await api(manager, 'DELETE', `/api/rostering/demand/${weekly.json().id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/set it to 0/);
    expect(await requiredOn(wednesday)).toBe(2);
  });
});
