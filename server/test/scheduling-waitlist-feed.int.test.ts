// Scheduling through the API on real PostgreSQL, beyond booking itself: the waitlist a
// cancellation proposes from, and a provider's private iCalendar feed.
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src/modules/scheduling/domain/zoned.js';
import {
  at,
  book,
  clinician,
  followUp,
  frontDesk,
  get,
  manager,
  monday,
  ok,
  org,
  paA,
  paB,
  patients,
  post,
  setUpScheduling,
  t,
} from './scheduling-api-fixture.js';

beforeAll(setUpScheduling);

describe('waitlist', () => {
  it('a cancellation proposes waiting patients, and booking one takes them off the list', async () => {
    const day = addDays(monday, 8);
    const a = await ok<{ id: string; startsAt: string }>(
      await book(frontDesk, { patientId: patients[10], startsAt: at(day, '09:00') }),
      201,
    );
    const add = (patientId: string | undefined, over: Record<string, unknown> = {}) =>
      post(frontDesk, '/api/scheduling/waitlist', {
        patientId,
        appointmentTypeId: followUp,
        earliestDate: monday,
        latestDate: addDays(monday, 20),
        ...over,
      });
    const first = await ok<{ id: string }>(await add(patients[11]), 201);
    await ok(await add(patients[12], { providerResourceId: paB }), 201);
    const preferA = await ok<{ id: string }>(await add(patients[13], { providerResourceId: paA }), 201);
    const bad = await add(patients[14], { latestDate: addDays(monday, -3) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('latestDate');
    // nothing to propose while the appointment stands
    expect(await ok<unknown[]>(await get(frontDesk, `/api/appointments/${a.id}/waitlist-proposals`))).toEqual([]);
    await ok(await post(frontDesk, `/api/appointments/${a.id}/cancel`, { reason: 'Work conflict' }));
    const proposals = await ok<{ id: string; patientId: string }[]>(
      await get(frontDesk, `/api/appointments/${a.id}/waitlist-proposals`),
    );
    // the one who asked for this provider first, then the longest waiting; not the one who wants provider B
    expect(proposals.map((p) => p.id)).toEqual([preferA.id, first.id]);
    await ok(await book(frontDesk, { patientId: patients[13], startsAt: a.startsAt }), 201);
    const list = await ok<{ id: string }[]>(await get(frontDesk, '/api/scheduling/waitlist'));
    expect(list.map((e) => e.id)).not.toContain(preferA.id);
    expect(list.map((e) => e.id)).toContain(first.id);
    await ok(await post(frontDesk, `/api/scheduling/waitlist/${first.id}/remove`));
    expect((await post(frontDesk, `/api/scheduling/waitlist/${first.id}/remove`)).statusCode).toBe(400);
  });
});

describe('iCalendar feed', () => {
  it("serves a provider's appointments at a private URL, valid RFC 5545 without patient data", async () => {
    expect((await post(clinician, `/api/scheduling/resources/${paA}/feed`)).statusCode).toBe(403);
    const first = await ok<{ url: string }>(await post(frontDesk, `/api/scheduling/resources/${paA}/feed`), 201);
    const res = await t.app.inject({ method: 'GET', url: first.url });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const events = new ICAL.Component(ICAL.parse(res.body)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const booked = await t.db
      .selectFrom('appointments')
      .select(['id', 'starts_at'])
      .where('organization_id', '=', org.id)
      .where('provider_resource_id', '=', paA)
      .execute();
    expect(events.length).toBe(booked.length);
    const one = booked[0];
    const event = events.find((e) => e.uid.startsWith(one?.id ?? 'none'));
    expect(event?.startDate.toJSDate().getTime()).toBe(one?.starts_at.getTime());
    expect(res.body).not.toMatch(/Sched\d|Patient/);
    // a new link revokes the old one; a made-up token is not found
    const second = await ok<{ url: string }>(await post(manager, `/api/scheduling/resources/${paA}/feed`), 201);
    expect((await t.app.inject({ method: 'GET', url: first.url })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: second.url })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/scheduling/feed/not-a-real-token-at-all-123.ics' })).statusCode).toBe(
      404,
    );
  });
});
