// An iCalendar (RFC 5545) feed of one provider's appointments. Lines end in CRLF and are folded
// at 75 octets; text is escaped; times are UTC ("Z" form), so no VTIMEZONE is needed. The feed is
// read through a private URL by calendar apps that cannot sign in, so it carries no patient data:
// the summary is the appointment type, nothing about who.

export type FeedEvent = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  typeName: string;
  status: 'booked' | 'checked_in' | 'roomed' | 'seen' | 'checked_out' | 'cancelled' | 'no_show';
  rooms: string[];
  updatedAt: Date;
};

const utc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** TEXT value escaping (RFC 5545 3.3.11). */
export const escapeText = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

/** Folds a content line at 75 octets, never inside a UTF-8 sequence (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    // continuation lines start with a space, which counts towards their 75
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + n > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function buildProviderFeed(opts: { providerName: string; host: string; now: Date; events: readonly FeedEvent[] }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//ClinicOps//Scheduling//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`${opts.providerName}: appointments`)}`,
  ];
  for (const e of opts.events) {
    const gone = e.status === 'cancelled' || e.status === 'no_show';
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.id}@${opts.host}`,
      `DTSTAMP:${utc(opts.now)}`,
      `LAST-MODIFIED:${utc(e.updatedAt)}`,
      `DTSTART:${utc(e.startsAt)}`,
      `DTEND:${utc(e.endsAt)}`,
      `SUMMARY:${escapeText(e.status === 'no_show' ? `${e.typeName} (no-show)` : e.typeName)}`,
      ...(e.rooms.length > 0 ? [`LOCATION:${escapeText(e.rooms.join(', '))}`] : []),
      `STATUS:${gone ? 'CANCELLED' : 'CONFIRMED'}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
