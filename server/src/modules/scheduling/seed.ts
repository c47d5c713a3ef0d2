// The demo schedule of Maple Street Family Practice: exam rooms, a procedure room and an ECG
// cart, five providers with their weekly hours, appointment types, holidays and a leave, and
// three weeks of appointments either side of today (with no-shows and cancellations in the
// past, today's visits at every front-desk step). Deterministic from a fixed seed.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { seededRandom } from '../../seed/random.js';
import { activePatientIds } from '../patients/index.js';
import { providerCandidates, providerQualifications } from '../staff/index.js';
import { expandAvailability, type Template } from './domain/availability.js';
import { type Interval, overlapsAny } from './domain/intervals.js';
import { parseRrule } from './domain/rrule.js';
import { addDays, dateIn, zonedToInstant } from './domain/zoned.js';
import * as q from './queries.js';
import type { AppointmentStatus } from './tables.js';

const ZONE = 'America/New_York';
const MINUTE = 60_000;

/** Weekly hours by provider surname: [RRULE, start, end][]. */
const HOURS: Record<string, [string, string, string][]> = {
  Okafor: [
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', '08:00', '12:00'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', '13:00', '17:00'],
  ],
  // Dr. Marsh also covers Riverside on Wednesdays and Fridays
  Marsh: [
    ['FREQ=WEEKLY;BYDAY=MO,TU,TH', '08:00', '12:00'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,TH', '13:00', '17:00'],
  ],
  Raman: [
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH', '09:00', '13:00'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH', '14:00', '18:00'],
  ],
  Ortega: [
    ['FREQ=WEEKLY;BYDAY=TU,WE,TH,FR', '08:00', '12:00'],
    ['FREQ=WEEKLY;BYDAY=TU,WE,TH,FR', '13:00', '16:00'],
  ],
  Doyle: [
    ['FREQ=WEEKLY;BYDAY=MO,WE,FR', '08:00', '12:00'],
    ['FREQ=WEEKLY;BYDAY=MO,WE,FR', '13:00', '17:00'],
    // every other Saturday morning
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=SA', '09:00', '12:00'],
  ],
};

const TYPES = [
  {
    key: 'new',
    name: 'New patient visit',
    duration: 40,
    buffer: 0,
    kinds: ['provider', 'room'],
    visit: 'new',
    color: 'blue',
    weight: 2,
  },
  {
    key: 'follow',
    name: 'Follow-up',
    duration: 20,
    buffer: 0,
    kinds: ['provider', 'room'],
    visit: 'follow_up',
    color: 'green',
    weight: 6,
  },
  {
    key: 'physical',
    name: 'Annual physical',
    duration: 40,
    buffer: 0,
    kinds: ['provider', 'room'],
    visit: 'follow_up',
    color: 'violet',
    weight: 2,
  },
  {
    key: 'ecg',
    name: 'ECG and review',
    duration: 30,
    buffer: 10,
    kinds: ['provider', 'room', 'equipment'],
    visit: 'follow_up',
    color: 'orange',
    weight: 1,
  },
  {
    key: 'procedure',
    name: 'Minor procedure',
    duration: 30,
    buffer: 15,
    kinds: ['provider', 'room'],
    visit: 'follow_up',
    color: 'pink',
    weight: 1,
  },
  {
    key: 'tele',
    name: 'Telehealth follow-up',
    duration: 20,
    buffer: 0,
    kinds: ['provider'],
    visit: 'follow_up',
    color: 'cyan',
    weight: 1,
  },
] as const;

const ROOMS = ['Exam room 1', 'Exam room 2', 'Exam room 3', 'Exam room 4', 'Exam room 5'];
const CANCEL_REASONS = ['Patient request', 'Feeling better', 'Transportation', 'Work conflict', 'Rescheduled by clinic'];

export async function seedSchedule(ctx: Ctx, clinicId: string, seed = 20_261_127): Promise<number> {
  const rnd = seededRandom(seed);
  const now = ctx.clock.now().getTime();
  const today = dateIn(now, ZONE);
  const from = addDays(today, -21);
  const to = addDays(today, 21);
  return inTransaction(ctx, async (tx) => {
    const org = ctx.organizationId;
    const resource = async (kind: 'provider' | 'room' | 'equipment', name: string, staffMemberId: string | null = null) => {
      const id = randomUUID();
      await q.insertResource(tx.db, {
        id,
        organization_id: org,
        facility_id: clinicId,
        kind,
        name,
        staff_member_id: staffMemberId,
      });
      return id;
    };
    const rooms = [];
    for (const name of ROOMS) rooms.push(await resource('room', name));
    const procedureRoom = await resource('room', 'Procedure room');
    const ecgCart = await resource('equipment', 'ECG cart');

    const candidates = await providerCandidates(tx, [clinicId]);
    const providers: { id: string; staffId: string; surname: string; name: string }[] = [];
    for (const c of candidates) {
      const surname = c.name.split(' ').at(-1) ?? '';
      if (!HOURS[surname]) continue;
      providers.push({
        id: await resource('provider', `${c.position === 'physician' ? 'Dr. ' : ''}${c.name}`, c.staffMemberId),
        staffId: c.staffMemberId,
        surname,
        name: c.name,
      });
    }
    const templates: Template[] = [];
    for (const p of providers) {
      for (const [rrule, start, end] of HOURS[p.surname] ?? []) {
        const effectiveFrom = addDays(today, -120);
        await q.insertTemplate(tx.db, {
          id: randomUUID(),
          organization_id: org,
          facility_id: clinicId,
          resource_id: p.id,
          rrule,
          start_time: start,
          end_time: end,
          effective_from: effectiveFrom,
          effective_until: null,
        });
        const rule = parseRrule(rrule);
        if (rule.ok)
          templates.push({
            resourceId: p.id,
            rule: rule.rule,
            startTime: start,
            endTime: end,
            effectiveFrom,
            effectiveUntil: null,
          });
      }
    }
    const typeIds = new Map<string, string>();
    const physicianIds = providers.filter((p) => ['Okafor', 'Marsh'].includes(p.surname)).map((p) => p.id);
    for (const t of TYPES) {
      const id = randomUUID();
      typeIds.set(t.key, id);
      await q.insertType(tx.db, {
        id,
        organization_id: org,
        facility_id: clinicId,
        name: t.name,
        duration_minutes: t.duration,
        buffer_minutes: t.buffer,
        required_kinds: [...t.kinds],
        // minor procedures are done by the physicians
        allowed_provider_ids: t.key === 'procedure' ? physicianIds : [],
        visit_kind: t.visit,
        color: t.color,
      });
    }
    // Holidays in the window, and a week of leave for one NP
    const closures = [];
    for (const [date, reason] of [
      ['2026-11-26', 'Thanksgiving'],
      ['2026-12-25', 'Christmas Day'],
      ['2027-01-01', "New Year's Day"],
    ] as const) {
      if (date < from || date > to) continue;
      closures.push({ resourceId: null, kind: 'holiday' as const, date, days: 1, reason });
    }
    const raman = providers.find((p) => p.surname === 'Raman');
    if (raman)
      closures.push({ resourceId: raman.id, kind: 'leave' as const, date: addDays(today, 14), days: 5, reason: 'Annual leave' });
    for (const c of closures) {
      await q.insertException(tx.db, {
        id: randomUUID(),
        organization_id: org,
        facility_id: clinicId,
        resource_id: c.resourceId,
        kind: c.kind,
        starts_at: new Date(zonedToInstant(c.date, '00:00', ZONE)),
        ends_at: new Date(zonedToInstant(addDays(c.date, c.days), '00:00', ZONE)),
        reason: c.reason,
      });
    }
    const availability = expandAvailability(
      templates,
      closures.map((c) => ({
        resourceId: c.resourceId,
        start: zonedToInstant(c.date, '00:00', ZONE),
        end: zonedToInstant(addDays(c.date, c.days), '00:00', ZONE),
      })),
      ZONE,
      from,
      to,
    );
    const qualifications = await providerQualifications(
      tx,
      [clinicId],
      providers.map((p) => p.staffId),
    );
    const patients = await activePatientIds(tx, clinicId);
    if (patients.length === 0) return 0;
    const busy = new Map<string, Interval[]>();
    const isFree = (id: string, s: number, e: number) => !overlapsAny(busy.get(id) ?? [], s, e);
    const hold = (id: string, s: number, e: number) => {
      const list = busy.get(id) ?? [];
      list.push({ start: s, end: e });
      list.sort((a, b) => a.start - b.start);
      busy.set(id, list);
    };
    const weighted = TYPES.flatMap((t) => Array.from({ length: t.weight }, () => t));
    const appointments: Parameters<typeof q.insertAppointment>[1][] = [];
    const bookings: { appointment: string; resources: string[]; start: Date; end: Date; active: boolean }[] = [];
    for (const p of providers) {
      for (const window of availability.get(p.id) ?? []) {
        let t = window.start;
        while (t < window.end) {
          const type = rnd.pick(weighted);
          const start = t;
          const end = start + type.duration * MINUTE;
          const holdEnd = end + type.buffer * MINUTE;
          t += (type.duration + type.buffer) * MINUTE;
          if (end > window.end) break;
          const date = dateIn(start, ZONE);
          const ahead = (start - now) / 86_400_000;
          // full in the past and the next days, thinning out further ahead
          const fill = ahead < 0 ? 0.85 : ahead < 7 ? 0.75 : ahead < 14 ? 0.5 : 0.3;
          if (rnd.next() > fill) continue;
          if (type.key === 'procedure' && !physicianIds.includes(p.id)) continue;
          if (!qualifications.get(p.staffId)?.on(date).qualified) continue;
          const extra: string[] = [];
          if (type.kinds.includes('room' as never)) {
            const pool = type.key === 'procedure' ? [procedureRoom] : rooms;
            const room = pool.find((r) => isFree(r, start, holdEnd));
            if (!room) continue;
            extra.push(room);
          }
          if (type.kinds.includes('equipment' as never)) {
            if (!isFree(ecgCart, start, holdEnd)) continue;
            extra.push(ecgCart);
          }
          const id = randomUUID();
          const status = statusFor(rnd.next(), start, end, now);
          const stamp = (minutes: number) => new Date(Math.min(now, start + minutes * MINUTE));
          const bookedAt = new Date(start - rnd.int(1, 40) * 86_400_000);
          const active = status !== 'cancelled' && status !== 'no_show';
          appointments.push({
            id,
            organization_id: org,
            facility_id: clinicId,
            patient_id: rnd.pick(patients),
            appointment_type_id: typeIds.get(type.key) ?? '',
            provider_resource_id: p.id,
            starts_at: new Date(start),
            ends_at: new Date(end),
            status,
            booked_at: bookedAt < new Date(now) ? bookedAt : new Date(now),
            checked_in_at: ['checked_in', 'roomed', 'seen', 'checked_out'].includes(status) ? stamp(-rnd.int(0, 12)) : null,
            roomed_at: ['roomed', 'seen', 'checked_out'].includes(status) ? stamp(rnd.int(2, 14)) : null,
            seen_at: ['seen', 'checked_out'].includes(status) ? stamp(rnd.int(15, 25)) : null,
            checked_out_at: status === 'checked_out' ? stamp(type.duration + rnd.int(5, 15)) : null,
            cancelled_at: status === 'cancelled' ? new Date(Math.min(now, start - rnd.int(2, 72) * 3_600_000)) : null,
            cancel_reason: status === 'cancelled' ? rnd.pick(CANCEL_REASONS) : null,
            no_show_at: status === 'no_show' ? stamp(20) : null,
            series_id: null,
            notes: null,
            created_by: null,
          });
          if (active) {
            hold(p.id, start, holdEnd);
            for (const r of extra) hold(r, start, holdEnd);
          }
          bookings.push({ appointment: id, resources: [p.id, ...extra], start: new Date(start), end: new Date(holdEnd), active });
        }
      }
    }
    for (let i = 0; i < appointments.length; i += 500) {
      await tx.db
        .insertInto('appointments')
        .values(appointments.slice(i, i + 500))
        .execute();
    }
    const rows = bookings.flatMap((b) =>
      b.resources.map((resource_id) => ({
        organization_id: org,
        appointment_id: b.appointment,
        resource_id,
        during: `[${b.start.toISOString()},${b.end.toISOString()})`,
        active: b.active,
      })),
    );
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.db
        .insertInto('appointment_bookings')
        .values(rows.slice(i, i + 1000))
        .execute();
    }
    await recordAudit(tx, {
      action: 'scheduling.seed',
      entityType: 'appointment',
      facilityId: clinicId,
      details: { appointments: appointments.length, providers: providers.length },
    });
    return appointments.length;
  });
}

/** A plausible status for a visit at this time: past ones done, missed or cancelled; today's in progress. */
function statusFor(r: number, start: number, end: number, now: number): AppointmentStatus {
  if (r < 0.08) return 'cancelled';
  if (start > now) return 'booked';
  if (r < 0.15) return 'no_show';
  const minutesIn = (now - start) / MINUTE;
  if (end + 20 * MINUTE < now) return 'checked_out';
  if (minutesIn > 20) return 'seen';
  if (minutesIn > 5) return 'roomed';
  return 'checked_in';
}
