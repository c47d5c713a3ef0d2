import type { Appointment, Schedule, Slot } from '@medplum/fhirtypes';

// Scheduling records as FHIR R4 Schedule, Slot and Appointment. Pure, over plain row shapes.
// A Schedule is one bookable resource (a provider, a room, a piece of equipment); its Slots are
// computed (free time from the weekly hours less leave and bookings, busy time from bookings),
// never stored, so their ids encode the schedule and the instants.

const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());
const V2_0276 = 'http://terminology.hl7.org/CodeSystem/v2-0276';
const RESOURCE_KIND_SYSTEM = 'https://clinicops.dev/fhir/CodeSystem/resource-kind';

export type ScheduleFacts = {
  id: string;
  facility_id: string;
  kind: 'provider' | 'room' | 'equipment';
  name: string;
  staff_member_id: string | null;
  active: boolean;
};

/** Who or what the schedule is for: the practitioner, or the room or device by name in its facility. */
function actorsOf(s: ScheduleFacts): NonNullable<Schedule['actor']> {
  const facility = { reference: `Location/${s.facility_id}` };
  if (s.kind === 'provider' && s.staff_member_id) {
    return [{ reference: `Practitioner/${s.staff_member_id}`, display: s.name }, facility];
  }
  // rooms and equipment have no resource of their own here: named, and placed in the facility
  return [{ type: s.kind === 'room' ? 'Location' : 'Device', display: s.name }, facility];
}

export function toFhirSchedule(s: ScheduleFacts): Schedule {
  return {
    resourceType: 'Schedule',
    id: s.id,
    active: s.active,
    serviceCategory: [{ coding: [{ system: RESOURCE_KIND_SYSTEM, code: s.kind }] }],
    actor: actorsOf(s),
    comment: s.name,
  };
}

export type SlotFacts = { scheduleId: string; start: number; end: number; status: 'free' | 'busy' };

const sec36 = (ms: number) => Math.floor(ms / 1000).toString(36);

/** `<schedule id>-<start>-<end>-<f|b>`, seconds in base 36: at most 52 characters, a valid FHIR id. */
export const slotId = (s: SlotFacts) => `${s.scheduleId}-${sec36(s.start)}-${sec36(s.end)}-${s.status === 'free' ? 'f' : 'b'}`;

export function parseSlotId(id: string): SlotFacts | null {
  const m = /^([0-9a-f-]{36})-([0-9a-z]{1,8})-([0-9a-z]{1,8})-([fb])$/.exec(id);
  if (!m) return null;
  const start = Number.parseInt(m[2] as string, 36) * 1000;
  const end = Number.parseInt(m[3] as string, 36) * 1000;
  if (!(end > start)) return null;
  return { scheduleId: m[1] as string, start, end, status: m[4] === 'f' ? 'free' : 'busy' };
}

export function toFhirSlot(s: SlotFacts): Slot {
  return {
    resourceType: 'Slot',
    id: slotId(s),
    schedule: { reference: `Schedule/${s.scheduleId}` },
    status: s.status,
    start: new Date(s.start).toISOString(),
    end: new Date(s.end).toISOString(),
  };
}

export type AppointmentFacts = {
  id: string;
  facility_id: string;
  patient_id: string;
  status: 'booked' | 'checked_in' | 'roomed' | 'seen' | 'checked_out' | 'cancelled' | 'no_show';
  starts_at: Date | string;
  ends_at: Date | string;
  booked_at: Date | string;
  updated_at: Date | string;
  cancel_reason: string | null;
  visit_kind: 'new' | 'follow_up';
  type_name: string;
  provider_name: string;
  provider_staff_id: string | null;
  /** rooms and equipment held besides the provider */
  rooms: readonly { id: string; name: string }[];
};

export const appointmentStatus = {
  booked: 'booked',
  checked_in: 'checked-in',
  roomed: 'arrived',
  seen: 'arrived',
  checked_out: 'fulfilled',
  cancelled: 'cancelled',
  no_show: 'noshow',
} as const;

/** The FHIR statuses a search may name, and our statuses each covers. */
export const statusesOfFhir: Record<string, readonly AppointmentFacts['status'][]> = {
  booked: ['booked'],
  'checked-in': ['checked_in'],
  arrived: ['roomed', 'seen'],
  fulfilled: ['checked_out'],
  cancelled: ['cancelled'],
  noshow: ['no_show'],
};

const minutes = (a: Date | string, b: Date | string) => Math.round((new Date(b).getTime() - new Date(a).getTime()) / 60_000);

export function toFhirAppointment(a: AppointmentFacts): Appointment {
  return {
    resourceType: 'Appointment',
    id: a.id,
    meta: { lastUpdated: iso(a.updated_at) },
    status: appointmentStatus[a.status],
    ...(a.status === 'cancelled' && a.cancel_reason ? { cancelationReason: { text: a.cancel_reason } } : {}),
    serviceType: [{ text: a.type_name }],
    appointmentType: {
      coding: [
        a.visit_kind === 'new'
          ? { system: V2_0276, code: 'ROUTINE', display: 'Routine appointment - default if not valued' }
          : { system: V2_0276, code: 'FOLLOWUP', display: 'A follow up visit from a previous appointment' },
      ],
    },
    start: iso(a.starts_at),
    end: iso(a.ends_at),
    minutesDuration: minutes(a.starts_at, a.ends_at),
    created: iso(a.booked_at),
    participant: [
      { actor: { reference: `Patient/${a.patient_id}` }, required: 'required', status: 'accepted' },
      {
        actor: a.provider_staff_id
          ? { reference: `Practitioner/${a.provider_staff_id}`, display: a.provider_name }
          : { display: a.provider_name },
        required: 'required',
        status: 'accepted',
      },
      { actor: { reference: `Location/${a.facility_id}` }, required: 'required', status: 'accepted' },
      ...a.rooms.map((r) => ({ actor: { display: r.name }, required: 'required' as const, status: 'accepted' as const })),
    ],
  };
}
