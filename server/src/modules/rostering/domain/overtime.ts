// Projected overtime of a roster under the FLSA 40-hour rule (rules.md 1.1): each fixed workweek
// stands alone; non-exempt people earn 1.5 x the regular rate for hours over 40; the regular rate
// is the week's straight-time pay divided by its hours (a weighted average when shifts pay
// different rates, 29 CFR 778.115). Money is integer cents.
//
// The workweek is the facility's: the employer fixes it as any 168 hours of 7 consecutive 24-hour
// periods, beginning on any day and at any hour (29 CFR 778.105). Hours count in the workweek they
// are worked, so a shift across the week's boundary is split at the boundary. A roster need not
// begin on the workweek's first day (a roster may start on any day; a Monday roster against a
// Sunday workweek, common in nursing homes, is one case), so its first workweek may have begun before it: the hours already worked in that
// workweek count toward its 40, and the roster is charged only the overtime its own hours add
// (see computeOvertime). Times are the facility's wall clock, days of 24 hours and shifts of their
// set length, as everywhere in the roster: on a DST night the week is an hour shorter or longer
// in real time, and a night shift's paid length is the shift type's, not the clock's difference.

export type WorkedShift = {
  /** Day index from the roster's first day (day 0); negative for shifts worked before the roster. */
  day: number;
  /** Minutes after midnight the shift starts. */
  startMinute: number;
  minutes: number;
  /** Straight-time pay per hour for this shift (base plus any differential), in cents. */
  rateCents: number;
};

/**
 * When the facility's workweek begins: a weekday (0 Monday .. 6 Sunday, as weekdayOf counts) and
 * an hour. The hour is there because 778.105 allows any hour and facilities that work round the
 * clock often begin the workweek at a shift change (07:00, 23:00), so that no shift is split
 * between two workweeks.
 */
export type Workweek = { startDay: number; startHour: number };

/** Monday 00:00: what the app assumed before the setting existed, and the default. */
export const DEFAULT_WORKWEEK: Workweek = { startDay: 0, startHour: 0 };

export type OvertimeWeek = {
  week: number;
  /** When the workweek begins, in minutes from the roster's day 0 midnight (negative: before the roster). */
  startMinute: number;
  /** All hours of the workweek: those worked before the roster and the roster's. */
  hours: number;
  /** Hours of the workweek worked before the roster began. */
  hoursBefore: number;
  /** The whole workweek's straight-time pay. */
  straightCents: number;
  /** The whole workweek's regular rate, cents per hour (rounded). */
  regularRateCents: number;
  /** Overtime hours the roster's hours add (all the week's when nothing was worked before). */
  overtimeHours: number;
  /** The extra half-time owed for those overtime hours. */
  premiumCents: number;
  /** What those overtime hours cost in all: 1.5 x the regular rate x overtime hours. */
  overtimeCostCents: number;
};

export type PersonOvertime = { weeks: OvertimeWeek[]; overtimeHours: number; overtimeCostCents: number; premiumCents: number };

const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;
const FLSA_WEEKLY_HOURS = 40;

/**
 * Where the workweek holding the start of a day begins, in minutes from that day's midnight: 0
 * when the day starts a workweek at 00:00, down to -(7 days - 1 minute). `weekday` is the day's
 * (0 Monday .. 6 Sunday). A workweek starting at 07:00 on the day itself began a week earlier for
 * the day's first seven hours, so it gives -(7 days - 7 hours).
 */
export function workweekStartMinute(weekday: number, workweek: Workweek): number {
  const boundary = workweek.startDay * DAY_MINUTES + workweek.startHour * 60;
  const since = (((weekday * DAY_MINUTES - boundary) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
  return since === 0 ? 0 : -since;
}

type Tally = { minutes: Map<number, number>; pay: Map<number, number> };

/** Minutes and straight pay per workweek; minutes before the first workweek are an earlier week's and are left out. */
function tally(shifts: readonly WorkedShift[], firstWeekStart: number, into: Tally = { minutes: new Map(), pay: new Map() }) {
  for (const s of shifts) {
    const start = s.day * DAY_MINUTES + s.startMinute;
    const end = start + s.minutes;
    // split at each workweek boundary the shift crosses
    for (let from = Math.max(start, firstWeekStart); from < end; ) {
      const week = Math.floor((from - firstWeekStart) / WEEK_MINUTES);
      const to = Math.min(end, firstWeekStart + (week + 1) * WEEK_MINUTES);
      into.minutes.set(week, (into.minutes.get(week) ?? 0) + (to - from));
      into.pay.set(week, (into.pay.get(week) ?? 0) + ((to - from) / 60) * s.rateCents);
      from = to;
    }
  }
  return into;
}

/**
 * Minutes per workweek (from the one holding day 0) of shifts worked before the roster, counted as
 * computeOvertime counts its `before`: the rostering engine's overtime term takes them as its
 * minutesBefore (model.ts OvertimeTerm), so the search and the projection see the same weeks.
 */
export function minutesPerWorkweek(shifts: readonly Omit<WorkedShift, 'rateCents'>[], firstWeekStart: number): number[] {
  const { minutes } = tally(
    shifts.map((s) => ({ ...s, rateCents: 0 })),
    firstWeekStart,
  );
  return Array.from({ length: Math.max(0, ...[...minutes.keys()].map((w) => w + 1)) }, (_, w) => minutes.get(w) ?? 0);
}

/** The overtime hours, premium and cost of one workweek's hours and straight pay. */
function weekOvertime(hours: number, straight: number, exempt: boolean) {
  const rate = hours > 0 ? straight / hours : 0;
  const overtimeHours = exempt ? 0 : Math.max(0, hours - FLSA_WEEKLY_HOURS);
  return { rate, overtimeHours, premium: overtimeHours * rate * 0.5, cost: overtimeHours * rate * 1.5 };
}

/**
 * One person's workweeks over a roster; exempt people owe no overtime (their hours are still
 * totalled). `firstWeekStart` is where the workweek holding day 0 began (workweekStartMinute; 0
 * when the roster starts a workweek); every workweek overlapping the roster's `days` is listed.
 *
 * `before` are shifts worked before day 0 (negative days) in that first workweek: they count
 * toward its 40 hours, but the roster is charged only the overtime its own hours add, i.e. the
 * week's overtime less what the earlier hours alone already made. A workweek split between two
 * rosters is then charged once in all: the earlier roster the overtime its hours make on their
 * own, the later one the rest. The premium and cost use the whole week's regular rate, as the
 * payroll will (less what the earlier hours alone cost at their own rate).
 */
export function computeOvertime(
  shifts: readonly WorkedShift[],
  opts: { exempt: boolean; firstWeekStart?: number; days?: number; before?: readonly WorkedShift[] },
): PersonOvertime {
  const first = opts.firstWeekStart ?? 0;
  const before = tally(opts.before ?? [], first);
  const all = tally(shifts, first, tally(opts.before ?? [], first));
  const listed = Math.ceil(((opts.days ?? 0) * DAY_MINUTES - first) / WEEK_MINUTES);
  const weekCount = Math.max(listed, ...[...all.minutes.keys()].map((w) => w + 1));
  const weeks: OvertimeWeek[] = [];
  for (let week = 0; week < weekCount; week++) {
    const hours = (all.minutes.get(week) ?? 0) / 60;
    const hoursBefore = (before.minutes.get(week) ?? 0) / 60;
    const straight = all.pay.get(week) ?? 0;
    const whole = weekOvertime(hours, straight, opts.exempt);
    const earlier = weekOvertime(hoursBefore, before.pay.get(week) ?? 0, opts.exempt);
    weeks.push({
      week,
      startMinute: first + week * WEEK_MINUTES,
      hours,
      hoursBefore,
      straightCents: Math.round(straight),
      regularRateCents: Math.round(whole.rate),
      overtimeHours: whole.overtimeHours - earlier.overtimeHours,
      premiumCents: Math.round(whole.premium - earlier.premium),
      overtimeCostCents: Math.round(whole.cost - earlier.cost),
    });
  }
  return {
    weeks,
    overtimeHours: weeks.reduce((a, w) => a + w.overtimeHours, 0),
    overtimeCostCents: weeks.reduce((a, w) => a + w.overtimeCostCents, 0),
    premiumCents: weeks.reduce((a, w) => a + w.premiumCents, 0),
  };
}
