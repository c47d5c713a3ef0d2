// Which reminders are due, and what they say. Pure: the service reads, the outbox keeps each
// (appointment, offset) once.
import { dateIn, timeIn } from './zoned.js';

export const DEFAULT_OFFSETS_MINUTES = [2880, 120] as const;

export type ReminderCandidate = { id: string; startsAt: number; bookedAt: number };
export type DueReminder = { appointmentId: string; offsetMinutes: number };

/**
 * For each appointment ahead, the one reminder to send now: the nearest offset whose moment has
 * come (start − offset ≤ now < start). Only that one, so an appointment booked the day before
 * gets the 2 h reminder later but not a late "48 h" one now as well as the 2 h one; and none for
 * an offset that had passed before the booking was made when a nearer one will still come.
 */
export function dueReminders(appointments: readonly ReminderCandidate[], offsets: readonly number[], now: number): DueReminder[] {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const due: DueReminder[] = [];
  for (const a of appointments) {
    if (a.startsAt <= now) continue;
    const reached = sorted.filter((o) => a.startsAt - o * 60_000 <= now);
    const nearest = reached[0];
    if (nearest === undefined) continue;
    // booked after this offset's moment: a nearer offset still ahead will remind instead
    const moment = a.startsAt - nearest * 60_000;
    if (a.bookedAt > moment && sorted.some((o) => o < nearest)) continue;
    due.push({ appointmentId: a.id, offsetMinutes: nearest });
  }
  return due;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "Tuesday, December 1, 2026 at 09:00" in the facility's zone. */
export function localWhen(startsAt: number, timeZone: string): string {
  const date = dateIn(startsAt, timeZone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7];
  return `${weekday}, ${MONTHS[m - 1]} ${d}, ${y} at ${timeIn(startsAt, timeZone)}`;
}

export type ReminderText = { subject: string; body: string; sms: string };

/**
 * The reminder: the date, the time and the clinic, and the links. Never the visit's type or
 * reason (mail and texts leave our control), nor the provider (a specialist's name says why).
 */
export function reminderText(input: {
  facilityName: string;
  timeZone: string;
  startsAt: number;
  confirmUrl: string;
}): ReminderText {
  const when = localWhen(input.startsAt, input.timeZone);
  const zone = input.timeZone.replace(/_/g, ' ');
  return {
    subject: `Appointment reminder: ${input.facilityName}, ${when}`,
    body: [
      `You have an appointment at ${input.facilityName} on ${when} (${zone} time).`,
      '',
      'Please confirm that you will come, or cancel if you cannot, at this link:',
      input.confirmUrl,
      '',
      'The link works until the appointment starts. To reschedule, call the office.',
    ].join('\n'),
    sms: `${input.facilityName}: appointment ${when}. Confirm or cancel: ${input.confirmUrl}`,
  };
}
