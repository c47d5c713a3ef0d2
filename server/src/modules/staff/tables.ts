import type { ColumnType, Generated } from 'kysely';

/** numeric columns come back from pg as strings (exact decimals); written as numbers. */
type Numeric = ColumnType<string, number | string, number | string>;
type NullableNumeric = ColumnType<string | null, number | string | null, number | string | null>;
// Declared here rather than imported from db/schema.ts, which imports this file.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Updated = ColumnType<Date, Date | string | undefined, Date | string>;

export interface StaffTables {
  staff_members: {
    id: string;
    organization_id: string;
    facility_id: string;
    user_id: string | null;
    first_name: string;
    last_name: string;
    position: string;
    employment_type: 'full_time' | 'part_time' | 'per_diem';
    flsa_exempt: Generated<boolean>;
    department: string | null;
    cost_center: string | null;
    shift: 'day' | 'evening' | 'night' | null;
    hire_date: string;
    termination_date: string | null;
    npi: string | null;
    date_of_birth: string | null;
    former_last_names: Generated<string[]>;
    created_at: Generated<Date>;
    updated_at: Updated;
  };
  pay_rates: {
    id: string;
    organization_id: string;
    staff_member_id: string;
    amount_cents: number;
    per: 'hour' | 'year';
    effective_from: string;
    created_at: Generated<Date>;
  };
  credential_types: {
    id: string;
    organization_id: string;
    code: string;
    name: string;
    family: string;
    category: 'licence' | 'certification' | 'registration' | 'facility';
    jurisdiction: string | null;
    state_bound: Generated<boolean>;
    renewal_cycle_months: number | null;
    ce_units_required: NullableNumeric;
    ce_approved_min: NullableNumeric;
    renewal_window_days: number | null;
    expiry_rule: Generated<'as_issued' | 'end_of_month' | 'day_before_anniversary'>;
    created_at: Generated<Date>;
  };
  staff_credentials: {
    id: string;
    organization_id: string;
    facility_id: string;
    staff_member_id: string | null;
    credential_type_id: string;
    number: string;
    issuing_state: string | null;
    issuing_body: string | null;
    multistate: Generated<boolean>;
    issued_on: string;
    expires_on: string | null;
    verified_by: string | null;
    verified_at: Timestamp | null;
    verification_method: 'primary_source' | 'document' | 'attestation' | null;
    status: Generated<'active' | 'revoked' | 'superseded'>;
    created_at: Generated<Date>;
    updated_at: Updated;
  };
  ce_records: {
    id: string;
    organization_id: string;
    staff_member_id: string;
    credential_id: string | null;
    completed_on: string;
    provider: string;
    title: string;
    units: Numeric;
    category: 'approved' | 'recognized' | 'general';
    created_at: Generated<Date>;
  };
  position_requirements: {
    id: string;
    organization_id: string;
    position: string;
    credential_type_id: string;
    state_bound: Generated<boolean>;
  };
  /** Installation-wide reference data: the OIG list is the same for every organization. */
  leie_imports: {
    id: string;
    file_name: string;
    checksum: string;
    rows: number;
    imported_at: Generated<Date>;
  };
  leie_exclusions: {
    import_id: string;
    line_no: number;
    last_name: string | null;
    first_name: string | null;
    mid_name: string | null;
    bus_name: string | null;
    general: string | null;
    specialty: string | null;
    upin: string | null;
    npi: string | null;
    dob: string | null;
    address: string | null;
    city: string | null;
    state: string | null;
    zip: string | null;
    excl_type: string;
    excl_date: string | null;
    rein_date: string | null;
    waiver_date: string | null;
    waiver_state: string | null;
    last_key: string | null;
    first_key: string | null;
    bus_key: string | null;
  };
  exclusion_screenings: {
    id: string;
    organization_id: string;
    staff_member_id: string;
    facility_id: string;
    run_at: Timestamp;
    leie_import_id: string;
    leie_checksum: string;
    searched: ColumnType<unknown, string, string>;
    matches: ColumnType<unknown, string, string>;
    status: 'clear' | 'possible_match' | 'confirmed' | 'cleared_by_review';
    reviewed_by: string | null;
    reviewed_at: Timestamp | null;
    note: string | null;
  };
  cmm_eligibility_rules: {
    organization_id: string;
    min_years_experience: Numeric;
    credits_required: Numeric;
    credits_waived_per_extra_year: Numeric;
    updated_by: string | null;
    updated_at: Updated;
  };
  /** Reference pay; rows without an organization ship with the product (migration 0010). */
  pay_benchmarks: {
    id: string;
    organization_id: string | null;
    occupation: 'medical_and_health_services_managers';
    reference_date: string;
    industry: 'all' | 'government' | 'hospitals' | 'nursing_and_residential_care' | 'physician_offices' | 'outpatient_care';
    median_annual_cents: number;
    projected_growth_percent: NullableNumeric;
    projection_period: string | null;
    source: string;
    source_url: string | null;
    created_by: string | null;
    created_at: Generated<Date>;
  };
}
