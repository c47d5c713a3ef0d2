import { z } from 'zod';
import { Id } from './common.js';

// The email outbox: every message the system sends, and what became of it.

export const EmailStatus = z.enum(['queued', 'sent', 'failed', 'held']);
export type EmailStatus = z.infer<typeof EmailStatus>;

export const OutboxMessage = z.object({
  id: Id,
  /** sms: written by the development SMS adapter (no SMS provider is wired in); always held */
  channel: z.enum(['email', 'sms']),
  recipient: z.string(),
  subject: z.string(),
  body: z.string(),
  kind: z.string(),
  /** held: not sent because no SMTP server is configured (CLINICOPS_SMTP_URL) */
  status: EmailStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxQuery = z.object({ status: EmailStatus.optional() });
export type OutboxQuery = z.infer<typeof OutboxQuery>;

export const Outbox = z.object({
  /** whether an SMTP server is configured; without one, messages are held here */
  smtpConfigured: z.boolean(),
  /** newest first, at most 200 */
  messages: z.array(OutboxMessage),
});
export type Outbox = z.infer<typeof Outbox>;
