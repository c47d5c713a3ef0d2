import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The email outbox (migration 0010_staff_alerts_email.sql). */
export interface EmailTables {
  email_outbox: {
    id: string;
    organization_id: string;
    facility_id: string | null;
    recipient: string;
    subject: string;
    body: string;
    kind: string;
    dedupe_key: string;
    status: Generated<'queued' | 'sent' | 'failed' | 'held'>;
    attempts: Generated<number>;
    next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
    last_error: string | null;
    created_at: Generated<Date>;
    sent_at: Timestamp | null;
  };
}
