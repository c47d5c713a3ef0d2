// Reminders and the patient's confirmation: the organization's reminder offsets, the job's run
// (email and SMS through the outboxes, only over channels the patient consented to, each
// (appointment, start, offset) once), and the signed link by which a patient confirms or cancels
// without signing in.
import type { AppointmentLinkAction, AppointmentLinkView, ReminderRun, ReminderSettings } from '@clinicops/contracts';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { enqueueEmail } from '../../platform/email/outbox.js';
import { AppError } from '../../platform/errors.js';
import { requirePermission } from '../../platform/permissions.js';
import { linkKey, signLink, verifyLink } from '../../platform/signed-link.js';
import type { SmsSender } from '../../platform/sms/sms.js';
import { patientContacts } from '../patients/index.js';
import { DEFAULT_OFFSETS_MINUTES, dueReminders, reminderText } from './domain/reminders.js';
import { checkTransition } from './domain/status.js';
import * as q from './queries.js';

export async function getReminderSettings(ctx: Ctx): Promise<ReminderSettings> {
  requirePermission(ctx, 'appointments:read');
  return settingsOf(ctx);
}

async function settingsOf(ctx: Ctx): Promise<ReminderSettings> {
  const row = await q.reminderSettings(ctx.db, ctx.organizationId);
  if (!row) return { offsetsMinutes: [...DEFAULT_OFFSETS_MINUTES], emailEnabled: true, smsEnabled: true };
  return { offsetsMinutes: row.offsets_minutes, emailEnabled: row.email_enabled, smsEnabled: row.sms_enabled };
}

/** The manager's call, like overbooking (rostering:write is held by managers only). */
export async function updateReminderSettings(ctx: Ctx, input: ReminderSettings): Promise<ReminderSettings> {
  const actor = requirePermission(ctx, 'rostering:write');
  const offsets = [...input.offsetsMinutes].sort((a, b) => b - a);
  return inTransaction(ctx, async (tx) => {
    const before = await settingsOf(tx);
    await q.upsertReminderSettings(tx.db, {
      organization_id: ctx.organizationId,
      offsets_minutes: offsets,
      email_enabled: input.emailEnabled,
      sms_enabled: input.smsEnabled,
      updated_by: actor.via === 'system' ? null : actor.userId,
    });
    const after = { offsetsMinutes: offsets, emailEnabled: input.emailEnabled, smsEnabled: input.smsEnabled };
    await recordAudit(tx, { action: 'scheduling.reminders.update', entityType: 'reminder_settings', details: { before, after } });
    return after;
  });
}

/** Where links point: the public URL when configured, else where this server listens. */
const baseUrl = (ctx: Ctx) => (ctx.config.publicUrl ?? `http://${ctx.config.host}:${ctx.config.port}`).replace(/\/$/, '');

/** The patient's link for one appointment: valid until the appointment starts. */
export function appointmentLink(ctx: Ctx, appointmentId: string, startsAt: Date): string {
  return `${baseUrl(ctx)}/appointment-link/${signLink(linkKey(ctx.config), appointmentId, startsAt)}`;
}

/**
 * Queues the reminders due now for the organization in `ctx` (the job calls this every few
 * minutes). Each message's dedupe key names the appointment, its start and the offset, so a run
 * that repeats sends nothing twice and a moved appointment is reminded of its new time.
 */
export async function sendDueReminders(ctx: Ctx, sms: SmsSender): Promise<ReminderRun> {
  // the job's actor sees every facility; a user queues for the facilities they schedule
  const actor = requirePermission(ctx, 'appointments:write');
  const settings = await settingsOf(ctx);
  const run: ReminderRun = { emails: 0, sms: 0, skippedNoConsent: 0 };
  if (settings.offsetsMinutes.length === 0 || (!settings.emailEnabled && !settings.smsEnabled)) return run;
  const now = ctx.clock.now();
  const horizon = new Date(now.getTime() + Math.max(...settings.offsetsMinutes) * 60_000);
  const rows = await q.remindable(ctx.db, ctx.organizationId, actor.facilityIds, now, horizon);
  const due = dueReminders(
    rows.map((r) => ({ id: r.id, startsAt: r.starts_at.getTime(), bookedAt: r.booked_at.getTime() })),
    settings.offsetsMinutes,
    now.getTime(),
  );
  if (due.length === 0) return run;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const contacts = await patientContacts(
    ctx,
    due.map((d) => byId.get(d.appointmentId)?.patient_id ?? ''),
  );
  const facilities = new Map(
    (
      await q.facilities(
        ctx.db,
        ctx.organizationId,
        rows.map((r) => r.facility_id),
      )
    ).map((f) => [f.id, f]),
  );
  for (const d of due) {
    const a = byId.get(d.appointmentId);
    const contact = a && contacts.get(a.patient_id);
    const facility = a && facilities.get(a.facility_id);
    if (!a || !facility) continue;
    const email = settings.emailEnabled ? contact?.email : null;
    const phone = settings.smsEnabled ? contact?.phone : null;
    if (!email && !phone) {
      run.skippedNoConsent++;
      continue;
    }
    const text = reminderText({
      facilityName: facility.name,
      timeZone: facility.time_zone,
      startsAt: a.starts_at.getTime(),
      confirmUrl: appointmentLink(ctx, a.id, a.starts_at),
    });
    const key = `appointment:${a.id}:${a.starts_at.toISOString()}:reminder:${d.offsetMinutes}`;
    await inTransaction(ctx, async (tx) => {
      const sent = { email: false, sms: false };
      if (email) {
        sent.email = (
          await enqueueEmail(tx.db, {
            organizationId: ctx.organizationId,
            facilityId: a.facility_id,
            recipient: email,
            subject: text.subject,
            body: text.body,
            kind: 'appointment.reminder',
            dedupeKey: key,
          })
        ).enqueued;
      }
      if (phone) {
        sent.sms = (
          await sms.enqueue(tx.db, {
            organizationId: ctx.organizationId,
            facilityId: a.facility_id,
            to: phone,
            body: text.sms,
            kind: 'appointment.reminder',
            dedupeKey: key,
          })
        ).enqueued;
      }
      if (sent.email) run.emails++;
      if (sent.sms) run.sms++;
      if (sent.email || sent.sms) {
        await recordAudit(tx, {
          action: 'appointment.reminder.queue',
          entityType: 'appointment',
          entityId: a.id,
          patientId: a.patient_id,
          facilityId: a.facility_id,
          details: { offsetMinutes: d.offsetMinutes, email: sent.email, sms: sent.sms },
        });
      }
    });
  }
  return run;
}

// --- the patient's link ------------------------------------------------------------------

const refusal = {
  malformed: new AppError(
    'bad_request',
    'This link is incomplete. Please open the link from your reminder again, or call the office.',
  ),
  tampered: new AppError(
    'bad_request',
    'This link is not valid: it may have been changed. Please use the link from your reminder, or call the office.',
  ),
  expired: new AppError('gone', 'This link has expired: the appointment has started or passed. Please call the office.'),
};

/** The reason a cancellation through the link carries, by which the dashboard finds them. */
export const PATIENT_CANCEL_REASON = 'Cancelled by the patient (reminder link)';

/** The patient is nobody we know by sign-in: the link is the credential, and the audit says so. */
const PATIENT_LABEL = 'patient (reminder link)';

function checkedLink(ctx: Ctx, token: string) {
  const check = verifyLink(linkKey(ctx.config), token, ctx.clock.now());
  if (!check.ok) throw refusal[check.reason];
  return check;
}

type LinkRow = NonNullable<Awaited<ReturnType<typeof q.lockAppointmentById>>>;

function viewOf(row: LinkRow, expiresAt: Date, now: Date): AppointmentLinkView {
  const status =
    row.status === 'cancelled'
      ? 'cancelled'
      : row.status !== 'booked' || row.starts_at.getTime() <= now.getTime()
        ? 'past'
        : row.confirmed_at
          ? 'confirmed'
          : 'booked';
  return {
    facilityName: row.facility_name,
    timeZone: row.time_zone,
    startsAt: row.starts_at.toISOString(),
    providerName: row.provider_name,
    status,
    expiresAt: expiresAt.toISOString(),
  };
}

async function withLinkedAppointment<T>(ctx: Ctx, token: string, fn: (tx: Ctx, row: LinkRow, expiresAt: Date) => Promise<T>) {
  const check = checkedLink(ctx, token);
  return inTransaction({ ...ctx, actor: null }, async (tx) => {
    const row = await q.lockAppointmentById(tx.db, check.payload);
    if (!row) throw new AppError('not_found', 'This appointment no longer exists. Please call the office.');
    return fn({ ...tx, organizationId: row.organization_id }, row, check.expiresAt);
  });
}

/** What the link's page shows: the time, the clinic, the provider and the state. Audited as a read. */
export async function readAppointmentLink(ctx: Ctx, token: string): Promise<AppointmentLinkView> {
  return withLinkedAppointment(ctx, token, async (tx, row, expiresAt) => {
    await recordAudit(tx, {
      action: 'appointment.link.view',
      entityType: 'appointment',
      entityId: row.id,
      patientId: row.patient_id,
      facilityId: row.facility_id,
      actorLabel: PATIENT_LABEL,
    });
    return viewOf(row, expiresAt, ctx.clock.now());
  });
}

/**
 * Confirm or cancel from the link. Idempotent: confirming a confirmed appointment, or cancelling
 * a cancelled one, answers the same state and changes (and audits) nothing. A cancellation frees
 * the provider and rooms like the front desk's, so the waitlist proposals see the time.
 */
export async function actOnAppointmentLink(ctx: Ctx, token: string, action: AppointmentLinkAction): Promise<AppointmentLinkView> {
  return withLinkedAppointment(ctx, token, async (tx, row, expiresAt) => {
    const now = ctx.clock.now();
    const audit = (act: string, details: Record<string, unknown>) =>
      recordAudit(tx, {
        action: act,
        entityType: 'appointment',
        entityId: row.id,
        patientId: row.patient_id,
        facilityId: row.facility_id,
        actorLabel: PATIENT_LABEL,
        details: { ...details, via: 'reminder-link' },
      });
    if (action === 'confirm') {
      if (row.status === 'cancelled')
        throw new AppError('conflict', 'This appointment was cancelled. Please call the office to book again.');
      if (row.status !== 'booked') throw new AppError('conflict', 'This appointment can no longer be confirmed.');
      if (!row.confirmed_at) {
        await q.updateAppointment(tx.db, row.organization_id, row.id, { confirmed_at: now });
        await audit('appointment.confirm', {});
        return viewOf({ ...row, confirmed_at: now }, expiresAt, now);
      }
      return viewOf(row, expiresAt, now);
    }
    if (row.status === 'cancelled') return viewOf(row, expiresAt, now);
    // the patient may cancel only what has not begun: a booked visit, not one checked in
    if (row.status !== 'booked')
      throw new AppError('conflict', 'This appointment can no longer be cancelled here. Please call the office.');
    const check = checkTransition({ status: row.status, startsAt: row.starts_at.getTime() }, 'cancel', now.getTime());
    if (!check.ok) throw new AppError('conflict', 'This appointment can no longer be cancelled here. Please call the office.');
    await q.updateAppointment(tx.db, row.organization_id, row.id, {
      status: 'cancelled',
      cancelled_at: now,
      cancel_reason: PATIENT_CANCEL_REASON,
    });
    await q.releaseBookings(tx.db, row.organization_id, row.id);
    await audit('appointment.cancel', { from: row.status, to: 'cancelled' });
    return viewOf({ ...row, status: 'cancelled' }, expiresAt, now);
  });
}
