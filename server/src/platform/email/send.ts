import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/pool.js';
import type { Clock } from '../clock.js';

/** What the sender needs of nodemailer's transporter (the SMTP transport in production). */
export type MailTransport = {
  sendMail(message: { from: string; to: string; subject: string; text: string; messageId: string }): Promise<unknown>;
};

/** After this many failed attempts a message is marked failed and left for a person to look at. */
export const MAX_ATTEMPTS = 8;

/** Wait before attempt n+1: 1, 2, 4, ... minutes, at most 6 hours (8 attempts span about 4 hours). */
export const backoffMs = (attempts: number) => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);

/**
 * An SMTP reply code and nodemailer's error class, never the server's text: a rejection may quote
 * the recipient or the message, and last_error is shown on a page and may be logged.
 */
export function describeSendError(err: unknown): string {
  const e = err as { responseCode?: unknown; code?: unknown; name?: unknown };
  const code = typeof e.responseCode === 'number' ? `SMTP ${e.responseCode}` : 'no SMTP reply';
  const kind =
    typeof e.code === 'string' && /^[A-Z_]{2,30}$/.test(e.code) ? e.code : typeof e.name === 'string' ? e.name : 'Error';
  return `${code} (${kind.slice(0, 40)})`;
}

/** A 5xx reply is a permanent refusal (no such mailbox, policy): trying again changes nothing. */
const isPermanent = (err: unknown) => {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

export type SendDeps = {
  db: Db;
  /** null when no SMTP server is configured: due messages are marked held instead. */
  transport: MailTransport | null;
  from: string;
  clock: Clock;
  log: FastifyBaseLogger;
};

export type SendSummary = { sent: number; retrying: number; failed: number; held: number };

/**
 * Sends the due queued messages, one transaction each: claim the row (FOR UPDATE SKIP LOCKED, so
 * a second worker takes the next message instead of waiting for this one), hand it to the SMTP
 * server, mark it sent, commit. Two workers therefore never send the same row at once, and a
 * sent row is never picked again.
 *
 * The crash window, honestly: if the process dies (or the database connection drops) after the
 * SMTP server accepted the message and before the commit that marks it sent, the transaction
 * rolls back, the row is queued again and the next run sends it a second time. Delivery is
 * at-least-once; the window is one UPDATE and a COMMIT long. The Message-ID is the outbox id,
 * so a receiving system that drops duplicate Message-IDs drops the copy. Exactly-once delivery
 * over SMTP is not possible without the receiver's cooperation.
 */
export async function sendDueEmails(deps: SendDeps, limit = 100): Promise<SendSummary> {
  const summary: SendSummary = { sent: 0, retrying: 0, failed: 0, held: 0 };
  for (let i = 0; i < limit; i++) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const message = await trx
        .selectFrom('email_outbox')
        .select(['id', 'recipient', 'subject', 'body', 'kind', 'attempts', 'organization_id'])
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('created_at')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!message) return false;
      if (!deps.transport) {
        await trx.updateTable('email_outbox').set({ status: 'held' }).where('id', '=', message.id).execute();
        summary.held++;
        return true;
      }
      const attempts = message.attempts + 1;
      try {
        await deps.transport.sendMail({
          from: deps.from,
          to: message.recipient,
          subject: message.subject,
          text: message.body,
          messageId: `<${message.id}@clinicops.outbox>`,
        });
      } catch (err) {
        const lastError = describeSendError(err);
        const giveUp = attempts >= MAX_ATTEMPTS || isPermanent(err);
        await trx
          .updateTable('email_outbox')
          .set({
            attempts,
            last_error: lastError,
            ...(giveUp ? { status: 'failed' as const } : { next_attempt_at: new Date(now.getTime() + backoffMs(attempts)) }),
          })
          .where('id', '=', message.id)
          .execute();
        // the id and the kind, never the recipient or the text
        deps.log.warn(
          { emailId: message.id, kind: message.kind, attempts, error: lastError },
          giveUp ? 'email failed' : 'email will be retried',
        );
        if (giveUp) summary.failed++;
        else summary.retrying++;
        return true;
      }
      await trx
        .updateTable('email_outbox')
        .set({ status: 'sent', sent_at: deps.clock.now(), attempts, last_error: null })
        .where('id', '=', message.id)
        .execute();
      summary.sent++;
      return true;
    });
    if (!done) break;
  }
  return summary;
}
