import type { Generated } from 'kysely';

/** The SMS outbox the development adapter writes to (migration 0013_appointment_reminders.sql). */
export interface SmsTables {
  sms_outbox: {
    id: string;
    organization_id: string;
    facility_id: string | null;
    recipient: string;
    body: string;
    kind: string;
    dedupe_key: string;
    status: Generated<'held' | 'sent' | 'failed'>;
    created_at: Generated<Date>;
  };
}
