import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

export type OutgoingSms = {
  organizationId: string;
  /** The facility the message is about: who may read it on the outbox page follows from it. */
  facilityId: string | null;
  /** A phone number as typed; the adapter keeps its digits (and a leading +). */
  to: string;
  /** Plain text, short. Like an email: when and where, never why. */
  body: string;
  kind: string;
  /** Unique per organization: a second message with the same key is ignored. */
  dedupeKey: string;
};

/**
 * The port through which the system texts someone. Like `enqueueEmail` it writes in the caller's
 * transaction, so a message exists exactly when the change that caused it was committed; a
 * provider adapter would send those rows from a job. Only the development adapter exists: no
 * SMS provider is wired in.
 */
export interface SmsSender {
  enqueue(trx: Transaction<Database>, sms: OutgoingSms): Promise<{ enqueued: boolean }>;
}

/** '+1 (614) 555-0100' → '+16145550100'; null when it is not a plausible number. */
export function normalizePhone(text: string): string | null {
  const plus = text.trim().startsWith('+');
  const digits = text.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  return `${plus ? '+' : ''}${digits}`;
}

/**
 * Development adapter: the message is written to `sms_outbox` as held and shown on the outbox
 * page beside the email; nothing leaves the machine.
 */
export const outboxSmsSender: SmsSender = {
  async enqueue(trx, sms) {
    const recipient = normalizePhone(sms.to);
    if (!recipient) return { enqueued: false };
    const inserted = await trx
      .insertInto('sms_outbox')
      .values({
        id: randomUUID(),
        organization_id: sms.organizationId,
        facility_id: sms.facilityId,
        recipient,
        body: sms.body.slice(0, 1600),
        kind: sms.kind,
        dedupe_key: sms.dedupeKey,
      })
      .onConflict((oc) => oc.columns(['organization_id', 'dedupe_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return { enqueued: !!inserted };
  },
};
