// A roster continues the published one before it, on real PostgreSQL: the run each person is in
// when it starts reaches the engine (domain/history.ts, model.ts RunBefore), and a night shift on
// the last day of the roster before closes the next morning's day shift (the unit's rest rule
// across the roster's start, build-problem.ts restGate), of which the manager is told with its
// reason, as of the same rule inside a roster, while staff taking an open shift themselves are
// refused it. A draft before it is not work anyone was told to do: it counts for nothing.
import { randomUUID } from 'node:crypto';
import { generateSecret } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRoster, rosterContext } from '../src/modules/rostering/service/context.js';
import { seedCredentialCatalogue, seedQualifiedStaff } from '../src/modules/staff/index.js';
import type { Ctx } from '../src/platform/context.js';
import { addDays, mondayOf } from '../src/shared/calendar.js';
import { as, createTestOrg, type Session, signIn, systemCtx, type TestOrg, testApp } from './helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
let org: TestOrg;
let manager: Session;
let ctx: Ctx;
const secret = generateSecret();
const today = new Date().toISOString().slice(0, 10);
// a Monday well ahead, and the week before it
const start = addDays(mondayOf(today), 10 * 7);
const previousStart = addDays(start, -7);
let nina = '';
let olga = '';

beforeAll(async () => {
  t = await testApp();
  org = await createTestOrg(t.db, { mfaSecret: secret });
  manager = await signIn(t.app, org.users.manager.email, secret);
  ctx = systemCtx(t.db, org.id, [org.facilities.a, org.facilities.b]);
  await seedCredentialCatalogue(ctx);
  // facility A is in Ohio, where the catalogue's licences are held
  const rn = (first: string) => ({
    first,
    last: 'History',
    position: 'rn' as const,
    employmentType: 'full_time' as const,
    shift: 'day' as const,
    hourlyCents: 3000,
    expiresInDays: 400,
  });
  [nina = '', olga = ''] = await seedQualifiedStaff(ctx, org.facilities.a, [rn('Nina'), rn('Olga')], today);
});

afterAll(async () => {
  await t.app.close();
});

const api = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: as(manager), ...(payload !== undefined ? { payload: payload as object } : {}) });

describe('the roster before', () => {
  const shift: Record<string, string> = {};
  let previousId = '';
  let nextId = '';
  const restReason = `less than 10 h rest after the N shift ending 07:00 on ${start}`;

  const blockedFor = async (staffMemberId: string) => {
    const r = await api('GET', `/api/rosters/${nextId}`);
    expect(r.statusCode, r.body).toBe(200);
    return (r.json().blocked as { staffMemberId: string; date: string; shiftTypeId: string; reason: string }[]).filter(
      (b) => b.staffMemberId === staffMemberId,
    );
  };
  const before = async () => {
    const rc = await rosterContext(ctx, await loadRoster(ctx, nextId));
    return Object.fromEntries(rc.problem.employees.map((e) => [e.id, e.before]));
  };

  it('sets up a unit with day and night shifts, a week whose last four days Nina works, and the week after', async () => {
    const unit = await api('POST', '/api/rostering/units', { facilityId: org.facilities.a, name: 'History unit' });
    expect(unit.statusCode, unit.body).toBe(201);
    for (const [code, startTime] of [
      ['D', '07:00'],
      ['N', '23:00'],
    ] as const) {
      const s = await api('POST', '/api/rostering/shift-types', {
        unitId: unit.json().id,
        code,
        name: code,
        startTime,
        minutes: 480,
        positions: ['rn'],
      });
      expect(s.statusCode, s.body).toBe(201);
      shift[code] = s.json().id;
    }
    for (const [from, set] of [
      [previousStart, (id: string) => (previousId = id)],
      [start, (id: string) => (nextId = id)],
    ] as const) {
      const r = await api('POST', '/api/rosters', { unitId: unit.json().id, startDate: from, days: 7 });
      expect(r.statusCode, r.body).toBe(201);
      set(r.json().id);
    }
    // days, then the night of the last day, which ends at 07:00 on the next roster's first day
    const version = (await api('GET', `/api/rosters/${previousId}`)).json().version;
    const changes = [3, 4, 5, 6].map((d) => ({
      staffMemberId: nina,
      date: addDays(previousStart, d),
      shiftTypeId: shift[d === 6 ? 'N' : 'D'],
    }));
    const saved = await api('PATCH', `/api/rosters/${previousId}/assignments`, { version, changes });
    expect(saved.statusCode, saved.body).toBe(200);
  });

  it('counts for nothing while it is a draft', async () => {
    expect(await blockedFor(nina)).toEqual([]);
    expect(await before()).toEqual({ [nina]: undefined, [olga]: undefined });
  });

  it('once published, gives the engine the runs in progress and closes the day shift after the night', async () => {
    const version = (await api('GET', `/api/rosters/${previousId}`)).json().version;
    const published = await api('POST', `/api/rosters/${previousId}/publish`, { version });
    expect(published.statusCode, published.body).toBe(200);

    // Nina worked the last 4 days; Olga rested all week, and nothing is published before it: a long rest
    expect(await before()).toEqual({ [nina]: { worked: true, days: 4 }, [olga]: { worked: false, days: 14 } });
    // 07:00 to 07:00 is no rest: the day shift on the first day breaks the rest rule, as a day
    // shift after a night inside the roster would: a warning, not a blocked cell
    expect(await blockedFor(nina)).toEqual([]);
    const version2 = (await api('GET', `/api/rosters/${nextId}`)).json().version;
    const placed = await api('PATCH', `/api/rosters/${nextId}/assignments`, {
      version: version2,
      changes: [{ staffMemberId: nina, date: start, shiftTypeId: shift.D }],
    });
    expect(placed.statusCode, placed.body).toBe(200);
    const messages = (placed.json().evaluation.violations as { constraint: string; message: string }[]).map(
      (v) => `${v.constraint}: ${v.message}`,
    );
    expect(messages).toContain(`cannot-follow: Nina History: shift D on ${start}: ${restReason}`);

    // nights on the first two days leave her rest, but make six shifts in a row with the four before (at most five)
    const night = await api('PATCH', `/api/rosters/${nextId}/assignments`, {
      version: placed.json().version,
      changes: [
        { staffMemberId: nina, date: start, shiftTypeId: shift.N },
        { staffMemberId: nina, date: addDays(start, 1), shiftTypeId: shift.N },
      ],
    });
    expect(night.statusCode, night.body).toBe(200);
    const after = (night.json().evaluation.violations as { constraint: string; message: string }[]).map(
      (v) => `${v.constraint}: ${v.message}`,
    );
    expect(after).toContain(
      `max-consecutive-shifts: Nina History: 6 consecutive shifts on ${start} to ${addDays(start, 1)} (4 of them before the roster), at most 5`,
    );
    expect(after.some((m) => m.startsWith('cannot-follow'))).toBe(false);
  });

  it('refuses Nina the open day shift after her night through self-service, and gives her the open night', async () => {
    // her own account: the staff-role user is Nina; her first two days are cleared again
    await t.db.updateTable('staff_members').set({ user_id: org.users.staff.id }).where('id', '=', nina).execute();
    const staff = await signIn(t.app, org.users.staff.email, secret);
    const version = (await api('GET', `/api/rosters/${nextId}`)).json().version;
    const cleared = await api('PATCH', `/api/rosters/${nextId}/assignments`, {
      version,
      changes: [0, 1].map((d) => ({ staffMemberId: nina, date: addDays(start, d), shiftTypeId: null })),
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    const open = async (code: string) =>
      (
        await t.db
          .insertInto('open_shifts')
          .values({
            id: randomUUID(),
            organization_id: org.id,
            roster_id: nextId,
            on_date: start,
            shift_type_id: shift[code] ?? '',
            position: 'rn',
            reason: 'sick call',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const claim = (id: string) => t.app.inject({ method: 'POST', url: `/api/open-shifts/${id}/claim`, headers: as(staff) });
    // staff may not break a rule themselves, the rest across rosters included
    const day = await claim(await open('D'));
    expect(day.statusCode, day.body).toBe(409);
    expect(day.json().detail).toBe(`You cannot take this shift: Nina History: shift D on ${start}: ${restReason}`);
    // the night starts 16 h after her last shift ended, and makes five in a row with the four before: hers
    const night = await claim(await open('N'));
    expect(night.statusCode, night.body).toBe(200);
    const roster = (await api('GET', `/api/rosters/${nextId}`)).json();
    expect(roster.assignments.filter((a: { staffMemberId: string }) => a.staffMemberId === nina)).toEqual([
      { staffMemberId: nina, date: start, shiftTypeId: shift.N },
    ]);
  });
});
