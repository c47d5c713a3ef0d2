// "Today" on the rostering dashboard cards is the facility's calendar date, not UTC's: late on a
// Sunday evening in New York it is already Monday in UTC, and the manager must still see
// tonight's short shifts and open shifts.
import { randomUUID } from 'node:crypto';
import { permissions } from '@clinicops/contracts';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { rosteringCards } from '../src/modules/rostering/index.js';
import { createRoster } from '../src/modules/rostering/service/rosters.js';
import { createShiftType, createUnit, setDemand } from '../src/modules/rostering/service/setup.js';
import { facilityTodays } from '../src/modules/rostering/service/today.js';
import { fixedClock } from '../src/platform/clock.js';
import { type Ctx, systemActor } from '../src/platform/context.js';
import { createTestOrg, type TestOrg, testApp, testConfig } from './helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
let org: TestOrg;

const ctxAt = (iso: string, facilityIds: string[]): Ctx => ({
  db: t.db,
  organizationId: org.id,
  actor: systemActor('test', facilityIds, permissions),
  clock: fixedClock(iso),
  log: pino({ level: 'silent' }),
  config: testConfig(),
  requestId: 'test',
  ip: null,
});

// Sunday 2026-12-06, 10 pm in New York (facility A); already Monday 2026-12-07 in UTC
const SUNDAY_NIGHT_NY = '2026-12-07T03:00:00Z';

beforeAll(async () => {
  t = await testApp();
  org = await createTestOrg(t.db);
  // a one-week roster Monday 2026-11-30 .. Sunday 2026-12-06 at facility A, nobody on it, one
  // RN wanted on the Sunday day shift, and an open shift that Sunday
  const ctx = ctxAt(SUNDAY_NIGHT_NY, [org.facilities.a]);
  const unit = await createUnit(ctx, { facilityId: org.facilities.a, name: 'Ward' });
  const day = await createShiftType(ctx, {
    unitId: unit.id,
    code: 'D',
    name: 'Day',
    startTime: '07:00',
    minutes: 480,
    positions: ['rn'],
  });
  await setDemand(ctx, { shiftTypeId: day.id, position: 'rn', weekday: 6, required: 1 });
  const roster = await createRoster(ctx, { unitId: unit.id, startDate: '2026-11-30', days: 7 });
  await t.db
    .insertInto('open_shifts')
    .values({
      id: randomUUID(),
      organization_id: org.id,
      roster_id: roster.id,
      on_date: '2026-12-06',
      shift_type_id: day.id,
      position: 'rn',
      reason: 'sick call',
    })
    .execute();
});

describe('rostering today', () => {
  it('is each facility’s own calendar date', async () => {
    // 00:30 in New York, 23:30 the evening before in Chicago
    const todays = await facilityTodays(ctxAt('2026-12-07T05:30:00Z', [org.facilities.a, org.facilities.b]), [
      org.facilities.a,
      org.facilities.b,
    ]);
    expect(todays.get(org.facilities.a)).toBe('2026-12-07');
    expect(todays.get(org.facilities.b)).toBe('2026-12-06');
  });

  it('keeps Sunday night’s short shift and open shift on the cards until midnight at the facility', async () => {
    const value = (cards: Awaited<ReturnType<typeof rosteringCards>>, key: string) => cards.find((c) => c.key === key)?.value;
    const sunday = await rosteringCards(ctxAt(SUNDAY_NIGHT_NY, [org.facilities.a]));
    expect(value(sunday, 'rostering.understaffed')).toBe('1');
    expect(value(sunday, 'rostering.open_shifts')).toBe('1');
    // an hour after midnight in New York the week is over
    const monday = await rosteringCards(ctxAt('2026-12-07T06:00:00Z', [org.facilities.a]));
    expect(value(monday, 'rostering.understaffed')).toBe('0');
    expect(value(monday, 'rostering.open_shifts')).toBe('0');
  });
});
