import type { Appointment, AppointmentType, AvailabilityException, AvailabilityTemplate, Resource } from '@clinicops/contracts';
import type * as q from './queries.js';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export const toResource = (r: q.ResourceRow): Resource => ({
  id: r.id,
  facilityId: r.facility_id,
  kind: r.kind,
  name: r.name,
  staffMemberId: r.staff_member_id,
  active: r.active,
});

export const toType = (r: q.TypeRow): AppointmentType => ({
  id: r.id,
  facilityId: r.facility_id,
  name: r.name,
  durationMinutes: r.duration_minutes,
  bufferMinutes: r.buffer_minutes,
  requiredKinds: r.required_kinds,
  allowedProviderIds: r.allowed_provider_ids,
  visitKind: r.visit_kind,
  color: r.color,
  active: r.active,
});

export const toTemplate = (r: q.TemplateRow): AvailabilityTemplate => ({
  id: r.id,
  facilityId: r.facility_id,
  resourceId: r.resource_id,
  rrule: r.rrule,
  startTime: r.start_time.slice(0, 5),
  endTime: r.end_time.slice(0, 5),
  effectiveFrom: r.effective_from,
  effectiveUntil: r.effective_until,
});

export const toException = (r: q.ExceptionRow): AvailabilityException => ({
  id: r.id,
  facilityId: r.facility_id,
  resourceId: r.resource_id,
  kind: r.kind,
  startsAt: r.starts_at.toISOString(),
  endsAt: r.ends_at.toISOString(),
  reason: r.reason,
});

export const toAppointment = (r: q.AppointmentRow, patientName: string): Appointment => ({
  id: r.id,
  facilityId: r.facility_id,
  patientId: r.patient_id,
  patientName,
  appointmentTypeId: r.appointment_type_id,
  typeName: r.type_name,
  color: r.color,
  providerResourceId: r.provider_resource_id,
  providerName: r.provider_name,
  resourceIds: r.resource_ids ?? [],
  startsAt: r.starts_at.toISOString(),
  endsAt: r.ends_at.toISOString(),
  status: r.status,
  bookedAt: r.booked_at.toISOString(),
  checkedInAt: iso(r.checked_in_at),
  roomedAt: iso(r.roomed_at),
  seenAt: iso(r.seen_at),
  checkedOutAt: iso(r.checked_out_at),
  cancelledAt: iso(r.cancelled_at),
  cancelReason: r.cancel_reason,
  noShowAt: iso(r.no_show_at),
  confirmedAt: iso(r.confirmed_at),
  overbooked: r.overbooked,
  seriesId: r.series_id,
  notes: r.notes,
});
