// The rostering API on real PostgreSQL: setting up a unit, the credential gate (an RN whose
// licence has lapsed is never placed, by the solver or by hand), optimistic locking of edits,
// solving in the background with progress and stop, a sick call's repair into open shifts,
// publishing, "my shifts", the iCalendar feed, claims and swaps.
import { randomUUID } from 'node:crypto';
import { permissions } from '@clinicops/contracts';
import ICAL from 'ical.js';
import { generateSecret } from 'otplib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOLVE_QUEUE, solveJob } from '../src/modules/rostering/index.js';
import { type QualifiedStaffSeed, seedCredentialCatalogue, seedQualifiedStaff } from '../src/modules/staff/index.js';
import { systemClock } from '../src/platform/clock.js';
import { type Ctx, systemActor } from '../src/platform/context.js';
import type { Jobs } from '../src/platform/jobs.js';
import { mondayOf } from '../src/shared/calendar.js';
import { as, createTestOrg, type Session, signIn, type TestOrg, testApp, testConfig, testJobs } from './helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
let jobs: Jobs;
let org: TestOrg;
let manager: Session;
let staffSession: Session;
let clinician: Session;
const secret = generateSecret();
const today = new Date().toISOString().slice(0, 10);
const start = mondayOf(today);
let unitId = '';
const shift: Record<string, string> = {};
let expiredRn = '';
let staffUserMember = '';
let people: string[] = [];

const addWeeks = (date: string, weeks: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + weeks * 7 * 86_400_000).toISOString().slice(0, 10);

const person = (first: string, position: QualifiedStaffSeed['position'], expiresInDays = 400): QualifiedStaffSeed => ({
  first,
  last: 'Test',
  position,
  employmentType: 'full_time',
  shift: 'day',
  hourlyCents: 3000,
  expiresInDays,
});

beforeAll(async () => {
  // this file is the one that works the solve queue on the shared test database (helpers.ts)
  jobs = await testJobs([SOLVE_QUEUE]);
  t = await testApp(testConfig(), undefined, jobs.queue);
  await jobs.work([solveJob({ db: t.db, config: testConfig(), log: pino({ level: 'silent' }) })]);
  org = await createTestOrg(t.db, { mfaSecret: secret });
  manager = await signIn(t.app, org.users.manager.email, secret);
  staffSession = await signIn(t.app, org.users.staff.email, secret);
  clinician = await signIn(t.app, org.users.clinician.email, secret);
  const ctx: Ctx = {
    db: t.db,
    organizationId: org.id,
    actor: systemActor('test', [org.facilities.a, org.facilities.b], permissions),
    clock: systemClock,
    log: pino({ level: 'silent' }),
    config: testConfig(),
    requestId: 'test',
    ip: null,
  };
  await seedCredentialCatalogue(ctx);
  // facility A is in Ohio, where the catalogue's licences are held
  people = await seedQualifiedStaff(
    ctx,
    org.facilities.a,
    [
      person('Rita', 'rn'),
      person('Rob', 'rn'),
      person('Ravi', 'rn'),
      person('Expired', 'rn', -30),
      person('Cara', 'cna'),
      person('Cody', 'cna'),
      person('Cleo', 'cna'),
      person('Cyril', 'cna'),
    ],
    today,
  );
  expiredRn = people[3] ?? '';
  // the staff-role user is the CNA Cara
  staffUserMember = people[4] ?? '';
  await t.db.updateTable('staff_members').set({ user_id: org.users.staff.id }).where('id', '=', staffUserMember).execute();
});

afterAll(async () => {
  await jobs.stop();
  await t.app.close();
});

const api = async (s: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: s ? as(s) : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });

async function waitForRun(rosterId: string, runId: string) {
  for (;;) {
    const r = await api(manager, 'GET', `/api/rosters/${rosterId}/solve-runs/${runId}`);
    expect(r.statusCode, r.body).toBe(200);
    if (!['queued', 'running'].includes(r.json().status)) return r.json();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('setting up a unit', () => {
  it('creates a unit, day/evening/night shift types and weekday demand', async () => {
    const u = await api(manager, 'POST', '/api/rostering/units', { facilityId: org.facilities.a, name: 'Unit 1' });
    expect(u.statusCode, u.body).toBe(201);
    unitId = u.json().id;
    for (const [code, startTime] of [
      ['D', '07:00'],
      ['E', '15:00'],
      ['N', '23:00'],
    ] as const) {
      const s = await api(manager, 'POST', '/api/rostering/shift-types', {
        unitId,
        code,
        name: code,
        startTime,
        minutes: 480,
        positions: ['rn', 'cna'],
      });
      expect(s.statusCode, s.body).toBe(201);
      shift[code] = s.json().id;
    }
    for (let weekday = 0; weekday < 7; weekday++) {
      const d = await api(manager, 'PUT', '/api/rostering/demand', {
        shiftTypeId: shift.D,
        position: 'rn',
        weekday,
        required: 1,
      });
      expect(d.statusCode, d.body).toBe(200);
      await api(manager, 'PUT', '/api/rostering/demand', { shiftTypeId: shift.D, position: 'cna', weekday, required: 2 });
    }
    const list = await api(manager, 'GET', `/api/rostering/demand?unitId=${unitId}`);
    expect(list.json()).toHaveLength(14);
    // setting the same cell again replaces it
    await api(manager, 'PUT', '/api/rostering/demand', { shiftTypeId: shift.D, position: 'cna', weekday: 0, required: 2 });
    expect((await api(manager, 'GET', `/api/rostering/demand?unitId=${unitId}`)).json()).toHaveLength(14);
  });

  it('refuses a duplicate shift code naming the field, and staff cannot change the set-up', async () => {
    const dup = await api(manager, 'POST', '/api/rostering/shift-types', {
      unitId,
      code: 'D',
      name: 'x',
      startTime: '07:00',
      minutes: 480,
      positions: ['rn'],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0].field).toBe('code');
    const denied = await api(staffSession, 'POST', '/api/rostering/units', { facilityId: org.facilities.a, name: 'Nope' });
    expect(denied.statusCode).toBe(403);
  });

  it('derives which shift may not follow which from the unit’s minimum rest, which the manager can change', async () => {
    const codes = async () =>
      Object.fromEntries(
        (await api(manager, 'GET', `/api/rostering/shift-types?unitId=${unitId}`))
          .json()
          .map((s: { code: string; notFollowedBy: string[] }) => [s.code, s.notFollowedBy]),
      );
    // 10 hours by default: an evening (ends 23:00) is not followed by a day (07:00), a night by either
    expect(await codes()).toEqual({ D: [], E: ['D'], N: ['D', 'E'] });
    const bad = await api(manager, 'PATCH', `/api/rostering/units/${unitId}`, { minRestMinutes: -5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('minRestMinutes');
    const eight = await api(manager, 'PATCH', `/api/rostering/units/${unitId}`, { minRestMinutes: 480 });
    expect(eight.statusCode, eight.body).toBe(200);
    expect(eight.json()).toMatchObject({ id: unitId, name: 'Unit 1', minRestMinutes: 480 });
    // 8 hours: evening to day and night to evening are allowed again
    expect(await codes()).toEqual({ D: [], E: [], N: ['D'] });
    expect((await api(staffSession, 'PATCH', `/api/rostering/units/${unitId}`, { minRestMinutes: 600 })).statusCode).toBe(403);
    expect((await api(manager, 'PATCH', `/api/rostering/units/${unitId}`, { minRestMinutes: 600 })).statusCode).toBe(200);
  });
});

describe('contract limits', () => {
  it('start from the employment type’s defaults and can be set per person, checked', async () => {
    const cyril = people[7] ?? '';
    const before = await api(manager, 'GET', `/api/rostering/contracts/${cyril}`);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ isDefault: true, employmentType: 'full_time', maxMinutesPerWeek: 2400 });
    const limits = {
      minMinutesPerWeek: 960,
      maxMinutesPerWeek: 1920,
      maxConsecutiveShifts: 4,
      minConsecutiveDaysOff: 2,
      maxWeekendsPer4Weeks: 2,
      maxNightsPer4Weeks: null,
    };
    const bad = await api(manager, 'PUT', `/api/rostering/contracts/${cyril}`, { ...limits, maxMinutesPerWeek: 600 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('maxMinutesPerWeek');
    const runs = await api(manager, 'PUT', `/api/rostering/contracts/${cyril}`, { ...limits, minConsecutiveShifts: 5 });
    expect(runs.statusCode).toBe(400);
    expect(runs.json().errors[0].field).toBe('minConsecutiveShifts');
    // left out, the shortest run is 1 (a single shift between days off is fine)
    const set = await api(manager, 'PUT', `/api/rostering/contracts/${cyril}`, limits);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ isDefault: false, minConsecutiveShifts: 1, maxShiftsPer4Weeks: {}, ...limits });
    const two = await api(manager, 'PUT', `/api/rostering/contracts/${cyril}`, {
      ...limits,
      minConsecutiveShifts: 2,
      maxShiftsPer4Weeks: { N: 4, E: 0 },
    });
    expect(two.json()).toMatchObject({ minConsecutiveShifts: 2, maxShiftsPer4Weeks: { N: 4, E: 0 } });
    expect((await api(manager, 'GET', `/api/rostering/contracts/${cyril}`)).json().maxShiftsPer4Weeks).toEqual({ N: 4, E: 0 });
    const code = await api(manager, 'PUT', `/api/rostering/contracts/${cyril}`, { ...limits, maxShiftsPer4Weeks: { night: 4 } });
    expect(code.statusCode).toBe(400);
    expect(code.json().errors[0].field).toMatch(/^maxShiftsPer4Weeks/);
    expect((await api(manager, 'PUT', `/api/rostering/contracts/${cyril}`, limits)).json().minConsecutiveShifts).toBe(1);
    expect((await api(staffSession, 'PUT', `/api/rostering/contracts/${cyril}`, limits)).statusCode).toBe(403);
  });
});

describe('a roster', () => {
  let rosterId = '';
  let version = 0;

  it('is solved in the background, and the RN with the lapsed licence is never placed', async () => {
    const c = await api(manager, 'POST', '/api/rosters', { unitId, startDate: start, days: 14 });
    expect(c.statusCode, c.body).toBe(201);
    rosterId = c.json().id;
    expect(
      c
        .json()
        .blocked.some(
          (b: { staffMemberId: string; reason: string }) => b.staffMemberId === expiredRn && /expired/.test(b.reason),
        ),
    ).toBe(true);
    const s = await api(manager, 'POST', `/api/rosters/${rosterId}/solve`, { timeLimitSeconds: 10, seed: 3 });
    expect(s.statusCode, s.body).toBe(202);
    const run = await waitForRun(rosterId, s.json().id);
    expect(run.status).toBe('done');
    // its staff have overtime terms, which the pricing prices: the solver proves this roster the
    // best possible and stops before its time limit, and the run says so
    expect(run.provenBest).toBe(true);
    expect(run.elapsedMs).toBeLessThan(10_000);
    const r = (await api(manager, 'GET', `/api/rosters/${rosterId}`)).json();
    version = r.version;
    expect(r.assignments.length).toBeGreaterThan(0);
    expect(r.assignments.filter((a: { staffMemberId: string }) => a.staffMemberId === expiredRn)).toEqual([]);
    // the day shifts' demand is met: 1 RN + 2 CNA every day, with 3 usable RNs and 4 CNAs
    const short = r.evaluation.coverage.filter((c: { required: number; assigned: number }) => c.assigned < c.required);
    expect(short).toEqual([]);
    expect(r.evaluation.violations).toEqual([]);
  });

  it('refuses to place the lapsed RN by hand, naming the reason', async () => {
    const res = await api(manager, 'PATCH', `/api/rosters/${rosterId}/assignments`, {
      version,
      changes: [{ staffMemberId: expiredRn, date: start, shiftTypeId: shift.D }],
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors[0].field).toBe('changes.0.shiftTypeId');
    expect(res.json().errors[0].message).toMatch(/Expired Test: may not work D on .*expired/);
  });

  it('evaluates a draft without storing it: a removed shift shows as short cover', async () => {
    const r = (await api(manager, 'GET', `/api/rosters/${rosterId}`)).json();
    type A = { staffMemberId: string; date: string; shiftTypeId: string };
    const all = r.assignments as A[];
    // a day shift whose cover is exactly met
    const met = r.evaluation.coverage.find(
      (c: { shiftTypeId: string; required: number; assigned: number }) => c.shiftTypeId === shift.D && c.assigned === c.required,
    );
    const first =
      all.find((a) => a.date === met.date && a.shiftTypeId === shift.D && people.slice(0, 3).includes(a.staffMemberId)) ??
      all.find((a) => a.date === met.date && a.shiftTypeId === shift.D);
    const rest = all.filter((a) => a !== first);
    const ev = await api(manager, 'POST', `/api/rosters/${rosterId}/evaluate`, { assignments: rest });
    expect(ev.statusCode, ev.body).toBe(200);
    const cell = ev
      .json()
      .coverage.find(
        (c: { date: string; shiftTypeId: string }) => c.date === first?.date && c.shiftTypeId === first?.shiftTypeId,
      );
    expect(cell.assigned).toBeLessThan(cell.required);
    expect(ev.json().penalty).toBeGreaterThan(r.evaluation.penalty);
    expect((await api(manager, 'GET', `/api/rosters/${rosterId}`)).json().version).toBe(version);
  });

  it('two managers editing the same cell: the second, on the old version, gets 409 and nothing is corrupted', async () => {
    const r = (await api(manager, 'GET', `/api/rosters/${rosterId}`)).json();
    type A = { staffMemberId: string; date: string; shiftTypeId: string };
    type Cell = { date: string; shiftTypeId: string; position: string; required: number; assigned: number };
    // an aide's day shift whose cover is exactly met, so either edit leaves it short (an aide's
    // extra evening or night shift, which no demand asks for, would not)
    const exactlyMet = (x: A) =>
      r.evaluation.coverage.some(
        (c: Cell) => c.date === x.date && c.shiftTypeId === shift.D && c.position === 'cna' && c.assigned === c.required,
      );
    const a = (r.assignments as A[]).find(
      (x) => people.slice(4).includes(x.staffMemberId) && x.shiftTypeId === shift.D && exactlyMet(x),
    );
    if (!a) throw new Error('no aide on a day shift whose cover is exactly met');
    const first = api(manager, 'PATCH', `/api/rosters/${rosterId}/assignments`, {
      version: r.version,
      changes: [{ staffMemberId: a.staffMemberId, date: a.date, shiftTypeId: shift.E }],
    });
    const second = api(manager, 'PATCH', `/api/rosters/${rosterId}/assignments`, {
      version: r.version,
      changes: [{ staffMemberId: a.staffMemberId, date: a.date, shiftTypeId: null }],
    });
    const answers = await Promise.all([first, second]);
    expect(answers.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    const after = (await api(manager, 'GET', `/api/rosters/${rosterId}`)).json();
    expect(after.version).toBe(r.version + 1);
    const cells = after.assignments.filter(
      (x: { staffMemberId: string; date: string }) => x.staffMemberId === a.staffMemberId && x.date === a.date,
    );
    const winner = answers.find((x) => x.statusCode === 200);
    expect(cells.length).toBe(winner === answers[0] ? 1 : 0);
    version = after.version;
  });

  it('the edit comes back with the evaluator’s violations (short cover after moving a shift)', async () => {
    const r = (await api(manager, 'GET', `/api/rosters/${rosterId}`)).json();
    const short = r.evaluation.coverage.filter((c: { required: number; assigned: number }) => c.assigned < c.required);
    expect(short.length).toBeGreaterThan(0);
  });

  it('a solve can be stopped and keeps the best roster so far', async () => {
    const s = await api(manager, 'POST', `/api/rosters/${rosterId}/solve`, { timeLimitSeconds: 120, seed: 4 });
    expect(s.statusCode, s.body).toBe(202);
    // stopped while solving, not while still queued
    for (let i = 0; i < 100; i++) {
      const r = await api(manager, 'GET', `/api/rosters/${rosterId}/solve-runs/${s.json().id}`);
      if (r.json().status !== 'queued') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stop = await api(manager, 'POST', `/api/rosters/${rosterId}/solve-runs/${s.json().id}/stop`);
    expect(stop.statusCode, stop.body).toBe(200);
    const run = await waitForRun(rosterId, s.json().id);
    expect(run.status).toBe('stopped');
    const r = (await api(manager, 'GET', `/api/rosters/${rosterId}`)).json();
    expect(r.assignments.filter((a: { staffMemberId: string }) => a.staffMemberId === expiredRn)).toEqual([]);
    version = r.version;
  });

  it('is published; the staff member sees their own shifts and subscribes to them as iCalendar', async () => {
    const denied = await api(clinician, 'POST', `/api/rosters/${rosterId}/publish`, { version });
    expect(denied.statusCode).toBe(403);
    const p = await api(manager, 'POST', `/api/rosters/${rosterId}/publish`, { version });
    expect(p.statusCode, p.body).toBe(200);
    version = p.json().version;
    const mine = await api(staffSession, 'GET', `/api/my/shifts?from=${start}`);
    expect(mine.statusCode, mine.body).toBe(200);
    const assigned = p.json().assignments.filter((a: { staffMemberId: string }) => a.staffMemberId === staffUserMember);
    expect(mine.json().shifts.map((s: { date: string }) => s.date)).toEqual(assigned.map((a: { date: string }) => a.date));
    // the whole roster (colleagues' credential problems, leave, overtime cost) is the manager's view
    expect((await api(staffSession, 'GET', `/api/rosters/${rosterId}`)).statusCode).toBe(403);
    const link = await api(staffSession, 'POST', '/api/my/shifts/feed');
    expect(link.statusCode, link.body).toBe(200);
    const feed = await t.app.inject({ method: 'GET', url: link.json().path });
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const cal = new ICAL.Component(ICAL.parse(feed.body));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.length).toBe(assigned.length);
    expect(events[0]?.summary).toMatch(/\((D|E|N)\)$/);
    const unknown = await t.app.inject({ method: 'GET', url: `/api/rostering/feed/${'x'.repeat(32)}.ics` });
    expect(unknown.statusCode).toBe(404);
  });

  it('a sick call is repaired with few changes; what stays short that day becomes open shifts', async () => {
    const r = (await api(manager, 'GET', `/api/rosters/${rosterId}`)).json();
    const day = r.assignments.find((a: { staffMemberId: string; shiftTypeId: string }) =>
      people.slice(0, 3).includes(a.staffMemberId),
    );
    const sick = await api(manager, 'POST', `/api/rosters/${rosterId}/sick-call`, {
      version: r.version,
      staffMemberId: day.staffMemberId,
      startsOn: day.date,
      endsOn: day.date,
    });
    expect(sick.statusCode, sick.body).toBe(200);
    const after = sick.json().roster;
    expect(
      after.assignments.some(
        (a: { staffMemberId: string; date: string }) => a.staffMemberId === day.staffMemberId && a.date === day.date,
      ),
    ).toBe(false);
    expect(after.assignments.filter((a: { staffMemberId: string }) => a.staffMemberId === expiredRn)).toEqual([]);
    expect(sick.json().changes.length).toBeLessThan(10);
    const shortThatDay = after.evaluation.coverage
      .filter((c: { date: string }) => c.date === day.date)
      .reduce((n: number, c: { required: number; assigned: number }) => n + Math.max(0, c.required - c.assigned), 0);
    expect(sick.json().openShifts).toBe(shortThatDay);
    const open = (await api(manager, 'GET', '/api/open-shifts?status=open')).json();
    expect(open.filter((o: { rosterId: string; date: string }) => o.rosterId === rosterId && o.date === day.date)).toHaveLength(
      shortThatDay,
    );
    version = after.version;
  });

  it('an open shift is taken by a qualified, free colleague, once', async () => {
    // a fresh week with nobody on it, so the claim's checks have nothing else to trip on
    const week = await api(manager, 'POST', '/api/rosters', { unitId, startDate: addWeeks(start, 8), days: 7 });
    expect(week.statusCode, week.body).toBe(201);
    const weekId = week.json().id as string;
    const insertOpen = (position: string) =>
      t.db
        .insertInto('open_shifts')
        .values({
          id: randomUUID(),
          organization_id: org.id,
          roster_id: weekId,
          on_date: addWeeks(start, 8),
          shift_type_id: shift.E ?? '',
          position,
          reason: 'sick call',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const forRn = await insertOpen('rn');
    const forCna = await insertOpen('cna');
    // the staff user is a CNA: an RN's shift is not for her
    const wrong = await api(staffSession, 'POST', `/api/open-shifts/${forRn.id}/claim`);
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().detail).toMatch(/needs a RN/);
    const claim = await api(staffSession, 'POST', `/api/open-shifts/${forCna.id}/claim`);
    expect(claim.statusCode, claim.body).toBe(200);
    expect(claim.json()).toMatchObject({ status: 'claimed', claimedBy: staffUserMember });
    const roster = (await api(manager, 'GET', `/api/rosters/${weekId}`)).json();
    expect(roster.assignments).toEqual([{ staffMemberId: staffUserMember, date: addWeeks(start, 8), shiftTypeId: shift.E }]);
    const again = await api(clinician, 'POST', `/api/open-shifts/${forCna.id}/claim`);
    expect(again.statusCode).toBe(409);
  });

  it('a swap to the lapsed RN is refused on approval by the credential gate', async () => {
    const r = (await api(manager, 'GET', `/api/rosters/${rosterId}`)).json();
    const mine = r.assignments.find((a: { staffMemberId: string }) => a.staffMemberId === staffUserMember);
    // the staff user (a CNA) asks a fellow CNA to take a shift; the manager approves
    const colleague = people
      .slice(5)
      .find(
        (id) =>
          !r.assignments.some((a: { staffMemberId: string; date: string }) => a.staffMemberId === id && a.date === mine.date),
      );
    const req = await api(staffSession, 'POST', '/api/swap-requests', { rosterId, date: mine.date, takerId: colleague });
    expect(req.statusCode, req.body).toBe(201);
    const decided = await api(manager, 'POST', `/api/swap-requests/${req.json().id}/decision`, { approve: true });
    if (decided.statusCode === 200) {
      expect(decided.json().status).toBe('approved');
      const after = (await api(manager, 'GET', `/api/rosters/${rosterId}`)).json();
      expect(
        after.assignments.some(
          (a: { staffMemberId: string; date: string }) => a.staffMemberId === colleague && a.date === mine.date,
        ),
      ).toBe(true);
    } else {
      expect(decided.statusCode).toBe(409);
    }
    // a swap to an RN is refused: another position
    const another = (await api(manager, 'GET', `/api/rosters/${rosterId}`)).json();
    const still = another.assignments.find((a: { staffMemberId: string }) => a.staffMemberId === staffUserMember);
    const toRn = await api(staffSession, 'POST', '/api/swap-requests', { rosterId, date: still.date, takerId: expiredRn });
    expect(toRn.statusCode, toRn.body).toBe(201);
    const refused = await api(manager, 'POST', `/api/swap-requests/${toRn.json().id}/decision`, { approve: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/needs a CNA|expired/);
  });

  it('where a newer published roster overlaps, my shifts follow the newer one (one shift a day)', async () => {
    const next = await api(manager, 'POST', '/api/rosters', { unitId, startDate: start, days: 7 });
    expect(next.statusCode, next.body).toBe(201);
    const day = start;
    const put = await api(manager, 'PATCH', `/api/rosters/${next.json().id}/assignments`, {
      version: next.json().version,
      changes: [{ staffMemberId: staffUserMember, date: day, shiftTypeId: shift.N }],
    });
    expect(put.statusCode, put.body).toBe(200);
    const pub = await api(manager, 'POST', `/api/rosters/${next.json().id}/publish`, { version: put.json().version });
    expect(pub.statusCode, pub.body).toBe(200);
    const mine = (await api(staffSession, 'GET', `/api/my/shifts?from=${start}&to=${start}`)).json();
    expect(mine.shifts.map((s: { date: string; code: string }) => [s.date, s.code])).toEqual([[day, 'N']]);
  });

  it('puts open shifts, understaffing and overtime on the manager’s dashboard', async () => {
    const d = await api(manager, 'GET', '/api/dashboard');
    const keys = d.json().cards.map((c: { key: string }) => c.key);
    expect(keys).toEqual(expect.arrayContaining(['rostering.open_shifts', 'rostering.understaffed', 'rostering.overtime']));
  });
});
