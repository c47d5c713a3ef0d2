import type { PersonBefore, RosterDetail, RosterEvaluation, StaffPosition } from '@clinicops/contracts';
import type { Ctx } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import { addDays, daysBetween } from '../../../shared/calendar.js';
import { type RosterPerson, rosterPeople } from '../../staff/index.js';
import { buildProblem, type ContractLimits } from '../domain/build-problem.js';
import { evaluateRoster } from '../domain/evaluate.js';
import { HISTORY_DAYS, type HistoryBefore, historyBefore, type ShiftBefore, shiftEndsAt } from '../domain/history.js';
import type { RosterProblem } from '../domain/model.js';
import * as q from '../queries.js';
import { overtimeLookbackFrom, overtimeOf, type ShiftTimes, shiftsBefore, workweeksForSolver } from './overtime.js';

// Everything one roster is judged against: its people, shift types and the engine's problem,
// built fresh from the tables on every request so a new leave or an expired licence counts at once.

export type RosterContext = {
  roster: q.RosterRow;
  shiftTypes: q.ShiftTypeRow[];
  people: RosterPerson[];
  problem: RosterProblem;
  dates: string[];
  leaveDays: { staffMemberId: string; date: string }[];
  /** Shifts already worked in the roster's first workweek before it starts (overtime.ts), by person. */
  shiftsBefore: ReadonlyMap<string, ShiftTimes[]>;
  /** Each person's run and last shift before the roster (domain/history.ts), by staff member id. */
  history: ReadonlyMap<string, HistoryBefore>;
};

export async function loadRoster(ctx: Ctx, id: string, lock = false): Promise<q.RosterRow> {
  const row = await q.getRoster(ctx.db, ctx.organizationId, id, ctx.actor?.facilityIds ?? [], lock);
  if (!row) throw notFound('Roster');
  return row;
}

export async function rosterContext(ctx: Ctx, roster: q.RosterRow): Promise<RosterContext> {
  const end = addDays(roster.start_date, roster.days - 1);
  const shiftTypes = await q.listShiftTypes(ctx.db, ctx.organizationId, roster.unit_id);
  const positions = [...new Set(shiftTypes.flatMap((s) => s.positions))];
  const [people, demands, leave, requests] = await Promise.all([
    rosterPeople(ctx, roster.facility_id, positions, roster.start_date),
    q.listDemands(ctx.db, ctx.organizationId, roster.unit_id),
    q.listLeave(ctx.db, ctx.organizationId, roster.facility_id, roster.start_date, end),
    q.listRequests(ctx.db, ctx.organizationId, roster.facility_id, roster.start_date, end),
  ]);
  const ids = people.map((p) => p.id);
  // the published shifts before the roster, read once for the overtime's first workweek and the
  // history's look-back (the longer of the two)
  const to = addDays(roster.start_date, -1);
  const historyFrom = addDays(roster.start_date, -HISTORY_DAYS);
  const overtimeFrom = overtimeLookbackFrom(roster);
  const [from = historyFrom] = [overtimeFrom, historyFrom].sort();
  const [contracts, published, spans] = await Promise.all([
    q.listContracts(ctx.db, ctx.organizationId, ids),
    q.publishedShiftsBetween(ctx.db, ctx.organizationId, roster.facility_id, ids, from, to),
    q.publishedSpansBetween(ctx.db, ctx.organizationId, roster.facility_id, historyFrom, to),
  ]);
  const before = shiftsBefore(roster, published);
  const history = historyOf(roster, ids, published, spans);
  const contractOf = new Map<string, ContractLimits>(
    contracts.map((c) => [
      c.staff_member_id,
      {
        minMinutesPerWeek: c.min_minutes_per_week,
        maxMinutesPerWeek: c.max_minutes_per_week,
        maxConsecutiveShifts: c.max_consecutive_shifts,
        minConsecutiveShifts: c.min_consecutive_shifts,
        minConsecutiveDaysOff: c.min_consecutive_days_off,
        maxWeekendsPer4Weeks: c.max_weekends_per_4_weeks,
        maxNightsPer4Weeks: c.max_nights_per_4_weeks,
        maxShiftsPer4Weeks: c.max_shifts_per_4_weeks,
      },
    ]),
  );
  const byId = new Map(people.map((p) => [p.id, p]));
  // the solver prices overtime on the same workweeks, hours before included, as the projection
  const workweeks = workweeksForSolver(roster, before);
  const problem = buildProblem({
    startDate: roster.start_date,
    days: roster.days,
    workweekStartMinute: workweeks.startMinute,
    shiftTypes: shiftTypes.map((s) => ({
      id: s.id,
      code: s.code,
      startTime: s.start_time,
      minutes: s.minutes,
      positions: s.positions,
    })),
    demands: demands.map((d) => ({
      shiftTypeId: d.shift_type_id,
      position: d.position,
      weekday: d.weekday,
      onDate: d.on_date,
      required: d.required,
    })),
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      position: p.position,
      employmentType: p.employmentType,
      contract: contractOf.get(p.id) ?? null,
      flsaExempt: p.flsaExempt,
      hourlyRateCents: p.hourlyRateCents,
      minutesBefore: workweeks.minutesBefore.get(p.id) ?? [],
      ...history.get(p.id),
    })),
    leave: leave.map((l) => ({ staffMemberId: l.staff_member_id, startsOn: l.starts_on, endsOn: l.ends_on })),
    requests: requests.map((r) => ({
      staffMemberId: r.staff_member_id,
      onDate: r.on_date,
      shiftTypeId: r.shift_type_id,
      kind: r.kind,
      weight: r.weight,
    })),
    credentialReasons: (id, date) => byId.get(id)?.unqualifiedReasons(date) ?? ['not on this unit'],
    minRestMinutes: roster.unit_min_rest_minutes,
  });
  const dates = Array.from({ length: roster.days }, (_, d) => addDays(roster.start_date, d));
  const leaveDays = Object.entries(problem.daysOff).flatMap(([staffMemberId, days]) =>
    days.map((d) => ({ staffMemberId, date: dates[d] ?? '' })),
  );
  return { roster, shiftTypes, people, problem, dates, leaveDays, shiftsBefore: before, history };
}

/**
 * Each person's runs and last shift before the roster (domain/history.ts), from the facility's
 * published shifts and rosters of the look-back: the engine continues the runs across the
 * roster's start, and the rest rule closes the cells too close to the last shift.
 */
function historyOf(
  roster: q.RosterRow,
  ids: readonly string[],
  rows: readonly q.PublishedShiftBeforeRow[],
  spans: readonly { start_date: string; days: number }[],
): Map<string, HistoryBefore> {
  const shiftsOf = new Map<string, ShiftBefore[]>();
  for (const r of rows) {
    const shift = { date: r.on_date, startTime: r.start_time, minutes: r.minutes, code: r.code };
    shiftsOf.set(r.staff_member_id, [...(shiftsOf.get(r.staff_member_id) ?? []), shift]);
  }
  const published = spans.map((s) => ({ startDate: s.start_date, days: s.days }));
  return new Map(ids.map((id) => [id, historyBefore(roster.start_date, shiftsOf.get(id) ?? [], published)]));
}

type Assignment = { staffMemberId: string; date: string; shiftTypeId: string };

/** The engine's roster grid from stored or draft assignments (others' and out-of-range ones are dropped). */
export function toGrid(rc: RosterContext, assignments: readonly Assignment[]): (string | null)[][] {
  const codeOf = new Map(rc.shiftTypes.map((s) => [s.id, s.code]));
  const index = new Map(rc.problem.employees.map((e, i) => [e.id, i]));
  const grid = rc.problem.employees.map(() => Array.from({ length: rc.roster.days }, () => null as string | null));
  for (const a of assignments) {
    const e = index.get(a.staffMemberId);
    const d = daysBetween(rc.roster.start_date, a.date);
    const code = codeOf.get(a.shiftTypeId);
    const row = e === undefined ? undefined : grid[e];
    if (row && code && d >= 0 && d < rc.roster.days) row[d] = code;
  }
  return grid;
}

export function fromGrid(rc: RosterContext, grid: ReadonlyArray<ReadonlyArray<string | null>>): Assignment[] {
  const idOf = new Map(rc.shiftTypes.map((s) => [s.code, s.id]));
  const out: Assignment[] = [];
  rc.problem.employees.forEach((e, i) => {
    grid[i]?.forEach((code, d) => {
      const shiftTypeId = code ? idOf.get(code) : undefined;
      if (shiftTypeId) out.push({ staffMemberId: e.id, date: rc.dates[d] ?? '', shiftTypeId });
    });
  });
  return out;
}

/** The evaluator's verdict in the manager's words: names and dates instead of ids and day numbers. */
export function evaluate(rc: RosterContext, assignments: readonly Assignment[]): RosterEvaluation {
  const grid = toGrid(rc, assignments);
  const ev = evaluateRoster(rc.problem, grid);
  const nameOf = new Map(rc.people.map((p) => [p.id, p.name]));
  const dateOf = (d: string) => rc.dates[Number(d)] ?? `day ${d}`;
  const humanize = (message: string, id: string) =>
    message
      .replaceAll(id, nameOf.get(id) ?? id)
      .replace(/days (\d+)-(\d+)/g, (_, a: string, b: string) => `${dateOf(a)} to ${dateOf(b)}`)
      .replace(/day (\d+)/g, (_, a: string) => dateOf(a))
      .replace(
        /(\d+) minutes worked, at (most|least) (\d+)/,
        (_, m: string, w: string, l: string) => `${Number(m) / 60} hours worked, at ${w} ${Number(l) / 60}`,
      );
  const violations = ev.violations.map((v) => ({
    constraint: v.constraint,
    staffMemberId: nameOf.has(v.employee) ? v.employee : null,
    dates: v.days.map((d) => rc.dates[d] ?? '').filter(Boolean),
    message: humanize(v.message, v.employee),
  }));
  const idOf = new Map(rc.shiftTypes.map((s) => [s.code, s.id]));
  // the evaluator's own counts, so a gated-out person shows as a gap here as in the penalty
  const coverage = rc.problem.cover.map((c, i) => ({
    date: rc.dates[c.day] ?? '',
    shiftTypeId: idOf.get(c.shift) ?? '',
    position: (c.skill ?? 'rn') as StaffPosition,
    required: c.requirement,
    assigned: ev.coverCounts[i] ?? 0,
  }));
  const b = ev.breakdown;
  return {
    feasible: ev.feasible,
    penalty: Math.round(ev.objective),
    breakdown: {
      underCover: b.underCover,
      overCover: b.overCover,
      requests: b.shiftOnRequests + b.shiftOffRequests,
      overtime: b.overtime,
      fairness: b.fairness,
    },
    violations,
    coverage,
    overtime: overtimeOf(rc, grid),
  };
}

export async function detailOf(ctx: Ctx, rc: RosterContext): Promise<RosterDetail> {
  const rows = await q.listAssignments(ctx.db, ctx.organizationId, rc.roster.id);
  const assignments = rows.map((r) => ({ staffMemberId: r.staff_member_id, date: r.on_date, shiftTypeId: r.shift_type_id }));
  const idOf = new Map(rc.shiftTypes.map((s) => [s.code, s.id]));
  return {
    ...summaryOf(rc.roster),
    shiftTypes: rc.shiftTypes.map(toShiftType),
    people: rc.people.map((p) => ({
      id: p.id,
      name: p.name,
      position: p.position as StaffPosition,
      employmentType: p.employmentType,
      before: personBefore(rc.history.get(p.id)),
    })),
    assignments,
    blocked: (rc.problem.disallowed ?? [])
      .filter((d) => d.shift !== undefined && !d.reason.startsWith('shift '))
      .map((d) => ({
        staffMemberId: d.employee,
        date: rc.dates[d.day] ?? '',
        shiftTypeId: idOf.get(d.shift ?? '') ?? '',
        reason: d.reason,
      })),
    leave: rc.leaveDays,
    evaluation: evaluate(rc, assignments),
  };
}

/** The grid's note of where a person stands when the roster starts (contracts PersonBefore). */
function personBefore(h: HistoryBefore | undefined): PersonBefore | null {
  if (!h?.runBefore) return null;
  const last = h.lastShiftBefore;
  return { ...h.runBefore, lastShift: last ? { code: last.code ?? null, endsAt: shiftEndsAt(last) } : null };
}

export const summaryOf = (r: q.RosterRow) => ({
  id: r.id,
  facilityId: r.facility_id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  startDate: r.start_date,
  days: r.days,
  status: r.status,
  version: r.version,
  publishedAt: r.published_at ? r.published_at.toISOString() : null,
});

export const toShiftType = (s: q.ShiftTypeRow) => ({
  id: s.id,
  facilityId: s.facility_id,
  unitId: s.unit_id,
  code: s.code,
  name: s.name,
  startTime: s.start_time.slice(0, 5),
  minutes: s.minutes,
  positions: s.positions as StaffPosition[],
});
