import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildProviderFeed, escapeText, foldLine } from './icalendar.js';

const feed = buildProviderFeed({
  providerName: 'Dr. Samuel Okafor',
  host: 'clinicops.example.org',
  now: new Date('2026-11-27T15:00:00Z'),
  events: [
    {
      id: 'a1',
      startsAt: new Date('2026-11-30T14:00:00Z'),
      endsAt: new Date('2026-11-30T14:20:00Z'),
      typeName: 'Follow-up',
      status: 'booked',
      rooms: ['Exam room 1'],
      updatedAt: new Date('2026-11-20T10:00:00Z'),
    },
    {
      id: 'a2',
      startsAt: new Date('2026-11-30T15:00:00Z'),
      endsAt: new Date('2026-11-30T15:40:00Z'),
      typeName: 'New patient visit; long, with a note about ç and 日本 to fold the line well past seventy-five octets',
      status: 'cancelled',
      rooms: [],
      updatedAt: new Date('2026-11-21T10:00:00Z'),
    },
  ],
});

describe('buildProviderFeed', () => {
  it('is RFC 5545 that ical.js parses back, event by event', () => {
    const comp = new ICAL.Component(ICAL.parse(feed));
    expect(comp.getFirstPropertyValue('version')).toBe('2.0');
    const events = comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual(['a1@clinicops.example.org', 'a2@clinicops.example.org']);
    expect(events[0]?.startDate.toJSDate().toISOString()).toBe('2026-11-30T14:00:00.000Z');
    expect(events[0]?.endDate.toJSDate().toISOString()).toBe('2026-11-30T14:20:00.000Z');
    expect(events[0]?.location).toBe('Exam room 1');
    expect(events[1]?.summary).toBe(
      'New patient visit; long, with a note about ç and 日本 to fold the line well past seventy-five octets',
    );
    expect(events[1]?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('ends every line in CRLF, none longer than 75 octets', () => {
    expect(feed.endsWith('\r\n')).toBe(true);
    const lines = feed.split('\r\n').slice(0, -1);
    expect(lines.every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    expect(feed.includes('\n') && !/[^\r]\n/.test(feed)).toBe(true);
  });

  it('escapes text and folds without splitting a character', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
    expect(folded.split('\r\n ').join('')).toBe(`SUMMARY:${'é'.repeat(60)}`);
  });
});
