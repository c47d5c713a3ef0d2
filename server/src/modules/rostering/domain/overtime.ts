// Projected overtime of a roster under the FLSA 40-hour rule (rules.md 1.1): each fixed workweek
// stands alone; non-exempt people earn 1.5 x the regular rate for hours over 40; the regular rate
// is the week's straight-time pay divided by its hours (a weighted average when shifts pay
// different rates, 29 CFR 778.115). Hours count in the workweek they are worked, so a night shift
// across the week's boundary is split at midnight. Money is integer cents.

export type WorkedShift = {
  /** Day index from the first day of the first workweek (day 0 starts a workweek). */
  day: number;
  /** Minutes after midnight the shift starts. */
  startMinute: number;
  minutes: number;
  /** Straight-time pay per hour for this shift (base plus any differential), in cents. */
  rateCents: number;
};

export type OvertimeWeek = {
  week: number;
  hours: number;
  overtimeHours: number;
  straightCents: number;
  /** The regular rate, cents per hour (rounded). */
  regularRateCents: number;
  /** The extra half-time owed for the overtime hours. */
  premiumCents: number;
  /** What the overtime hours cost in all: 1.5 x the regular rate x overtime hours. */
  overtimeCostCents: number;
};

export type PersonOvertime = { weeks: OvertimeWeek[]; overtimeHours: number; overtimeCostCents: number; premiumCents: number };

const WEEK_MINUTES = 7 * 24 * 60;

/** One person's weeks; exempt people owe no overtime (their hours are still totalled). */
export function computeOvertime(shifts: readonly WorkedShift[], opts: { exempt: boolean; weeks?: number }): PersonOvertime {
  const minutes = new Map<number, number>();
  const pay = new Map<number, number>();
  for (const s of shifts) {
    const start = s.day * 24 * 60 + s.startMinute;
    const end = start + s.minutes;
    // split at each workweek boundary the shift crosses
    for (let from = start; from < end; ) {
      const week = Math.floor(from / WEEK_MINUTES);
      const to = Math.min(end, (week + 1) * WEEK_MINUTES);
      minutes.set(week, (minutes.get(week) ?? 0) + (to - from));
      pay.set(week, (pay.get(week) ?? 0) + ((to - from) / 60) * s.rateCents);
      from = to;
    }
  }
  const weekCount = Math.max(opts.weeks ?? 0, ...[...minutes.keys()].map((w) => w + 1));
  const weeks: OvertimeWeek[] = [];
  for (let week = 0; week < weekCount; week++) {
    const m = minutes.get(week) ?? 0;
    const hours = m / 60;
    const straight = pay.get(week) ?? 0;
    const rate = hours > 0 ? straight / hours : 0;
    const overtimeHours = opts.exempt ? 0 : Math.max(0, hours - 40);
    weeks.push({
      week,
      hours,
      overtimeHours,
      straightCents: Math.round(straight),
      regularRateCents: Math.round(rate),
      premiumCents: Math.round(overtimeHours * rate * 0.5),
      overtimeCostCents: Math.round(overtimeHours * rate * 1.5),
    });
  }
  return {
    weeks,
    overtimeHours: weeks.reduce((a, w) => a + w.overtimeHours, 0),
    overtimeCostCents: weeks.reduce((a, w) => a + w.overtimeCostCents, 0),
    premiumCents: weeks.reduce((a, w) => a + w.premiumCents, 0),
  };
}
