import type { ColumnType, Generated } from 'kysely';

// Declared here rather than imported from db/schema.ts, which imports this file.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type Updated = ColumnType<Date, Date | string | undefined, Date | string>;

export type ResourceKind = 'provider' | 'room' | 'equipment';
export type AppointmentStatus = 'booked' | 'checked_in' | 'roomed' | 'seen' | 'checked_out' | 'cancelled' | 'no_show';

/** The scheduling module's tables (migration 0011_scheduling.sql). Dates and times of day are strings. */
export interface SchedulingTables {
  sched_resources: {
    id: string;
    organization_id: string;
    facility_id: string;
    kind: ResourceKind;
    name: string;
    staff_member_id: string | null;
    active: Generated<boolean>;
    created_at: Generated<Date>;
  };
  appointment_types: {
    id: string;
    organization_id: string;
    facility_id: string;
    name: string;
    duration_minutes: number;
    buffer_minutes: Generated<number>;
    required_kinds: ResourceKind[];
    allowed_provider_ids: Generated<string[]>;
    visit_kind: 'new' | 'follow_up';
    color: string;
    active: Generated<boolean>;
    created_at: Generated<Date>;
  };
  availability_templates: {
    id: string;
    organization_id: string;
    facility_id: string;
    resource_id: string;
    rrule: string;
    start_time: string;
    end_time: string;
    effective_from: string;
    effective_until: string | null;
    created_at: Generated<Date>;
  };
  availability_exceptions: {
    id: string;
    organization_id: string;
    facility_id: string;
    resource_id: string | null;
    kind: 'holiday' | 'leave' | 'blocked' | 'meeting';
    starts_at: Timestamp;
    ends_at: Timestamp;
    reason: string | null;
    created_at: Generated<Date>;
  };
  appointments: {
    id: string;
    organization_id: string;
    facility_id: string;
    patient_id: string;
    appointment_type_id: string;
    provider_resource_id: string;
    starts_at: Timestamp;
    ends_at: Timestamp;
    status: AppointmentStatus;
    booked_at: Timestamp;
    checked_in_at: NullableTimestamp;
    roomed_at: NullableTimestamp;
    seen_at: NullableTimestamp;
    checked_out_at: NullableTimestamp;
    cancelled_at: NullableTimestamp;
    cancel_reason: string | null;
    no_show_at: NullableTimestamp;
    /** the patient confirmed through the reminder's link (migration 0013) */
    confirmed_at: Generated<Date | null>;
    overbooked: Generated<boolean>;
    series_id: string | null;
    reschedule_count: Generated<number>;
    notes: string | null;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Updated;
  };
  appointment_bookings: {
    organization_id: string;
    appointment_id: string;
    resource_id: string;
    /** A tstzrange literal, `[start,end)`. */
    during: string;
    active: Generated<boolean>;
    overbooked: Generated<boolean>;
  };
  waitlist_entries: {
    id: string;
    organization_id: string;
    facility_id: string;
    patient_id: string;
    appointment_type_id: string;
    provider_resource_id: string | null;
    earliest_date: string;
    latest_date: string;
    status: Generated<'waiting' | 'booked' | 'removed'>;
    appointment_id: string | null;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Updated;
  };
  reminder_settings: {
    organization_id: string;
    offsets_minutes: number[];
    email_enabled: boolean;
    sms_enabled: boolean;
    updated_by: string | null;
    updated_at: Updated;
  };
  sched_feed_tokens: {
    token_hash: string;
    organization_id: string;
    resource_id: string;
    created_by: string | null;
    created_at: Generated<Date>;
    revoked_at: NullableTimestamp;
  };
}
