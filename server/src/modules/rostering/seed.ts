import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { addDays, mondayOf } from '../../shared/calendar.js';
import { type QualifiedStaffSeed, seedQualifiedStaff } from '../staff/index.js';
import { solveRoster } from './domain/solve-phases.js';
import { fromGrid, loadRoster, rosterContext } from './service/context.js';
import { writeAssignments } from './service/rosters.js';
import { facilityTodays } from './service/today.js';

// Riverside Care Center's rostering: one 60-bed long-term care unit on three 8-hour shifts.
//
// Demand per shift (every day of the week), chosen for a 60-bed home:
//   day 07-15:     1 RN, 2 LPN, 6 CNA   (1 aide per 10 residents for washing, meals, mobility)
//   evening 15-23: 1 RN, 2 LPN, 5 CNA   (1 per 12: dinner and bedtime, fewer care tasks)
//   night 23-07:   1 RN, 1 LPN, 3 CNA   (1 per 20: rounds and repositioning)
// That is 22 shifts a day, 176 hours for 60 residents: 2.93 nursing hours per resident day,
// 0.40 of them RN, 1.87 CNA. An RN on site around the clock exceeds the federal 8-hours-a-day RN
// rule and keeps a licensed nurse in charge on every tour (rules.md 5.5); the total sits between
// the US average and the repealed 3.48 target, which rules.md says to treat as configurable.
//
// Covering that takes about 4.2 RN, 7 LPN and 19.6 CNA full-time equivalents, and weekends are
// the binding part (full-time staff work every other weekend): the staff seed has 5 RNs (one
// unverified), 5 LPNs (one licence lapsing this month) and 10 CNAs, so this adds the rest.

export const EXTRA_STAFF: readonly QualifiedStaffSeed[] = [
  {
    first: 'Naomi',
    last: 'Feld',
    position: 'rn',
    employmentType: 'full_time',
    shift: 'day',
    hourlyCents: 4150,
    expiresInDays: 410,
  },
  {
    first: 'Victor',
    last: 'Amadi',
    position: 'rn',
    employmentType: 'per_diem',
    shift: 'night',
    hourlyCents: 4400,
    expiresInDays: 300,
  },
  {
    first: 'Irene',
    last: 'Kowal',
    position: 'lpn',
    employmentType: 'full_time',
    shift: 'day',
    hourlyCents: 2900,
    expiresInDays: 520,
  },
  {
    first: 'Marcus',
    last: 'Dunn',
    position: 'lpn',
    employmentType: 'full_time',
    shift: 'evening',
    hourlyCents: 2850,
    expiresInDays: 260,
  },
  {
    first: 'Leah',
    last: 'Sorensen',
    position: 'lpn',
    employmentType: 'full_time',
    shift: 'night',
    hourlyCents: 3000,
    expiresInDays: 610,
  },
  {
    first: 'Pedro',
    last: 'Alvarez',
    position: 'lpn',
    employmentType: 'per_diem',
    shift: 'day',
    hourlyCents: 3100,
    expiresInDays: 190,
  },
  ...(
    [
      ['Aisha', 'Bello', 'day'],
      ['Connor', 'Walsh', 'day'],
      ['Dolores', 'Vega', 'day'],
      ['Ethan', 'Cho', 'day'],
      ['Fatima', 'Rahman', 'evening'],
      ['George', 'Lindqvist', 'evening'],
      ['Holly', 'Baptiste', 'evening'],
      ['Isaac', 'Morales', 'night'],
      ['Jada', 'Freeman', 'night'],
      ['Kofi', 'Mensah', 'day'],
      ['Lucia', 'Ferri', 'evening'],
      ['Mei', 'Tanaka', 'night'],
      ['Noah', 'Gallagher', 'day'],
      ['Olga', 'Ivanova', 'evening'],
    ] as const
  ).map(
    ([first, last, shift], i): QualifiedStaffSeed => ({
      first,
      last,
      position: 'cna',
      employmentType: i < 10 ? 'full_time' : 'per_diem',
      shift,
      hourlyCents: 1750 + ((i * 37) % 300),
      expiresInDays: 120 + i * 29,
    }),
  ),
];

const SHIFTS = [
  { code: 'D', name: 'Day', start: '07:00', demand: { rn: 1, lpn: 2, cna: 6 } },
  { code: 'E', name: 'Evening', start: '15:00', demand: { rn: 1, lpn: 2, cna: 5 } },
  { code: 'N', name: 'Night', start: '23:00', demand: { rn: 1, lpn: 1, cna: 3 } },
] as const;

/** The nursing home's unit, shift types, demand, extra staff, some leave and requests, and a published 4-week roster. */
export async function seedRostering(ctx: Ctx, facilityId: string, opts: { solveIterations?: number } = {}) {
  // the roster starts on the Monday of the facility's week, whatever the server's zone
  const today = (await facilityTodays(ctx, [facilityId])).get(facilityId) ?? ctx.clock.now().toISOString().slice(0, 10);
  const start = mondayOf(today);
  const unitId = randomUUID();
  const rosterId = randomUUID();
  await inTransaction(ctx, async (tx) => {
    const extra = await seedQualifiedStaff(tx, facilityId, EXTRA_STAFF, today);
    await tx.db
      .insertInto('roster_units')
      .values({ id: unitId, organization_id: ctx.organizationId, facility_id: facilityId, name: 'Long-term care' })
      .execute();
    for (const s of SHIFTS) {
      const shiftTypeId = randomUUID();
      await tx.db
        .insertInto('shift_types')
        .values({
          id: shiftTypeId,
          organization_id: ctx.organizationId,
          facility_id: facilityId,
          unit_id: unitId,
          code: s.code,
          name: s.name,
          start_time: s.start,
          minutes: 480,
          positions: ['rn', 'lpn', 'cna'],
        })
        .execute();
      for (const [position, required] of Object.entries(s.demand))
        for (let weekday = 0; weekday < 7; weekday++)
          await tx.db
            .insertInto('coverage_demands')
            .values({
              id: randomUUID(),
              organization_id: ctx.organizationId,
              facility_id: facilityId,
              unit_id: unitId,
              shift_type_id: shiftTypeId,
              position,
              weekday,
              on_date: null,
              required,
            })
            .execute();
    }
    // a week of vacation for one aide, a training day for a nurse, and a few wishes
    const [rn1, , lpn1, , , , cna1, cna2, cna3] = extra;
    const leave = [
      { who: cna1, from: addDays(start, 9), to: addDays(start, 13), kind: 'vacation' as const },
      { who: rn1, from: addDays(start, 16), to: addDays(start, 16), kind: 'training' as const },
    ];
    for (const l of leave)
      if (l.who)
        await tx.db
          .insertInto('staff_leave')
          .values({
            id: randomUUID(),
            organization_id: ctx.organizationId,
            facility_id: facilityId,
            staff_member_id: l.who,
            starts_on: l.from,
            ends_on: l.to,
            kind: l.kind,
            created_by: null,
          })
          .execute();
    const requests = [
      { who: cna2, day: 5, kind: 'off' as const },
      { who: cna2, day: 6, kind: 'off' as const },
      { who: lpn1, day: 12, kind: 'off' as const },
      { who: cna3, day: 19, kind: 'off' as const },
    ];
    for (const r of requests)
      if (r.who)
        await tx.db
          .insertInto('shift_requests')
          .values({
            id: randomUUID(),
            organization_id: ctx.organizationId,
            facility_id: facilityId,
            staff_member_id: r.who,
            on_date: addDays(start, r.day),
            shift_type_id: null,
            kind: r.kind,
            weight: 3,
          })
          .execute();
    await tx.db
      .insertInto('rosters')
      .values({
        id: rosterId,
        organization_id: ctx.organizationId,
        facility_id: facilityId,
        unit_id: unitId,
        start_date: start,
        days: 28,
        created_by: null,
      })
      .execute();
    await recordAudit(tx, { action: 'rostering.seed', entityType: 'roster', entityId: rosterId, facilityId });
    // the current four weeks, solved deterministically (a fixed seed and move budget) and published
    const rc = await rosterContext(tx, await loadRoster(tx, rosterId));
    const result = solveRoster(rc.problem, { seed: 7, maxIterations: opts.solveIterations ?? 300_000 });
    await writeAssignments(tx, rc, fromGrid(rc, result.roster), 'rostering.roster.solved', {
      objective: result.evaluation.objective,
    });
    await tx.db
      .updateTable('rosters')
      .set({ status: 'published', published_at: ctx.clock.now() })
      .where('id', '=', rosterId)
      .execute();
  });
  return { unitId, rosterId };
}
