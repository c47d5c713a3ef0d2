// Plain calendar dates as 'YYYY-MM-DD', through UTC midnight so no zone or DST can shift a day.
const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}
