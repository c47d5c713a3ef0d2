import { z } from 'zod';
import { Id } from './common.js';
import { WorkweekStart } from './facility-settings.js';
import { StaffPosition } from './staff.js';

// Rostering: units, shift types, coverage demand, leave, shift requests, rosters (generate,
// evaluate, edit, repair, publish), my shifts, open shifts and swap requests.

const isoDate = z.iso.date();
// HH:MM (seconds are accepted and ignored)
const time = z.iso.time().meta({ format: 'time' });

export const RosterUnit = z.object({
  id: Id,
  facilityId: Id,
  name: z.string(),
  /** Rest between the end of one shift and the start of the next; shorter turnarounds are never rostered. */
  minRestMinutes: z.number().int(),
});
export type RosterUnit = z.infer<typeof RosterUnit>;
export const CreateRosterUnitRequest = z.object({ facilityId: Id, name: z.string().trim().min(1).max(80) });
export type CreateRosterUnitRequest = z.infer<typeof CreateRosterUnitRequest>;
export const UpdateRosterUnitRequest = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  minRestMinutes: z.number().int().min(0, 'must not be negative').max(1440, 'must be at most 1440 minutes (24 hours)').optional(),
});
export type UpdateRosterUnitRequest = z.infer<typeof UpdateRosterUnitRequest>;
export const RosterUnitQuery = z.object({ facilityId: Id.optional() });

export const ShiftType = z.object({
  id: Id,
  facilityId: Id,
  unitId: Id,
  code: z.string(),
  name: z.string(),
  startTime: z.string(),
  minutes: z.number().int(),
  positions: z.array(StaffPosition),
  /** Codes of the shifts that may not be worked the next day (too little rest); in the unit's shift type list. */
  notFollowedBy: z.array(z.string()).optional(),
});
export type ShiftType = z.infer<typeof ShiftType>;
export const CreateShiftTypeRequest = z.object({
  unitId: Id,
  code: z.string().regex(/^[A-Z0-9]{1,4}$/, '1 to 4 capital letters or digits'),
  name: z.string().trim().min(1).max(60),
  startTime: time,
  // messages a manager reads under the field (the 400 names it)
  minutes: z.number().int().min(60, 'must be at least 60 minutes (1 hour)').max(1440, 'must be at most 1440 minutes (24 hours)'),
  positions: z.array(StaffPosition).min(1, 'choose at least one position').max(16),
});
export type CreateShiftTypeRequest = z.infer<typeof CreateShiftTypeRequest>;
export const UpdateShiftTypeRequest = CreateShiftTypeRequest.omit({ unitId: true, code: true }).partial();
export type UpdateShiftTypeRequest = z.infer<typeof UpdateShiftTypeRequest>;
export const UnitQuery = z.object({ unitId: Id });

export const CoverageDemand = z.object({
  id: Id,
  unitId: Id,
  shiftTypeId: Id,
  position: StaffPosition,
  weekday: z.number().int().nullable(),
  onDate: isoDate.nullable(),
  required: z.number().int(),
});
export type CoverageDemand = z.infer<typeof CoverageDemand>;
export const CreateCoverageDemandRequest = z.object({
  shiftTypeId: Id,
  position: StaffPosition,
  /** 0 Monday .. 6 Sunday; give this or onDate. */
  weekday: z.number().int().min(0).max(6).optional(),
  onDate: isoDate.optional(),
  required: z.number().int().min(0, 'must not be negative').max(100, 'must be at most 100'),
});
export type CreateCoverageDemandRequest = z.infer<typeof CreateCoverageDemandRequest>;

export const LeaveKind = z.enum(['vacation', 'sick', 'day_off', 'training', 'other']);
export const Leave = z.object({
  id: Id,
  staffMemberId: Id,
  facilityId: Id,
  startsOn: isoDate,
  endsOn: isoDate,
  kind: LeaveKind,
});
export type Leave = z.infer<typeof Leave>;
export const CreateLeaveRequest = z
  .object({ staffMemberId: Id, startsOn: isoDate, endsOn: isoDate, kind: LeaveKind })
  .refine((l) => l.endsOn >= l.startsOn, { message: 'must not be before startsOn', path: ['endsOn'] });
export type CreateLeaveRequest = z.infer<typeof CreateLeaveRequest>;
export const DateRangeQuery = z.object({ facilityId: Id, from: isoDate, to: isoDate });

export const ShiftRequest = z.object({
  id: Id,
  staffMemberId: Id,
  onDate: isoDate,
  shiftTypeId: Id.nullable(),
  kind: z.enum(['on', 'off']),
  weight: z.number().int(),
});
export type ShiftRequest = z.infer<typeof ShiftRequest>;
export const CreateShiftRequestRequest = z.object({
  staffMemberId: Id,
  onDate: isoDate,
  shiftTypeId: Id.nullable().optional(),
  kind: z.enum(['on', 'off']),
  weight: z.number().int().min(1).max(10).default(3),
});
export type CreateShiftRequestRequest = z.infer<typeof CreateShiftRequestRequest>;

export const RosterStatus = z.enum(['draft', 'published']);
export const RosterSummary = z.object({
  id: Id,
  facilityId: Id,
  unitId: Id,
  unitName: z.string(),
  startDate: isoDate,
  days: z.number().int(),
  status: RosterStatus,
  version: z.number().int(),
  publishedAt: z.string().nullable(),
});
export type RosterSummary = z.infer<typeof RosterSummary>;
export const CreateRosterRequest = z.object({
  unitId: Id,
  /** Any day of the week (a Sunday-to-Saturday roster, a pay period's first day); overtime is counted in the facility's workweek all the same. */
  startDate: isoDate,
  days: z.number().int().min(7).max(56).multipleOf(7),
});
export type CreateRosterRequest = z.infer<typeof CreateRosterRequest>;

export const RosterAssignment = z.object({ staffMemberId: Id, date: isoDate, shiftTypeId: Id });
export type RosterAssignment = z.infer<typeof RosterAssignment>;

export const RosterViolation = z.object({
  constraint: z.string(),
  staffMemberId: Id.nullable(),
  dates: z.array(isoDate),
  message: z.string(),
});
export type RosterViolation = z.infer<typeof RosterViolation>;
export const CoverageCell = z.object({
  date: isoDate,
  shiftTypeId: Id,
  position: StaffPosition,
  required: z.number().int(),
  assigned: z.number().int(),
});
export type CoverageCell = z.infer<typeof CoverageCell>;
export const OvertimeProjection = z.object({
  totalCents: z.number().int(),
  hours: z.number(),
  people: z.array(z.object({ staffMemberId: Id, name: z.string(), overtimeHours: z.number(), costCents: z.number().int() })),
  /** People with no pay rate on file (their overtime cannot be priced). */
  unpriced: z.number().int(),
  /** The facility's workweek the hours are counted in. */
  workweek: WorkweekStart,
});
export type OvertimeProjection = z.infer<typeof OvertimeProjection>;
/** The soft penalty's parts, as the evaluator computes them (overtime weights per minute make fractions). */
export const PenaltyBreakdown = z.object({
  underCover: z.number(),
  overCover: z.number(),
  /** Shift-on and shift-off requests not granted. */
  requests: z.number(),
  /** Projected overtime of non-exempt staff, weighed by pay (soft-terms.ts in the rostering module). */
  overtime: z.number(),
  /** Nights and weekends worked beyond each person's fair share. */
  fairness: z.number(),
});
export type PenaltyBreakdown = z.infer<typeof PenaltyBreakdown>;
export const RosterEvaluation = z.object({
  feasible: z.boolean(),
  /** The soft penalty, rounded to a whole number (the breakdown has the exact parts). */
  penalty: z.number().int(),
  breakdown: PenaltyBreakdown,
  violations: z.array(RosterViolation),
  coverage: z.array(CoverageCell),
  overtime: OvertimeProjection,
});
export type RosterEvaluation = z.infer<typeof RosterEvaluation>;

/**
 * Where a person stands when the roster starts, from the facility's published rosters before it:
 * the run of work or rest in progress (days: its length up to the day before, a lower bound when
 * it reaches back past what is published or past two weeks) and the last shift, whose end the
 * rest before the first shifts is measured from. Null: nothing published before the roster.
 */
export const PersonBefore = z.object({
  worked: z.boolean(),
  days: z.number().int().min(1),
  lastShift: z.object({ code: z.string().nullable(), endsAt: z.string() }).nullable(),
});
export type PersonBefore = z.infer<typeof PersonBefore>;
export const RosterPerson = z.object({
  id: Id,
  name: z.string(),
  position: StaffPosition,
  employmentType: z.enum(['full_time', 'part_time', 'per_diem']),
  before: PersonBefore.nullable(),
});
export const BlockedCell = z.object({ staffMemberId: Id, date: isoDate, shiftTypeId: Id, reason: z.string() });
export type BlockedCell = z.infer<typeof BlockedCell>;
export const RosterDetail = RosterSummary.extend({
  shiftTypes: z.array(ShiftType),
  people: z.array(RosterPerson),
  assignments: z.array(RosterAssignment),
  /** Cells the credential gate (or the position) closes, with the reason, for the grid to grey out. */
  blocked: z.array(BlockedCell),
  leave: z.array(z.object({ staffMemberId: Id, date: isoDate })),
  evaluation: RosterEvaluation,
});
export type RosterDetail = z.infer<typeof RosterDetail>;
export const RosterQuery = z.object({ facilityId: Id.optional() });

export const EvaluateDraftRequest = z.object({ assignments: z.array(RosterAssignment).max(5000) });
export type EvaluateDraftRequest = z.infer<typeof EvaluateDraftRequest>;
export const UpdateAssignmentsRequest = z.object({
  /** The version read; another change since answers 409. */
  version: z.number().int().min(1),
  changes: z
    .array(z.object({ staffMemberId: Id, date: isoDate, shiftTypeId: Id.nullable() }))
    .min(1)
    .max(500),
});
export type UpdateAssignmentsRequest = z.infer<typeof UpdateAssignmentsRequest>;
export const VersionRequest = z.object({ version: z.number().int().min(1) });

export const SolveRequest = z.object({
  timeLimitSeconds: z.number().int().min(1).max(300).default(10),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});
export type SolveRequest = z.infer<typeof SolveRequest>;
export const SolveRun = z.object({
  id: Id,
  rosterId: Id,
  mode: z.enum(['solve', 'repair']),
  /**
   * queued: waiting for a worker; interrupted: the server running it stopped (restart, crash) and
   * nothing was applied, see `error`.
   */
  status: z.enum(['queued', 'running', 'done', 'stopped', 'failed', 'interrupted']),
  timeLimitMs: z.number().int(),
  objective: z.number().int().nullable(),
  hardViolations: z.number().int().nullable(),
  elapsedMs: z.number().int(),
  iterations: z.number().int(),
  /**
   * The roster meets the lower bound the solver proved (its column generation converged): no
   * roster with these people and rules has a lower penalty, so what is left short cannot be filled
   * by rearranging shifts.
   */
  provenBest: z.boolean(),
  error: z.string().nullable(),
});
export type SolveRun = z.infer<typeof SolveRun>;
export const SolveRunParams = z.object({ id: Id, runId: Id });
/** A roster's runs, newest first: `limit=1` is its latest (none when it was never solved). */
export const SolveRunQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });

export const SickCallRequest = z
  .object({ version: z.number().int().min(1), staffMemberId: Id, startsOn: isoDate, endsOn: isoDate })
  .refine((l) => l.endsOn >= l.startsOn, { message: 'must not be before startsOn', path: ['endsOn'] });
export type SickCallRequest = z.infer<typeof SickCallRequest>;
export const RepairResult = z.object({
  changes: z.array(z.object({ staffMemberId: Id, date: isoDate, from: Id.nullable(), to: Id.nullable() })),
  openShifts: z.number().int(),
  roster: RosterDetail,
});
export type RepairResult = z.infer<typeof RepairResult>;

export const MyShift = z.object({
  rosterId: Id,
  date: isoDate,
  shiftTypeId: Id,
  code: z.string(),
  name: z.string(),
  startTime: z.string(),
  minutes: z.number().int(),
  facilityName: z.string(),
  unitName: z.string(),
  timeZone: z.string(),
});
export type MyShift = z.infer<typeof MyShift>;
export const MyShiftsQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });
export const MyShifts = z.object({ staffMemberId: Id.nullable(), shifts: z.array(MyShift) });
export type MyShifts = z.infer<typeof MyShifts>;
export const ColleaguesQuery = z.object({ rosterId: Id });
export const Colleague = z.object({ id: Id, name: z.string() });
export type Colleague = z.infer<typeof Colleague>;
export const ShiftFeedLink = z.object({ path: z.string() });
export type ShiftFeedLink = z.infer<typeof ShiftFeedLink>;

export const OpenShiftQuery = z.object({ status: z.enum(['open', 'claimed', 'cancelled']).optional() });
export const OpenShift = z.object({
  id: Id,
  rosterId: Id,
  date: isoDate,
  shiftTypeId: Id,
  shiftCode: z.string(),
  position: StaffPosition,
  reason: z.string(),
  status: z.enum(['open', 'claimed', 'cancelled']),
  claimedBy: Id.nullable(),
});
export type OpenShift = z.infer<typeof OpenShift>;

export const SwapRequest = z.object({
  id: Id,
  rosterId: Id,
  requesterId: Id,
  requesterName: z.string(),
  date: isoDate,
  takerId: Id,
  takerName: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  decisionNote: z.string().nullable(),
});
export type SwapRequest = z.infer<typeof SwapRequest>;
export const CreateSwapRequest = z.object({ rosterId: Id, date: isoDate, takerId: Id });
export type CreateSwapRequest = z.infer<typeof CreateSwapRequest>;
export const DecideSwapRequest = z.object({ approve: z.boolean(), note: z.string().trim().max(500).optional() });
export type DecideSwapRequest = z.infer<typeof DecideSwapRequest>;

export const StaffContract = z.object({
  staffMemberId: Id,
  employmentType: z.enum(['full_time', 'part_time', 'per_diem']),
  /** True when no own limits are stored and the employment type's defaults apply. */
  isDefault: z.boolean(),
  minMinutesPerWeek: z.number().int(),
  maxMinutesPerWeek: z.number().int(),
  maxConsecutiveShifts: z.number().int(),
  /** The shortest run of shifts between days off (runs at either end of a roster are exempt). */
  minConsecutiveShifts: z.number().int(),
  minConsecutiveDaysOff: z.number().int(),
  maxWeekendsPer4Weeks: z.number().int(),
  maxNightsPer4Weeks: z.number().int().nullable(),
  /** Most shifts of a type per 4 weeks, by shift code (a code left out has no limit of its own). */
  maxShiftsPer4Weeks: z.record(z.string(), z.number().int()),
});
export type StaffContract = z.infer<typeof StaffContract>;
export const SetStaffContractRequest = z.object({
  minMinutesPerWeek: z.number().int().min(0).max(4800),
  maxMinutesPerWeek: z.number().int().min(0).max(4800),
  maxConsecutiveShifts: z.number().int().min(1).max(14),
  /** 1 (the default when left out): a single shift between days off is fine. */
  minConsecutiveShifts: z.number().int().min(1).max(7).default(1),
  minConsecutiveDaysOff: z.number().int().min(1).max(7),
  maxWeekendsPer4Weeks: z.number().int().min(0).max(4),
  maxNightsPer4Weeks: z.number().int().min(0).max(28).nullable(),
  maxShiftsPer4Weeks: z
    .record(z.string().regex(/^[A-Z0-9]{1,4}$/, 'a shift code'), z.number().int().min(0).max(28, 'must be at most 28'))
    .default({}),
});
export type SetStaffContractRequest = z.infer<typeof SetStaffContractRequest>;
