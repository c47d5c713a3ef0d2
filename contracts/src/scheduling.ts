import { z } from 'zod';
import { Id } from './common.js';

// Scheduling: bookable resources, appointment types, availability, the slot finder and
// appointments with their front-desk steps. Instants are ISO 8601 with an offset; calendar dates
// and times of day are local to the facility's IANA time zone.

export const resourceKinds = ['provider', 'room', 'equipment'] as const;
export const appointmentStatuses = ['booked', 'checked_in', 'roomed', 'seen', 'checked_out', 'cancelled', 'no_show'] as const;
export const exceptionKinds = ['holiday', 'leave', 'blocked', 'meeting'] as const;
export const visitKinds = ['new', 'follow_up'] as const;
/** Calendar colours of appointment types (the web app's palette names). */
export const appointmentColors = [
  'blue',
  'green',
  'violet',
  'orange',
  'pink',
  'cyan',
  'teal',
  'grape',
  'red',
  'yellow',
  'indigo',
  'lime',
] as const;
/** The steps of a visit after booking, each a POST /api/appointments/:id/<step>. */
export const appointmentSteps = ['check-in', 'room', 'see', 'check-out', 'no-show'] as const;

export const ResourceKind = z.enum(resourceKinds);
export type ResourceKind = z.infer<typeof ResourceKind>;
export const AppointmentStatus = z.enum(appointmentStatuses);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;
export type AppointmentStep = (typeof appointmentSteps)[number];

const isoDate = z.iso.date();
const instant = z.iso.datetime({ offset: true });
/** HH:MM; checked by the service, which names the field. */
const timeOfDay = z.string().trim().min(4).max(8);
const name = z.string().trim().min(1, 'is required').max(120);

export const Resource = z.object({
  id: Id,
  facilityId: Id,
  kind: ResourceKind,
  name: z.string(),
  staffMemberId: Id.nullable(),
  active: z.boolean(),
});
export type Resource = z.infer<typeof Resource>;

export const ResourceQuery = z.object({ facilityId: Id.optional(), kind: ResourceKind.optional() });
export type ResourceQuery = z.infer<typeof ResourceQuery>;

export const CreateResourceRequest = z.object({
  facilityId: Id,
  kind: ResourceKind,
  /** Rooms and equipment: required. Providers: defaults to the staff member's name. */
  name: name.optional(),
  /** Providers only: the staff member (physician, NP or PA) who is booked. */
  staffMemberId: Id.optional(),
});
export type CreateResourceRequest = z.infer<typeof CreateResourceRequest>;

export const AppointmentType = z.object({
  id: Id,
  facilityId: Id,
  name: z.string(),
  durationMinutes: z.number().int(),
  bufferMinutes: z.number().int(),
  requiredKinds: z.array(ResourceKind),
  allowedProviderIds: z.array(Id),
  visitKind: z.enum(visitKinds),
  color: z.string(),
  active: z.boolean(),
});
export type AppointmentType = z.infer<typeof AppointmentType>;

export const FacilityQuery = z.object({ facilityId: Id.optional() });
export type FacilityQuery = z.infer<typeof FacilityQuery>;

export const CreateAppointmentTypeRequest = z.object({
  facilityId: Id,
  name,
  durationMinutes: z.number().int().min(5).max(480),
  bufferMinutes: z.number().int().min(0).max(120).default(0),
  requiredKinds: z
    .array(ResourceKind)
    .min(1)
    .max(3)
    .refine((k) => k.includes('provider'), 'must include provider')
    .refine((k) => new Set(k).size === k.length, 'must not repeat a kind'),
  allowedProviderIds: z.array(Id).max(100).default([]),
  visitKind: z.enum(visitKinds),
  color: z.enum(appointmentColors),
});
export type CreateAppointmentTypeRequest = z.infer<typeof CreateAppointmentTypeRequest>;

export const AvailabilityTemplate = z.object({
  id: Id,
  facilityId: Id,
  resourceId: Id,
  rrule: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  effectiveFrom: z.string(),
  effectiveUntil: z.string().nullable(),
});
export type AvailabilityTemplate = z.infer<typeof AvailabilityTemplate>;

export const TemplateQuery = z.object({ facilityId: Id.optional(), resourceId: Id.optional() });
export type TemplateQuery = z.infer<typeof TemplateQuery>;

export const CreateTemplateRequest = z.object({
  resourceId: Id,
  /** iCalendar RRULE, e.g. FREQ=WEEKLY;BYDAY=MO,TU,TH */
  rrule: z.string().trim().min(1).max(300),
  startTime: timeOfDay,
  endTime: timeOfDay,
  effectiveFrom: isoDate,
  effectiveUntil: isoDate.nullable().default(null),
});
export type CreateTemplateRequest = z.infer<typeof CreateTemplateRequest>;

export const AvailabilityException = z.object({
  id: Id,
  facilityId: Id,
  resourceId: Id.nullable(),
  kind: z.enum(exceptionKinds),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string().nullable(),
});
export type AvailabilityException = z.infer<typeof AvailabilityException>;

export const ExceptionQuery = z.object({ facilityId: Id.optional(), from: isoDate.optional(), to: isoDate.optional() });
export type ExceptionQuery = z.infer<typeof ExceptionQuery>;

export const CreateExceptionRequest = z.object({
  facilityId: Id,
  /** Null: the whole facility is closed (a holiday). */
  resourceId: Id.nullable(),
  kind: z.enum(exceptionKinds),
  startsAt: instant,
  endsAt: instant,
  reason: z.string().trim().max(200).nullable().default(null),
});
export type CreateExceptionRequest = z.infer<typeof CreateExceptionRequest>;

export const SlotQuery = z.object({
  appointmentTypeId: Id,
  /** First local date searched; today when absent. */
  from: isoDate.optional(),
  days: z.coerce.number().int().min(1).max(62).default(14),
  providerResourceId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export type SlotQuery = z.infer<typeof SlotQuery>;

export const Slot = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  providerResourceId: Id,
  providerName: z.string(),
  facilityId: Id,
  resourceIds: z.array(Id),
  resourceNames: z.array(z.string()),
});
export type Slot = z.infer<typeof Slot>;

export const SlotSearchResult = z.object({ timeZone: z.string(), slots: z.array(Slot) });
export type SlotSearchResult = z.infer<typeof SlotSearchResult>;

export const ThirdNextAvailableQuery = z.object({
  appointmentTypeId: Id,
  /** The day the patient asks; today when absent. */
  date: isoDate.optional(),
  count: z.enum(['calendar', 'business']).default('calendar'),
});
export type ThirdNextAvailableQuery = z.infer<typeof ThirdNextAvailableQuery>;

export const ThirdNextAvailable = z.object({
  requestDate: z.string(),
  count: z.enum(['calendar', 'business']),
  providers: z.array(
    z.object({
      providerResourceId: Id,
      providerName: z.string(),
      days: z.number().int().nullable(),
      date: z.string().nullable(),
    }),
  ),
  /** Mean over providers with a third slot within the search horizon (62 days). */
  averageDays: z.number().nullable(),
});
export type ThirdNextAvailable = z.infer<typeof ThirdNextAvailable>;

export const Appointment = z.object({
  id: Id,
  facilityId: Id,
  patientId: Id,
  patientName: z.string(),
  appointmentTypeId: Id,
  typeName: z.string(),
  color: z.string(),
  providerResourceId: Id,
  providerName: z.string(),
  /** Rooms and equipment held besides the provider. */
  resourceIds: z.array(Id),
  startsAt: z.string(),
  endsAt: z.string(),
  status: AppointmentStatus,
  bookedAt: z.string(),
  checkedInAt: z.string().nullable(),
  roomedAt: z.string().nullable(),
  seenAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  noShowAt: z.string().nullable(),
  /** when the patient confirmed through the reminder's link */
  confirmedAt: z.string().nullable(),
  overbooked: z.boolean(),
  seriesId: Id.nullable(),
  notes: z.string().nullable(),
});
export type Appointment = z.infer<typeof Appointment>;

export const AppointmentQuery = z.object({
  facilityId: Id.optional(),
  from: isoDate,
  /** Inclusive; at most 31 days after `from`. */
  to: isoDate,
  providerResourceId: Id.optional(),
});
export type AppointmentQuery = z.infer<typeof AppointmentQuery>;

export const BookAppointmentRequest = z.object({
  patientId: Id,
  appointmentTypeId: Id,
  providerResourceId: Id,
  startsAt: instant,
  /** Rooms or equipment to hold; chosen automatically among free ones when absent. */
  resourceIds: z.array(Id).max(5).optional(),
  /** Book even where the time is taken or outside hours (needs rostering:write, i.e. a manager). */
  overbook: z.boolean().default(false),
  notes: z.string().trim().max(500).nullable().default(null),
});
export type BookAppointmentRequest = z.infer<typeof BookAppointmentRequest>;

export const BookSeriesRequest = BookAppointmentRequest.omit({ overbook: true }).extend({
  everyWeeks: z.number().int().min(1).max(8),
  count: z.number().int().min(2).max(52),
});
export type BookSeriesRequest = z.infer<typeof BookSeriesRequest>;

export const SeriesResult = z.object({
  seriesId: Id,
  occurrences: z.array(
    z.object({
      startsAt: z.string(),
      status: z.enum(['booked', 'conflict']),
      appointmentId: Id.nullable(),
      /** Why this occurrence was not booked, e.g. "the provider is already booked then". */
      reason: z.string().nullable(),
    }),
  ),
});
export type SeriesResult = z.infer<typeof SeriesResult>;

export const RescheduleRequest = z.object({
  startsAt: instant,
  /** A new length (resizing on the calendar); absent: the appointment keeps its length. */
  durationMinutes: z.number().int().min(5).max(480).optional(),
  providerResourceId: Id.optional(),
  resourceIds: z.array(Id).max(5).optional(),
  overbook: z.boolean().default(false),
});
export type RescheduleRequest = z.infer<typeof RescheduleRequest>;

export const CancelRequest = z.object({ reason: z.string().trim().min(1, 'is required').max(300) });
export type CancelRequest = z.infer<typeof CancelRequest>;

export const AppointmentStepParams = z.object({ id: Id, step: z.enum(appointmentSteps) });
export type AppointmentStepParams = z.infer<typeof AppointmentStepParams>;

export const IndicatorQuery = z.object({
  facilityId: Id.optional(),
  from: isoDate,
  /** Inclusive; at most 92 days after `from`. */
  to: isoDate,
});
export type IndicatorQuery = z.infer<typeof IndicatorQuery>;

const nullableNumber = z.number().nullable();
export const ProviderIndicators = z.object({
  providerResourceId: Id,
  providerName: z.string(),
  scheduled: z.number().int(),
  noShows: z.number().int(),
  cancelled: z.number().int(),
  /** Percent of scheduled appointments (cancellations, late ones too, are not no-shows). */
  noShowRate: nullableNumber,
  bookedMinutes: z.number().int(),
  /** Template hours minus closures and leave, in minutes. */
  availableMinutes: z.number().int(),
  utilization: nullableNumber,
  meanWaitMinutes: nullableNumber,
  meanLobbyMinutes: nullableNumber,
  meanExamRoomMinutes: nullableNumber,
  meanCycleMinutes: nullableNumber,
});
export type ProviderIndicators = z.infer<typeof ProviderIndicators>;

export const SchedulingIndicators = z.object({
  from: z.string(),
  to: z.string(),
  providers: z.array(ProviderIndicators),
  totals: z.object({
    scheduled: z.number().int(),
    noShows: z.number().int(),
    noShowRate: nullableNumber,
    utilization: nullableNumber,
  }),
});
export type SchedulingIndicators = z.infer<typeof SchedulingIndicators>;

export const WaitlistEntry = z.object({
  id: Id,
  facilityId: Id,
  patientId: Id,
  patientName: z.string(),
  appointmentTypeId: Id,
  providerResourceId: Id.nullable(),
  earliestDate: z.string(),
  latestDate: z.string(),
  status: z.enum(['waiting', 'booked', 'removed']),
  createdAt: z.string(),
});
export type WaitlistEntry = z.infer<typeof WaitlistEntry>;

export const AddToWaitlistRequest = z.object({
  patientId: Id,
  appointmentTypeId: Id,
  providerResourceId: Id.nullable().default(null),
  earliestDate: isoDate,
  latestDate: isoDate,
});
export type AddToWaitlistRequest = z.infer<typeof AddToWaitlistRequest>;

export const FeedLink = z.object({
  /** Shown once: only its hash is kept. Anyone with the URL sees the provider's busy times (no patient data). */
  url: z.string(),
  createdAt: z.string(),
});
export type FeedLink = z.infer<typeof FeedLink>;

export const ReminderSettings = z.object({
  /** Minutes before the start, one reminder each (48 h and 2 h: [2880, 120]); at most 5, 15 min to 14 days. */
  offsetsMinutes: z
    .array(z.number().int().min(15).max(20_160))
    .max(5)
    .refine((a) => new Set(a).size === a.length, 'must not repeat an offset'),
  emailEnabled: z.boolean(),
  smsEnabled: z.boolean(),
});
export type ReminderSettings = z.infer<typeof ReminderSettings>;

export const ReminderRun = z.object({ emails: z.number().int(), sms: z.number().int(), skippedNoConsent: z.number().int() });
export type ReminderRun = z.infer<typeof ReminderRun>;

/** What a patient sees behind the reminder's link: when and where, never why. */
export const AppointmentLinkView = z.object({
  facilityName: z.string(),
  timeZone: z.string(),
  startsAt: z.string(),
  providerName: z.string(),
  status: z.enum(['booked', 'confirmed', 'cancelled', 'past']),
  /** the link stops working at the appointment's start */
  expiresAt: z.string(),
});
export type AppointmentLinkView = z.infer<typeof AppointmentLinkView>;

export const AppointmentLinkAction = z.enum(['confirm', 'cancel']);
export type AppointmentLinkAction = z.infer<typeof AppointmentLinkAction>;

export const UpdateResourceRequest = z.object({ name: name.optional(), active: z.boolean().optional() });
export type UpdateResourceRequest = z.infer<typeof UpdateResourceRequest>;

export const UpdateAppointmentTypeRequest = z.object({
  name: name.optional(),
  durationMinutes: z.number().int().min(5).max(480).optional(),
  bufferMinutes: z.number().int().min(0).max(120).optional(),
  allowedProviderIds: z.array(Id).max(100).optional(),
  color: z.enum(appointmentColors).optional(),
  active: z.boolean().optional(),
});
export type UpdateAppointmentTypeRequest = z.infer<typeof UpdateAppointmentTypeRequest>;

/** Hours change from a date on: the template ends the day before and a new one starts (history stays). */
export const UpdateTemplateRequest = z.object({
  rrule: z.string().trim().min(1).max(300).optional(),
  startTime: timeOfDay.optional(),
  endTime: timeOfDay.optional(),
  /** Ends the template (deactivates it from the day after); null: open-ended again. */
  effectiveUntil: isoDate.nullable().optional(),
});
export type UpdateTemplateRequest = z.infer<typeof UpdateTemplateRequest>;

export const UpdateExceptionRequest = z.object({
  kind: z.enum(exceptionKinds).optional(),
  startsAt: instant.optional(),
  endsAt: instant.optional(),
  reason: z.string().trim().max(200).nullable().optional(),
});
export type UpdateExceptionRequest = z.infer<typeof UpdateExceptionRequest>;
