// The calendar date of an instant in a facility's zone; plain-date arithmetic is in shared/calendar.ts.

/** The calendar date at `instant` in an IANA zone: a licence lapses by the facility's calendar. */
export function dateIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    instant,
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
