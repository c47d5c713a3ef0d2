import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

export type OutgoingEmail = {
  organizationId: string;
  /**
   * The facility the message is about, if one: who may read it on the outbox page follows from it.
   * Leave it out for a message about several facilities (a digest): then only its recipient and
   * those who see every facility read it there.
   */
  facilityId?: string | null;
  recipient: string;
  subject: string;
  /** Plain text. Say what to do and where, not more: mail leaves the system's control. */
  body: string;
  /** What it is, for the outbox page and the logs: 'staff.credential-alert', 'appointment.reminder'. */
  kind: string;
  /**
   * The caller's name for this message, unique per organization: a second enqueue with the same
   * key is ignored, so a job that runs twice (or a retried request) never mails twice.
   */
  dedupeKey: string;
};

/**
 * Queues a message in the caller's transaction: it exists exactly when the change that caused it
 * was committed, and is sent later by the email-send job. Answers whether it was new.
 */
export async function enqueueEmail(trx: Transaction<Database>, email: OutgoingEmail): Promise<{ id: string; enqueued: boolean }> {
  const id = randomUUID();
  const inserted = await trx
    .insertInto('email_outbox')
    .values({
      id,
      organization_id: email.organizationId,
      facility_id: email.facilityId ?? null,
      recipient: email.recipient,
      subject: email.subject,
      body: email.body,
      kind: email.kind,
      dedupe_key: email.dedupeKey,
    })
    .onConflict((oc) => oc.columns(['organization_id', 'dedupe_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, enqueued: true };
  const existing = await trx
    .selectFrom('email_outbox')
    .select('id')
    .where('organization_id', '=', email.organizationId)
    .where('dedupe_key', '=', email.dedupeKey)
    .executeTakeFirstOrThrow();
  return { id: existing.id, enqueued: false };
}
