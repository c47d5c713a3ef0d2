// A unit the solver can work on, for the solve-job tests, whose rosters no solve can prove best
// possible, so a long solve is still running whenever a test stops or kills it. Three per-diem
// RNs may each work Tuesday to Thursday as one run (on leave Monday and Friday to Sunday, runs of
// at least 3) with two D shifts and one X (education), or not at all; D is wanted once a day on
// those three days. Half of each nurse's run would cover every D exactly (the LP bound is 0), but
// any roster puts an even number of D shifts on three places: at best one over, 1. (Before, with
// one D a day and no such rules, a solve could prove its roster and end after the annealing
// start, 5% of the time limit, which gave the tests 15 s.) A solve of one second still finds a
// roster.

import { setContract } from '../src/modules/rostering/service/contracts.js';
import { createRoster } from '../src/modules/rostering/service/rosters.js';
import { createLeave, createShiftType, createUnit, setDemand } from '../src/modules/rostering/service/setup.js';
import { type QualifiedStaffSeed, seedCredentialCatalogue, seedQualifiedStaff } from '../src/modules/staff/index.js';
import type { Ctx } from '../src/platform/context.js';
import { addDays, mondayOf } from '../src/shared/calendar.js';

/** The longest time limit a solve accepts (contracts: 1 to 300 s). */
export const LONG_SOLVE_SECONDS = 300;

const rn = (first: string): QualifiedStaffSeed => ({
  first,
  last: 'Jobs',
  position: 'rn',
  employmentType: 'per_diem',
  shift: 'day',
  hourlyCents: 3000,
  expiresInDays: 400,
});

/** Answers the rosters' ids (one-week rosters of the same week). `ctx` acts as the system in `facilityId`. */
export async function seedSolvableRosters(ctx: Ctx, facilityId: string, count: number): Promise<string[]> {
  const today = new Date().toISOString().slice(0, 10);
  const monday = mondayOf(today);
  await seedCredentialCatalogue(ctx);
  const nurses = await seedQualifiedStaff(ctx, facilityId, [rn('Rina'), rn('Remy'), rn('Rhea')], today);
  const unit = await createUnit(ctx, { facilityId, name: 'Jobs unit' });
  const shift = (code: string, name: string, startTime: string) =>
    createShiftType(ctx, { unitId: unit.id, code, name, startTime, minutes: 480, positions: ['rn'] });
  const day = await shift('D', 'Day', '07:00');
  await shift('X', 'Education', '08:00');
  // Tuesday to Thursday (weekday 0 is Monday); X has no demand
  for (const weekday of [1, 2, 3]) await setDemand(ctx, { shiftTypeId: day.id, position: 'rn', weekday, required: 1 });
  for (const id of nurses) {
    await setContract(ctx, id, {
      minMinutesPerWeek: 0,
      maxMinutesPerWeek: 40 * 60,
      maxConsecutiveShifts: 3,
      minConsecutiveShifts: 3,
      minConsecutiveDaysOff: 1,
      maxWeekendsPer4Weeks: 4,
      maxNightsPer4Weeks: null,
      // per 4 weeks: a one-week roster allows a quarter, rounded up (2 D, 1 X)
      maxShiftsPer4Weeks: { D: 8, X: 4 },
    });
    await createLeave(ctx, { staffMemberId: id, startsOn: monday, endsOn: monday, kind: 'day_off' });
    await createLeave(ctx, { staffMemberId: id, startsOn: addDays(monday, 4), endsOn: addDays(monday, 6), kind: 'day_off' });
  }
  const rosters: string[] = [];
  for (let i = 0; i < count; i++) rosters.push((await createRoster(ctx, { unitId: unit.id, startDate: monday, days: 7 })).id);
  return rosters;
}
