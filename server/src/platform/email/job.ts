import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';
import type { Db } from '../../db/pool.js';
import { systemClock } from '../clock.js';
import type { JobDefinition } from '../jobs.js';
import { type MailTransport, sendDueEmails } from './send.js';

/** nodemailer's SMTP transport for CLINICOPS_SMTP_URL (smtp:// or smtps://user:pass@host:port). */
export function smtpTransport(smtpUrl: string): MailTransport {
  const url = new URL(smtpUrl);
  // bounded, because the outbox row stays locked while the SMTP conversation lasts
  for (const [k, v] of Object.entries({ connectionTimeout: '10000', greetingTimeout: '10000', socketTimeout: '30000' })) {
    if (!url.searchParams.has(k)) url.searchParams.set(k, v);
  }
  return nodemailer.createTransport(url.toString());
}

/**
 * Sends the outbox every minute; a failed message waits out its backoff (send.ts). Without
 * CLINICOPS_SMTP_URL messages are marked held and stay on the development outbox page.
 */
export function emailSendJob(deps: { db: Db; config: Config; log: FastifyBaseLogger }): JobDefinition {
  const transport = deps.config.smtpUrl ? smtpTransport(deps.config.smtpUrl) : null;
  return {
    name: 'email-send',
    cron: '* * * * *',
    handler: async () => {
      const summary = await sendDueEmails({
        db: deps.db,
        transport,
        from: deps.config.mailFrom,
        clock: systemClock,
        log: deps.log,
      });
      if (summary.sent + summary.retrying + summary.failed + summary.held > 0) deps.log.info(summary, 'email outbox processed');
    },
  };
}
