// Wall-clock arithmetic in the facility's zone for the calendar: where an appointment sits in a
// day column, and which instant a drop on the grid names. Intl only.

const fmt = new Map<string, Intl.DateTimeFormat>();
function parts(ms: number, timeZone: string) {
  let f = fmt.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    fmt.set(timeZone, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0');

/** 'YYYY-MM-DD' at an instant in the zone. */
export function dateInZone(value: string | number, timeZone: string): string {
  const p = parts(typeof value === 'string' ? Date.parse(value) : value, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Minutes since local midnight at an instant in the zone. */
export function minutesInZone(value: string | number, timeZone: string): number {
  const p = parts(typeof value === 'string' ? Date.parse(value) : value, timeZone);
  return (p.hour ?? 0) * 60 + (p.minute ?? 0);
}

/** The instant of a local date and minute of day in the zone (the earlier one when clocks fall back). */
export function instantInZone(date: string, minutes: number, timeZone: string): Date {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  let guess = wall;
  // two corrections settle the offset, also on DST change days
  for (let i = 0; i < 2; i++) {
    const p = parts(guess, timeZone);
    const seen = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0);
    guess += wall - seen;
  }
  return new Date(guess);
}

export function addDaysTo(date: string, days: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Monday of the week of a date. */
export function mondayOf(date: string): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const wd = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return addDaysTo(date, -wd);
}
