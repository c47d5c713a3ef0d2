// A unit the solver can work on, for the solve-job tests: three RNs, one day shift needing one of
// them every day, and `count` one-week rosters of it. Small, so a solve finds a roster in a
// second, yet it runs until its time limit or a stop, which is what the tests of stopping,
// restarting and killing need.

import { createRoster } from '../src/modules/rostering/service/rosters.js';
import { createShiftType, createUnit, setDemand } from '../src/modules/rostering/service/setup.js';
import { type QualifiedStaffSeed, seedCredentialCatalogue, seedQualifiedStaff } from '../src/modules/staff/index.js';
import type { Ctx } from '../src/platform/context.js';
import { mondayOf } from '../src/shared/calendar.js';

const rn = (first: string): QualifiedStaffSeed => ({
  first,
  last: 'Jobs',
  position: 'rn',
  employmentType: 'full_time',
  shift: 'day',
  hourlyCents: 3000,
  expiresInDays: 400,
});

/** Answers the rosters' ids. `ctx` acts as the system in `facilityId`. */
export async function seedSolvableRosters(ctx: Ctx, facilityId: string, count: number): Promise<string[]> {
  const today = new Date().toISOString().slice(0, 10);
  await seedCredentialCatalogue(ctx);
  await seedQualifiedStaff(ctx, facilityId, [rn('Rina'), rn('Remy'), rn('Rhea')], today);
  const unit = await createUnit(ctx, { facilityId, name: 'Jobs unit' });
  const day = await createShiftType(ctx, {
    unitId: unit.id,
    code: 'D',
    name: 'Day',
    startTime: '07:00',
    minutes: 480,
    positions: ['rn'],
  });
  for (let weekday = 0; weekday < 7; weekday++)
    await setDemand(ctx, { shiftTypeId: day.id, position: 'rn', weekday, required: 1 });
  const rosters: string[] = [];
  for (let i = 0; i < count; i++)
    rosters.push((await createRoster(ctx, { unitId: unit.id, startDate: mondayOf(today), days: 7 })).id);
  return rosters;
}
