import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openPool } from '../src/db/pool.js';
import { emailSendJob, smtpTransport } from '../src/platform/email/job.js';
import { enqueueEmail, type OutgoingEmail } from '../src/platform/email/outbox.js';
import { backoffMs, MAX_ATTEMPTS, type SendDeps, sendDueEmails } from '../src/platform/email/send.js';
import { type Jobs, startJobs } from '../src/platform/jobs.js';
import { freshDatabase, testConfig } from './helpers.js';

// A real SMTP server (smtp-server) on a local port and nodemailer's real SMTP transport: what
// the server received is what was sent. A database of its own, since the sender takes every
// organization's due messages.

type Received = { to: string; subject: string; messageId: string; raw: string };
const received: Received[] = [];
/** SMTP reply codes to answer the next DATA commands with, instead of accepting them. */
const rejectNext: number[] = [];
let smtp: SMTPServer;
let smtpUrl: string;
let database: { url: string; drop(): Promise<void> };
let opened: OpenedDatabase;
let organizationId: string;
// The clock the sender sees. Rows default next_attempt_at to the database's now(), so it starts
// ahead of the real time (set once the database is ready), far enough for a slow, loaded machine.
let now = new Date();
const log = pino({ level: 'silent' });

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const code = rejectNext.shift();
        if (code) {
          const err = Object.assign(new Error('Try again later, mailbox of someone@example.org busy'), { responseCode: code });
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          subject: /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '',
          messageId: /^Message-ID: (.*)$/im.exec(raw)?.[1]?.trim() ?? '',
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  database = await freshDatabase();
  opened = await openPool(database.url, 4);
  organizationId = randomUUID();
  await opened.db.insertInto('organizations').values({ id: organizationId, name: 'Outbox test' }).execute();
  now = new Date(Date.now() + 10 * 60_000);
});

let jobs: Jobs | undefined;

afterAll(async () => {
  await jobs?.stop();
  await opened?.close();
  await database?.drop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const deps = (transport: SendDeps['transport']): SendDeps => ({
  db: opened.db,
  transport,
  from: 'ClinicOps <no-reply@clinicops.test>',
  clock: { now: () => now },
  log,
});

const message = (key: string, extra: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  organizationId,
  recipient: 'ana.ruiz@example.org',
  subject: `Your RN licence expires in 30 days (${key})`,
  body: 'Renew it before 2026-12-27.',
  kind: 'staff.credential-alert',
  dedupeKey: key,
  ...extra,
});

const enqueue = (m: OutgoingEmail) => opened.db.transaction().execute((trx) => enqueueEmail(trx, m));
const row = (id: string) => opened.db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('email outbox', () => {
  it('enqueues a message once per dedupe key, and only when the transaction commits', async () => {
    const first = await enqueue(message('once'));
    const again = await enqueue(message('once', { subject: 'a different text' }));
    expect(first.enqueued).toBe(true);
    expect(again).toEqual({ id: first.id, enqueued: false });
    await opened.db
      .transaction()
      .execute(async (trx) => {
        await enqueueEmail(trx, message('rolled-back'));
        throw new Error('the change failed');
      })
      .catch(() => {});
    const keys = await opened.db
      .selectFrom('email_outbox')
      .select('dedupe_key')
      .where('organization_id', '=', organizationId)
      .execute();
    expect(keys.map((k) => k.dedupe_key)).toEqual(['once']);
    expect((await row(first.id)).subject).toBe('Your RN licence expires in 30 days (once)');
  });

  it('sends over SMTP once, and never again', async () => {
    const transport = smtpTransport(smtpUrl);
    const before = received.length;
    const summary = await sendDueEmails(deps(transport));
    expect(summary).toEqual({ sent: 1, retrying: 0, failed: 0, held: 0 });
    expect(received.slice(before)).toHaveLength(1);
    const got = received.at(-1);
    expect(got?.to).toBe('ana.ruiz@example.org');
    expect(got?.subject).toBe('Your RN licence expires in 30 days (once)');
    const [sent] = await opened.db.selectFrom('email_outbox').selectAll().where('dedupe_key', '=', 'once').execute();
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(got?.messageId).toBe(`<${sent?.id}@clinicops.outbox>`);
    // later runs, and a later enqueue of the same key, send nothing more
    expect(await sendDueEmails(deps(transport))).toEqual({ sent: 0, retrying: 0, failed: 0, held: 0 });
    await enqueue(message('once'));
    now = new Date(now.getTime() + 24 * 3_600_000);
    expect((await sendDueEmails(deps(transport))).sent).toBe(0);
    expect(received.length - before).toBe(1);
  });

  it('retries a temporary failure after its backoff, keeping no server text, then sends it once', async () => {
    const transport = smtpTransport(smtpUrl);
    const { id } = await enqueue(message('retry'));
    rejectNext.push(451);
    const before = received.length;
    expect(await sendDueEmails(deps(transport))).toEqual({ sent: 0, retrying: 1, failed: 0, held: 0 });
    const waiting = await row(id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, last_error: 'SMTP 451 (EMESSAGE)' });
    expect(waiting.last_error).not.toContain('example.org');
    expect(waiting.next_attempt_at.getTime()).toBe(now.getTime() + backoffMs(1));
    // not yet due: nothing happens
    expect((await sendDueEmails(deps(transport))).sent).toBe(0);
    now = new Date(now.getTime() + backoffMs(1));
    expect(await sendDueEmails(deps(transport))).toEqual({ sent: 1, retrying: 0, failed: 0, held: 0 });
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(received.length - before).toBe(1);
    now = new Date(now.getTime() + 3_600_000);
    expect((await sendDueEmails(deps(transport))).sent).toBe(0);
    expect(received.length - before).toBe(1);
  });

  it('gives up on a permanent refusal and after the last attempt', async () => {
    const transport = smtpTransport(smtpUrl);
    const permanent = await enqueue(message('permanent'));
    rejectNext.push(550);
    expect((await sendDueEmails(deps(transport))).failed).toBe(1);
    expect(await row(permanent.id)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'SMTP 550 (EMESSAGE)' });

    const flaky = await enqueue(message('flaky'));
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      rejectNext.push(421);
      const s = await sendDueEmails(deps(transport));
      expect(s.failed + s.retrying).toBe(1);
      now = new Date(now.getTime() + backoffMs(i));
    }
    expect(await row(flaky.id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    rejectNext.length = 0;
  });

  it('two workers at once send each message once (FOR UPDATE SKIP LOCKED)', async () => {
    const transport = smtpTransport(smtpUrl);
    const before = received.length;
    for (let i = 0; i < 6; i++) await enqueue(message(`parallel-${i}`, { recipient: `p${i}@example.org` }));
    const [a, b] = await Promise.all([sendDueEmails(deps(transport)), sendDueEmails(deps(transport))]);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(6);
    const to = received.slice(before).map((r) => r.to);
    expect(to.sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `p${i}@example.org`));
  });

  it('holds messages when no SMTP server is configured', async () => {
    const { id } = await enqueue(message('held'));
    expect(await sendDueEmails(deps(null))).toEqual({ sent: 0, retrying: 0, failed: 0, held: 1 });
    expect(await row(id)).toMatchObject({ status: 'held', attempts: 0, sent_at: null });
  });

  it('is sent by the email-send job through pg-boss with CLINICOPS_SMTP_URL', async () => {
    const before = received.length;
    await enqueue(message('via-job', { recipient: 'job@example.org' }));
    const job = emailSendJob({ db: opened.db, config: testConfig({ CLINICOPS_SMTP_URL: smtpUrl }), log });
    jobs = await startJobs(database.url, [job], log);
    await jobs.boss.send(job.name, {});
    await expect
      .poll(() => received.slice(before).map((r) => r.to), { timeout: 20_000, interval: 200 })
      .toEqual(['job@example.org']);
    await expect
      .poll(
        async () =>
          (await opened.db.selectFrom('email_outbox').select('status').where('dedupe_key', '=', 'via-job').executeTakeFirst())
            ?.status,
      )
      .toBe('sent');
  });
});
