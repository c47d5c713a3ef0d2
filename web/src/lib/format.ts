// Formatting with Intl and an explicit IANA zone: times belong to the facility, not to
// whichever laptop the manager happens to use.

const LOCALE = 'en-US';
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, options);
    cache.set(key, f);
  }
  return f;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function toDate(value: string | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export type DateTimeOptions = {
  timeZone: string;
  /** Show the zone abbreviation; by default only when it differs from the browser's zone. */
  withZone?: boolean;
  seconds?: boolean;
};

export function formatDateTime(value: string | Date | null | undefined, o: DateTimeOptions): string {
  if (value == null) return '';
  const d = toDate(value);
  if (!d) return String(value);
  const withZone = o.withZone ?? o.timeZone !== browserTimeZone();
  const options: Intl.DateTimeFormatOptions = {
    timeZone: o.timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(o.seconds ? { second: '2-digit' } : {}),
    ...(withZone ? { timeZoneName: 'short' } : {}),
  };
  return formatter(`dt|${o.timeZone}|${withZone}|${o.seconds}`, options).format(d);
}

/** HH:MM in the zone, with the zone when it differs from the browser's. */
export function formatTime(value: string | Date, o: DateTimeOptions): string {
  const d = toDate(value);
  if (!d) return String(value);
  const withZone = o.withZone ?? o.timeZone !== browserTimeZone();
  return formatter(`t|${o.timeZone}|${withZone}`, {
    timeZone: o.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(withZone ? { timeZoneName: 'short' } : {}),
  }).format(d);
}

/** The hour of day in a zone, for greetings and similar. */
export function hourIn(timeZone: string, now: Date = new Date()): number {
  const text = formatter(`h|${timeZone}`, { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(now);
  return Number.parseInt(text, 10) || 0;
}

/** ISO date (YYYY-MM-DD) of an instant in a zone. */
export function isoDateIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
