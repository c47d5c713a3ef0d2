// Plain calendar dates ('YYYY-MM-DD') and times of day ('HH:MM'), shared by every module's pure
// rules. Arithmetic goes through UTC midnight so that no host time zone or DST change can shift a
// day. Time zones proper (instants, wall clocks) live with scheduling's zoned.ts and staff's dateIn.

const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (date: string, days: number) => fromUtc(toUtc(date) + days * DAY_MS);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((toUtc(to) - toUtc(from)) / DAY_MS);

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(year, month, Math.min(d, last)));
}

export function endOfMonth(date: string): string {
  const [y = 0, m = 1] = date.split('-').map(Number);
  return fromUtc(Date.UTC(y, m, 0));
}

export const isValidDate = (date: string) => /^\d{4}-\d{2}-\d{2}$/.test(date) && fromUtc(toUtc(date)) === date;

/** 0 Monday .. 6 Sunday. */
export const weekdayOf = (date: string) => (new Date(toUtc(date)).getUTCDay() + 6) % 7;

/** The Monday on or before the date. */
export const mondayOf = (date: string) => addDays(date, -weekdayOf(date));

/** "07:00" or "07:00:00" to minutes after midnight. */
export function minuteOfDay(time: string): number {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return h * 60 + m;
}
