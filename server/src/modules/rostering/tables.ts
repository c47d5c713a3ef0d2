import type { ColumnType, Generated } from 'kysely';

// Declared here rather than imported from db/schema.ts, which imports this file.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Updated = ColumnType<Date, Date | string | undefined, Date | string>;
type Count = ColumnType<number, number | undefined, number>;

export interface RosteringTables {
  roster_units: {
    id: string;
    organization_id: string;
    facility_id: string;
    name: string;
    min_rest_minutes: Count;
    created_at: Generated<Date>;
  };
  shift_types: {
    id: string;
    organization_id: string;
    facility_id: string;
    unit_id: string;
    code: string;
    name: string;
    start_time: string;
    minutes: number;
    positions: string[];
    created_at: Generated<Date>;
  };
  coverage_demands: {
    id: string;
    organization_id: string;
    facility_id: string;
    unit_id: string;
    shift_type_id: string;
    position: string;
    weekday: number | null;
    on_date: string | null;
    required: number;
    created_at: Generated<Date>;
  };
  staff_contracts: {
    organization_id: string;
    staff_member_id: string;
    min_minutes_per_week: number;
    max_minutes_per_week: number;
    max_consecutive_shifts: number;
    min_consecutive_shifts: Count;
    /** Shift code -> most shifts of that type per 4 weeks; written as a JSON string. */
    max_shifts_per_4_weeks: ColumnType<Record<string, number>, string | undefined, string>;
    min_consecutive_days_off: number;
    max_weekends_per_4_weeks: number;
    max_nights_per_4_weeks: number | null;
    updated_at: Updated;
  };
  staff_leave: {
    id: string;
    organization_id: string;
    facility_id: string;
    staff_member_id: string;
    starts_on: string;
    ends_on: string;
    kind: 'vacation' | 'sick' | 'day_off' | 'training' | 'other';
    created_by: string | null;
    created_at: Generated<Date>;
  };
  shift_requests: {
    id: string;
    organization_id: string;
    facility_id: string;
    staff_member_id: string;
    on_date: string;
    shift_type_id: string | null;
    kind: 'on' | 'off';
    weight: number;
    created_at: Generated<Date>;
  };
  rosters: {
    id: string;
    organization_id: string;
    facility_id: string;
    unit_id: string;
    start_date: string;
    days: number;
    status: Generated<'draft' | 'published'>;
    version: Generated<number>;
    published_at: Timestamp | null;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Updated;
  };
  roster_assignments: {
    organization_id: string;
    roster_id: string;
    staff_member_id: string;
    on_date: string;
    shift_type_id: string;
  };
  roster_solve_runs: {
    id: string;
    organization_id: string;
    roster_id: string;
    mode: 'solve' | 'repair';
    status: 'queued' | 'running' | 'done' | 'stopped' | 'failed' | 'interrupted';
    time_limit_ms: number;
    objective: number | null;
    hard_violations: number | null;
    elapsed_ms: Generated<number>;
    iterations: Count;
    stop_requested: Generated<boolean>;
    proven_best: Generated<boolean>;
    error: string | null;
    started_by: string | null;
    started_at: Generated<Date>;
    finished_at: Timestamp | null;
  };
  open_shifts: {
    id: string;
    organization_id: string;
    roster_id: string;
    on_date: string;
    shift_type_id: string;
    position: string;
    reason: string;
    status: Generated<'open' | 'claimed' | 'cancelled'>;
    claimed_by: string | null;
    created_at: Generated<Date>;
  };
  swap_requests: {
    id: string;
    organization_id: string;
    roster_id: string;
    requester_id: string;
    on_date: string;
    taker_id: string;
    status: Generated<'pending' | 'approved' | 'rejected'>;
    decided_by: string | null;
    decided_at: Timestamp | null;
    decision_note: string | null;
    created_at: Generated<Date>;
  };
  roster_feed_tokens: {
    organization_id: string;
    staff_member_id: string;
    token_sha256: string;
    created_at: Generated<Date>;
  };
}
