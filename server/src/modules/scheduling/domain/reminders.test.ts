import { describe, expect, it } from 'vitest';
import { dueReminders, localWhen, reminderText } from './reminders.js';
import { zonedToInstant } from './zoned.js';

const H = 3_600_000;
const start = Date.parse('2026-12-03T15:00:00Z');
const longAgo = start - 30 * 24 * H;
const offsets = [2880, 120];

describe('dueReminders', () => {
  it('sends nothing before the first offset, the 48 h reminder from 48 h, the 2 h one from 2 h', () => {
    const a = [{ id: 'a', startsAt: start, bookedAt: longAgo }];
    expect(dueReminders(a, offsets, start - 49 * H)).toEqual([]);
    expect(dueReminders(a, offsets, start - 48 * H)).toEqual([{ appointmentId: 'a', offsetMinutes: 2880 }]);
    expect(dueReminders(a, offsets, start - 3 * H)).toEqual([{ appointmentId: 'a', offsetMinutes: 2880 }]);
    expect(dueReminders(a, offsets, start - 2 * H)).toEqual([{ appointmentId: 'a', offsetMinutes: 120 }]);
    expect(dueReminders(a, offsets, start)).toEqual([]);
  });

  it('a booking made after the 48 h moment waits for the 2 h reminder; one made within 2 h gets it at once', () => {
    expect(dueReminders([{ id: 'b', startsAt: start, bookedAt: start - 24 * H }], offsets, start - 20 * H)).toEqual([]);
    expect(dueReminders([{ id: 'c', startsAt: start, bookedAt: start - H }], offsets, start - H)).toEqual([
      { appointmentId: 'c', offsetMinutes: 120 },
    ]);
  });

  it('no offsets, no reminders', () => {
    expect(dueReminders([{ id: 'a', startsAt: start, bookedAt: longAgo }], [], start - H)).toEqual([]);
  });
});

describe('reminder text', () => {
  it('names the local date and time and the clinic, on the day DST ends too', () => {
    const t = zonedToInstant('2026-11-01', '09:00', 'America/New_York');
    expect(localWhen(t, 'America/New_York')).toBe('Sunday, November 1, 2026 at 09:00');
    const text = reminderText({
      facilityName: 'Maple Street',
      timeZone: 'America/New_York',
      startsAt: t,
      confirmUrl: 'https://x/a/1',
    });
    expect(text.subject).toBe('Appointment reminder: Maple Street, Sunday, November 1, 2026 at 09:00');
    expect(text.body).toContain('https://x/a/1');
    expect(text.body).toContain('America/New York time');
    expect(text.sms.length).toBeLessThan(160);
  });
});
