// A unit the solver can work on, for the solve-job tests: three RNs, one day shift needing one of
// them every day, and `count` one-week rosters of it. Small, so a solve finds a roster in a
// second. The tests of stopping, restarting and killing need a solve that is still running a
// while later; a roster this small may be proven best possible and end the solve early
// (solve-phases.ts), but only after the annealing start, 5% of the time limit: LONG_SOLVE_SECONDS
// gives those tests 15 s, where they stop or kill it within seconds (with 120 s, 6 s, a run
// sometimes ended as proven while the killed-server test started its second server).

import { createRoster } from '../src/modules/rostering/service/rosters.js';
import { createShiftType, createUnit, setDemand } from '../src/modules/rostering/service/setup.js';
import { type QualifiedStaffSeed, seedCredentialCatalogue, seedQualifiedStaff } from '../src/modules/staff/index.js';
import type { Ctx } from '../src/platform/context.js';
import { mondayOf } from '../src/shared/calendar.js';

/** The longest time limit a solve accepts (contracts: 1 to 300 s). */
export const LONG_SOLVE_SECONDS = 300;

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
