import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../db/schema.js';

export interface PlatformTables {
  organizations: { id: string; name: string; created_at: Generated<Date> };
  facilities: {
    id: string;
    organization_id: string;
    name: string;
    kind: 'clinic' | 'nursing_home' | 'hospital_department';
    time_zone: string;
    address_line: string | null;
    city: string | null;
    state: string | null;
    postal_code: string | null;
    beds: number | null;
    /** The FLSA workweek's first day, 0 Monday .. 6 Sunday (migration 0018). */
    workweek_start_day: Generated<number>;
    /** The local hour the workweek begins at, 0 .. 23. */
    workweek_start_hour: Generated<number>;
    created_at: Generated<Date>;
  };
  users: {
    id: string;
    organization_id: string;
    email: string;
    display_name: string;
    password_hash: string;
    roles: string[];
    active: Generated<boolean>;
    failed_logins: Generated<number>;
    locked_until: Timestamp | null;
    mfa_secret: string | null;
    mfa_enabled: Generated<boolean>;
    must_change_password: Generated<boolean>;
    last_login_at: Timestamp | null;
    created_at: Generated<Date>;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  user_facilities: { organization_id: string; user_id: string; facility_id: string };
  mfa_recovery_codes: {
    id: string;
    organization_id: string;
    user_id: string;
    code_hash: string;
    used_at: Timestamp | null;
  };
  sessions: {
    id_hash: string;
    organization_id: string;
    user_id: string;
    stage: 'mfa' | 'enrol' | 'full';
    csrf_token: string;
    created_at: Generated<Date>;
    last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
    expires_at: Timestamp;
    ip: string | null;
    user_agent: string | null;
  };
  api_tokens: {
    id: string;
    organization_id: string;
    user_id: string;
    name: string;
    token_hash: string;
    created_at: Generated<Date>;
    last_used_at: Timestamp | null;
    revoked_at: Timestamp | null;
  };
  break_glass_accesses: {
    id: string;
    organization_id: string;
    user_id: string;
    reason: string;
    started_at: Timestamp;
    expires_at: Timestamp;
    reviewed_by: string | null;
    reviewed_at: Timestamp | null;
    review_note: string | null;
  };
  audit_events: {
    id: Generated<number>;
    organization_id: string;
    seq: number;
    occurred_at: Timestamp;
    actor_user_id: string | null;
    actor_label: string | null;
    actor_role: string | null;
    action: string;
    outcome: 'success' | 'failure' | 'denied';
    entity_type: string | null;
    entity_id: string | null;
    patient_id: string | null;
    facility_id: string | null;
    ip: string | null;
    request_id: string | null;
    break_glass: boolean;
    details: ColumnType<Record<string, unknown>, string, string>;
    prev_hash: string;
    hash: string;
  };
  audit_chain_heads: { organization_id: string; seq: number; hash: string };
}
