// The facility's FLSA workweek (29 CFR 778.105) on real PostgreSQL: the setting's API (default
// Monday 00:00, validation naming the field, the manager's alone, audited), and the roster's
// overtime projection and dashboard card counting hours in it, with the hours of a published
// roster before it in its first workweek; the solver's overtime penalty agrees with it throughout.
import { generateSecret } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overtimeWeightPerMinute } from '../src/modules/rostering/domain/soft-terms.js';
import { seedCredentialCatalogue, seedQualifiedStaff } from '../src/modules/staff/index.js';
import { addDays, mondayOf } from '../src/shared/calendar.js';
import { as, createTestOrg, type Session, signIn, systemCtx, type TestOrg, testApp } from './helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
let org: TestOrg;
let foreign: TestOrg;
let manager: Session;
let clinician: Session;
let staffSession: Session;
const secret = generateSecret();
const today = new Date().toISOString().slice(0, 10);
const start = mondayOf(today);
let rn = '';

beforeAll(async () => {
  t = await testApp();
  org = await createTestOrg(t.db, { mfaSecret: secret });
  foreign = await createTestOrg(t.db, { mfaSecret: secret });
  manager = await signIn(t.app, org.users.manager.email, secret);
  clinician = await signIn(t.app, org.users.clinician.email, secret);
  staffSession = await signIn(t.app, org.users.staff.email, secret);
  const ctx = systemCtx(t.db, org.id, [org.facilities.a, org.facilities.b]);
  await seedCredentialCatalogue(ctx);
  // facility A is in Ohio, where the catalogue's licences are held; $30 an hour, not exempt
  [rn = ''] = await seedQualifiedStaff(
    ctx,
    org.facilities.a,
    [
      {
        first: 'Wanda',
        last: 'Week',
        position: 'rn',
        employmentType: 'full_time',
        shift: 'day',
        hourlyCents: 3000,
        expiresInDays: 400,
      },
    ],
    addDays(start, -14),
  );
});

afterAll(async () => {
  await t.app.close();
});

const api = async (s: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: as(s), ...(payload !== undefined ? { payload: payload as object } : {}) });
const workweekUrl = (facilityId: string) => `/api/facilities/${facilityId}/workweek`;

describe('the workweek setting', () => {
  it('is Monday 00:00 until changed, and anyone who sees the facility may read it', async () => {
    for (const s of [manager, staffSession]) {
      const r = await api(s, 'GET', workweekUrl(org.facilities.a));
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toEqual({ facilityId: org.facilities.a, startDay: 'monday', startHour: 0 });
    }
  });

  it('refuses an unknown day or an hour past 23, naming the field, and changes nothing', async () => {
    const day = await api(manager, 'PUT', workweekUrl(org.facilities.a), { startDay: 'funday', startHour: 0 });
    expect(day.statusCode, day.body).toBe(400);
    expect(day.json().errors.map((e: { field: string }) => e.field)).toEqual(['startDay']);
    // a number is not a day: 0 would be Sunday to some and Monday to others
    const number = await api(manager, 'PUT', workweekUrl(org.facilities.a), { startDay: 6 });
    expect(number.statusCode, number.body).toBe(400);
    expect(number.json().errors[0].field).toBe('startDay');
    const hour = await api(manager, 'PUT', workweekUrl(org.facilities.a), { startDay: 'sunday', startHour: 24 });
    expect(hour.statusCode, hour.body).toBe(400);
    expect(hour.json().errors[0].field).toBe('startHour');
    expect((await api(manager, 'GET', workweekUrl(org.facilities.a))).json().startDay).toBe('monday');
  });

  it('is the manager’s to change: a clinician and a staff member are refused', async () => {
    for (const s of [clinician, staffSession]) {
      const r = await api(s, 'PUT', workweekUrl(org.facilities.a), { startDay: 'sunday' });
      expect(r.statusCode, r.body).toBe(403);
      expect(r.json().detail).toContain('facilities:write');
    }
    expect((await api(manager, 'GET', workweekUrl(org.facilities.a))).json().startDay).toBe('monday');
  });

  it('does not reach another organization’s facility', async () => {
    const r = await api(manager, 'PUT', workweekUrl(foreign.facilities.a), { startDay: 'sunday' });
    expect(r.statusCode, r.body).toBe(404);
    const row = await t.db
      .selectFrom('facilities')
      .select('workweek_start_day')
      .where('id', '=', foreign.facilities.a)
      .executeTakeFirstOrThrow();
    expect(row.workweek_start_day).toBe(0);
  });

  it('changes facility B alone, audited with the value before and after', async () => {
    const r = await api(manager, 'PUT', workweekUrl(org.facilities.b), { startDay: 'saturday', startHour: 23 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ facilityId: org.facilities.b, startDay: 'saturday', startHour: 23 });
    expect((await api(manager, 'GET', workweekUrl(org.facilities.b))).json()).toMatchObject({
      startDay: 'saturday',
      startHour: 23,
    });
    expect((await api(manager, 'GET', workweekUrl(org.facilities.a))).json().startDay).toBe('monday');
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'facility_id', 'details', 'actor_user_id'])
      .where('organization_id', '=', org.id)
      .where('action', '=', 'facility.workweek.update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      entity_id: org.facilities.b,
      facility_id: org.facilities.b,
      actor_user_id: org.users.manager.id,
      details: { before: { startDay: 'monday', startHour: 0 }, after: { startDay: 'saturday', startHour: 23 } },
    });
  });
});

describe('overtime on the facility’s workweek', () => {
  let unitId = '';
  const shift: Record<string, string> = {};
  let rosterId = '';
  let previousId = '';

  const assign = async (id: string, changes: { date: string; code: string }[]) => {
    const version = (await api(manager, 'GET', `/api/rosters/${id}`)).json().version;
    const r = await api(manager, 'PATCH', `/api/rosters/${id}/assignments`, {
      version,
      changes: changes.map((c) => ({ staffMemberId: rn, date: c.date, shiftTypeId: shift[c.code] })),
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  // Wanda's weight per overtime minute in the solver's penalty ($30/h, longest shift 12 h)
  const weight = overtimeWeightPerMinute(3000, 720, 100);
  const overtime = async () => {
    const r = await api(manager, 'GET', `/api/rosters/${rosterId}`);
    expect(r.statusCode, r.body).toBe(200);
    const ev = r.json().evaluation;
    // the solver's overtime term counts the same workweeks and hours before as the dollars shown
    expect(ev.breakdown.overtime).toBeCloseTo(ev.overtime.hours * 60 * weight, 9);
    return ev.overtime;
  };
  const card = async () => {
    const r = await api(manager, 'GET', '/api/dashboard');
    expect(r.statusCode, r.body).toBe(200);
    return r.json().cards.find((c: { key: string }) => c.key === 'rostering.overtime');
  };

  it('sets up a unit with an 8-hour and a 12-hour day shift and this week’s roster', async () => {
    const u = await api(manager, 'POST', '/api/rostering/units', { facilityId: org.facilities.a, name: 'Workweek unit' });
    expect(u.statusCode, u.body).toBe(201);
    unitId = u.json().id;
    for (const [code, minutes] of [
      ['D', 480],
      ['L', 720],
    ] as const) {
      const s = await api(manager, 'POST', '/api/rostering/shift-types', {
        unitId,
        code,
        name: code,
        startTime: '07:00',
        minutes,
        positions: ['rn'],
      });
      expect(s.statusCode, s.body).toBe(201);
      shift[code] = s.json().id;
    }
    const r = await api(manager, 'POST', '/api/rosters', { unitId, startDate: start, days: 7 });
    expect(r.statusCode, r.body).toBe(201);
    rosterId = r.json().id;
    // Monday to Friday 8 hours, Sunday 12: 52 hours from Monday to Sunday
    await assign(rosterId, [
      ...[0, 1, 2, 3, 4].map((d) => ({ date: addDays(start, d), code: 'D' })),
      { date: addDays(start, 6), code: 'L' },
    ]);
  });

  it('a Monday workweek: the Sunday is in the roster’s week, 12 overtime hours at $45', async () => {
    const ot = await overtime();
    expect(ot.workweek).toEqual({ startDay: 'monday', startHour: 0 });
    expect(ot.hours).toBe(12);
    expect(ot.totalCents).toBe(12 * 4500);
    const c = await card();
    expect(c.value).toBe('$540');
    expect(c.detail).toContain('from Monday 00:00');
  });

  it('a Sunday workweek: the same shifts are 40 hours and then 12, no overtime', async () => {
    const r = await api(manager, 'PUT', workweekUrl(org.facilities.a), { startDay: 'sunday' });
    expect(r.statusCode, r.body).toBe(200);
    const ot = await overtime();
    expect(ot.workweek).toEqual({ startDay: 'sunday', startHour: 0 });
    expect(ot.hours).toBe(0);
    expect(ot.totalCents).toBe(0);
    const c = await card();
    expect(c.value).toBe('$0');
    expect(c.detail).toContain('from Sunday 00:00');
  });

  it('counts the Sunday before the roster once the roster holding it is published, not while it is a draft', async () => {
    const p = await api(manager, 'POST', '/api/rosters', { unitId, startDate: addDays(start, -7), days: 7 });
    expect(p.statusCode, p.body).toBe(201);
    previousId = p.json().id;
    // 12 hours on the Sunday before: with Monday to Friday, 52 hours in the Sunday-Saturday week
    const saved = await assign(previousId, [{ date: addDays(start, -1), code: 'L' }]);
    expect((await overtime()).hours).toBe(0);
    const published = await api(manager, 'POST', `/api/rosters/${previousId}/publish`, { version: saved.version });
    expect(published.statusCode, published.body).toBe(200);
    // the earlier roster's week from that Sunday has its 12 hours only: no overtime charged to it
    expect(published.json().evaluation.overtime.hours).toBe(0);
    const ot = await overtime();
    expect(ot.hours).toBe(12);
    expect(ot.people).toEqual([expect.objectContaining({ staffMemberId: rn, overtimeHours: 12, costCents: 12 * 4500 })]);
    // on a Monday workweek that Sunday is last week's again
    await api(manager, 'PUT', workweekUrl(org.facilities.a), { startDay: 'monday' });
    expect((await overtime()).hours).toBe(12);
    await api(manager, 'PUT', workweekUrl(org.facilities.a), { startDay: 'monday', startHour: 12 });
    // Monday 12:00: the Monday 07:00-15:00 shift is split at noon. The week begun last Monday noon
    // holds the Sunday's 12 hours and Monday morning's 5; the next one, from Monday noon, Monday
    // afternoon's 3, Tuesday to Friday's 32 and Sunday's 12: 47 hours, 7 over
    expect((await overtime()).hours).toBe(7);
  });
});
