// Scheduling through the API on real PostgreSQL: setup, the slot finder, booking with every
// check (hours, buffers, rooms, qualification, overbooking), the front-desk steps, moves,
// recurring series across a DST change, the database refusing double booking under load, and
// the indicators those bookings make. The waitlist and the calendar feed: scheduling-waitlist-feed.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, dateIn } from '../src/modules/scheduling/domain/zoned.js';
import {
  at,
  book,
  clinician,
  followUp,
  frontDesk,
  get,
  lapse,
  manager,
  monday,
  NY,
  ok,
  org,
  other,
  otherManager,
  paA,
  paB,
  patients,
  post,
  room1,
  room2,
  setUpScheduling,
  t,
  today,
} from './scheduling-api-fixture.js';

beforeAll(setUpScheduling);

describe('setup', () => {
  it('refuses a provider who is not a physician, NP or PA, and an RRULE it cannot honour', async () => {
    const res = await post(manager, '/api/scheduling/resources', { facilityId: org.facilities.a, kind: 'provider' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('staffMemberId');
    const bad = await post(manager, '/api/scheduling/templates', {
      resourceId: paA,
      rrule: 'FREQ=MONTHLY;BYDAY=MO',
      startTime: '09:00',
      endTime: '12:00',
      effectiveFrom: today,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'rrule', message: 'FREQ must be DAILY or WEEKLY' }]);
  });

  it("lists resources only of the caller's organization", async () => {
    const mine = await ok<unknown[]>(await get(frontDesk, '/api/scheduling/resources'));
    expect(mine).toHaveLength(4);
    expect(await ok<unknown[]>(await get(otherManager, '/api/scheduling/resources'))).toHaveLength(0);
  });
});

describe('slot finder', () => {
  it('offers 15-minute starts from 09:00 local, across providers, each with a free room', async () => {
    const r = await ok<{ timeZone: string; slots: { startsAt: string; providerResourceId: string; resourceNames: string[] }[] }>(
      await get(frontDesk, `/api/scheduling/slots?appointmentTypeId=${followUp}&from=${monday}&days=1&limit=6`),
    );
    expect(r.timeZone).toBe(NY);
    expect(r.slots.map((s) => s.startsAt)).toEqual([
      at(monday, '09:00'),
      at(monday, '09:00'),
      at(monday, '09:15'),
      at(monday, '09:15'),
      at(monday, '09:30'),
      at(monday, '09:30'),
    ]);
    expect(new Set(r.slots.map((s) => s.providerResourceId))).toEqual(new Set([paA, paB]));
    expect(r.slots[0]?.resourceNames).toEqual(['Exam 1']);
  });

  it('leaves out the provider whose licence has lapsed, from the day after it expires', async () => {
    const after = addDays(lapse, 1);
    const r = await ok<{ slots: { providerResourceId: string }[] }>(
      await get(frontDesk, `/api/scheduling/slots?appointmentTypeId=${followUp}&from=${after}&days=1&limit=50`),
    );
    expect(r.slots.length).toBeGreaterThan(0);
    expect(r.slots.every((s) => s.providerResourceId === paA)).toBe(true);
  });
});

describe('booking', () => {
  const day = () => addDays(monday, 1);

  it('books, then refuses the same provider at an overlapping time (buffer included) with 409', async () => {
    const first = await ok<{ id: string; status: string; resourceIds: string[]; patientName: string }>(
      await book(frontDesk, { startsAt: at(day(), '09:00') }),
      201,
    );
    expect(first.status).toBe('booked');
    expect(first.resourceIds).toEqual([room1]);
    expect(first.patientName).toContain('Sched0');
    const same = await book(frontDesk, { patientId: patients[1], startsAt: at(day(), '09:00') });
    expect(same.statusCode).toBe(409);
    expect(same.json().detail).toMatch(/already booked/);
    // 09:30 + 30 min would fit, but the 10-minute buffer after the 09:00 visit runs to 09:40
    expect((await book(frontDesk, { patientId: patients[1], startsAt: at(day(), '09:30') })).statusCode).toBe(409);
    expect((await book(frontDesk, { patientId: patients[1], startsAt: at(day(), '09:45') })).statusCode).toBe(201);
    // the other provider at 09:00 gets the other room
    const b = await ok<{ resourceIds: string[] }>(
      await book(frontDesk, { patientId: patients[2], providerResourceId: paB, startsAt: at(day(), '09:00') }),
      201,
    );
    expect(b.resourceIds).toEqual([room2]);
  });

  it('refuses times outside the hours; overbooking needs the manager (rostering:write)', async () => {
    const late = await book(frontDesk, { startsAt: at(day(), '13:00') });
    expect(late.statusCode).toBe(400);
    expect(late.json().errors[0]).toMatchObject({ field: 'startsAt' });
    expect((await book(frontDesk, { startsAt: at(day(), '09:00'), overbook: true })).statusCode).toBe(403);
    const over = await ok<{ overbooked: boolean }>(
      await book(manager, { patientId: patients[3], startsAt: at(day(), '09:00'), overbook: true }),
      201,
    );
    expect(over.overbooked).toBe(true);
  });

  it('refuses a provider whose licence lapsed, naming the credential', async () => {
    const res = await book(frontDesk, { providerResourceId: paB, startsAt: at(addDays(lapse, 1), '10:00') });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('providerResourceId');
    expect(res.json().errors[0].message).toMatch(/cannot be booked on .*expired/i);
    // on the day it expires, still bookable
    expect((await book(frontDesk, { providerResourceId: paB, startsAt: at(lapse, '10:00') })).statusCode).toBe(201);
  });

  it('refuses a patient of another organization and hides appointments across tenants', async () => {
    const foreignPatient = await post(otherManager, '/api/patients', {
      facilityId: other.facilities.a,
      givenName: 'Other',
      familyName: 'Tenant',
      dateOfBirth: '1970-01-01',
      sexAtBirth: 'male',
      confirmNotDuplicate: true,
    });
    const res = await book(frontDesk, { patientId: foreignPatient.json().id, startsAt: at(day(), '11:00') });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('patientId');
    const list = await ok<unknown[]>(await get(otherManager, `/api/appointments?from=${monday}&to=${addDays(monday, 6)}`));
    expect(list).toHaveLength(0);
  });
});

describe('a visit, step by step', () => {
  it('checks in, rooms, sees and checks out with a timestamp each, all audited', async () => {
    const a = await ok<{ id: string }>(
      await book(frontDesk, { patientId: patients[4], startsAt: at(addDays(monday, 3), '10:00') }),
      201,
    );
    // a no-show before the start time is refused
    const early = await post(frontDesk, `/api/appointments/${a.id}/no-show`);
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].message).toBe('cannot be a no-show before its start time');
    // seen before check-in is refused
    expect((await post(frontDesk, `/api/appointments/${a.id}/see`)).statusCode).toBe(400);
    for (const step of ['check-in', 'room', 'see', 'check-out']) {
      await ok(await post(frontDesk, `/api/appointments/${a.id}/${step}`));
    }
    const done = await ok<Record<string, string | null>>(await get(clinician, `/api/appointments/${a.id}`));
    expect(done.status).toBe('checked_out');
    for (const k of ['checkedInAt', 'roomedAt', 'seenAt', 'checkedOutAt']) expect(done[k]).not.toBeNull();
    const actions = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('organization_id', '=', org.id)
      .where('entity_id', '=', a.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((x) => x.action)).toEqual([
      'appointment.book',
      'appointment.check_in',
      'appointment.room',
      'appointment.see',
      'appointment.check_out',
      'appointment.view',
    ]);
    // the clinician may read the schedule, not change it
    expect((await post(clinician, `/api/appointments/${a.id}/cancel`, { reason: 'x' })).statusCode).toBe(403);
  });

  it('a cancellation (with its reason) frees the time; a move frees the old time', async () => {
    const when = at(addDays(monday, 4), '11:00');
    const a = await ok<{ id: string }>(await book(frontDesk, { patientId: patients[5], startsAt: when }), 201);
    const c = await ok<{ status: string; cancelReason: string }>(
      await post(frontDesk, `/api/appointments/${a.id}/cancel`, { reason: 'Transportation' }),
    );
    expect(c).toMatchObject({ status: 'cancelled', cancelReason: 'Transportation' });
    expect((await post(frontDesk, `/api/appointments/${a.id}/check-in`)).statusCode).toBe(400);
    const b = await ok<{ id: string }>(await book(frontDesk, { patientId: patients[6], startsAt: when }), 201);
    const moved = await ok<{ startsAt: string }>(
      await post(frontDesk, `/api/appointments/${b.id}/reschedule`, { startsAt: at(addDays(monday, 4), '11:15') }),
    );
    expect(moved.startsAt).toBe(at(addDays(monday, 4), '11:15'));
    // a move onto its own old time overlaps only itself: allowed
    await ok(await post(frontDesk, `/api/appointments/${b.id}/reschedule`, { startsAt: at(addDays(monday, 4), '11:00') }));
    await ok(await book(frontDesk, { patientId: patients[7], startsAt: at(addDays(monday, 4), '10:00') }), 201);
  });
});

describe('recurring series', () => {
  it('books weekly at the same local time across the spring DST change, reporting a conflict per occurrence', async () => {
    // 2027-03-14 is the US spring-forward date; weekly Mondays 03-01 .. 03-22 straddle it
    const start = '2027-03-01';
    await ok(await book(frontDesk, { patientId: patients[8], startsAt: at('2027-03-15', '10:00') }), 201);
    const r = await ok<{ seriesId: string; occurrences: { startsAt: string; status: string; reason: string | null }[] }>(
      await post(frontDesk, '/api/appointments/series', {
        patientId: patients[9],
        appointmentTypeId: followUp,
        providerResourceId: paA,
        startsAt: at(start, '10:00'),
        everyWeeks: 1,
        count: 4,
      }),
    );
    expect(r.occurrences.map((o) => [o.startsAt, o.status])).toEqual([
      ['2027-03-01T15:00:00.000Z', 'booked'],
      ['2027-03-08T15:00:00.000Z', 'booked'],
      ['2027-03-15T14:00:00.000Z', 'conflict'],
      ['2027-03-22T14:00:00.000Z', 'booked'],
    ]);
    expect(r.occurrences[2]?.reason).toMatch(/already booked/);
  });
});

describe('no double booking under concurrency', () => {
  it('20 parallel requests for one slot give exactly one booking', async () => {
    const when = at(addDays(monday, 7), '11:00');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => book(frontDesk, { patientId: patients[i % patients.length], startsAt: when })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c !== 201 && c !== 409)).toEqual([]);
    const rows = await t.db
      .selectFrom('appointments')
      .select('id')
      .where('organization_id', '=', org.id)
      .where('provider_resource_id', '=', paA)
      .where('starts_at', '=', new Date(when))
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('the database itself refuses an overlapping booking row', async () => {
    const [row] = await t.db
      .selectFrom('appointment_bookings')
      .selectAll()
      .where('organization_id', '=', org.id)
      .where('resource_id', '=', paA)
      .where('active', '=', true)
      .where('overbooked', '=', false)
      .limit(1)
      .execute();
    expect(row).toBeDefined();
    const a = await t.db
      .selectFrom('appointments')
      .selectAll()
      .where('id', '=', row?.appointment_id ?? '')
      .executeTakeFirstOrThrow();
    const copy = randomUUID();
    await t.db
      .insertInto('appointments')
      .values({ ...a, id: copy, overbooked: false, reschedule_count: 0, created_at: new Date(), updated_at: new Date() })
      .execute();
    await expect(
      sql`INSERT INTO appointment_bookings (organization_id, appointment_id, resource_id, during)
          VALUES (${org.id}, ${copy}, ${paA}, ${row?.during})`.execute(t.db),
    ).rejects.toMatchObject({ code: '23P01' });
  });
});

describe('indicators and lists', () => {
  it('third-next-available per provider, and the day list with patient names for the front desk', async () => {
    const r = await ok<{ providers: { providerResourceId: string; days: number | null }[]; averageDays: number | null }>(
      await get(manager, `/api/scheduling/third-next-available?appointmentTypeId=${followUp}&date=${monday}`),
    );
    const a = r.providers.find((p) => p.providerResourceId === paA);
    expect(a?.days).toBe(0);
    const list = await ok<{ startsAt: string; patientName: string }[]>(
      await get(frontDesk, `/api/appointments?from=${addDays(monday, 1)}&to=${addDays(monday, 1)}`),
    );
    expect(list.length).toBeGreaterThanOrEqual(4);
    expect(list.every((x) => dateIn(Date.parse(x.startsAt), NY) === addDays(monday, 1))).toBe(true);
  });

  it('the dashboard has the scheduling cards for the front desk', async () => {
    const d = await ok<{ cards: { key: string }[] }>(await get(frontDesk, '/api/dashboard'));
    expect(d.cards.map((c) => c.key)).toEqual(
      expect.arrayContaining(['scheduling.today', 'scheduling.no-shows', 'scheduling.utilization']),
    );
  });
});

describe('indicators (rules.md section 10)', () => {
  it('counts the week: scheduled, cancellations apart, available hours from the templates', async () => {
    const r = await ok<{
      providers: {
        providerResourceId: string;
        scheduled: number;
        cancelled: number;
        availableMinutes: number;
        utilization: number;
      }[];
      totals: { scheduled: number };
    }>(await get(manager, `/api/scheduling/indicators?from=${monday}&to=${addDays(monday, 6)}`));
    const a = r.providers.find((p) => p.providerResourceId === paA);
    // Monday to Friday 09:00-12:00
    expect(a?.availableMinutes).toBe(5 * 180);
    expect(a?.cancelled).toBe(1);
    expect(a?.scheduled).toBeGreaterThanOrEqual(6);
    expect(a?.utilization).toBeGreaterThan(0);
    expect((await get(clinician, `/api/scheduling/indicators?from=${monday}&to=${monday}`)).statusCode).toBe(200);
    expect((await get(frontDesk, `/api/scheduling/indicators?from=${monday}&to=${addDays(monday, 200)}`)).statusCode).toBe(400);
  });
});
