import type { AlertRun, StaffAlert } from '@clinicops/contracts';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../../platform/context.js';
import { enqueueEmail } from '../../../platform/email/outbox.js';
import { requirePermission } from '../../../platform/permissions.js';
import {
  type Alert,
  type AlertCe,
  type AlertCredential,
  type AlertScreening,
  compareAlerts,
  digestEmail,
  dueAlerts,
  personalAlertEmail,
} from '../domain/alerts.js';
import { dateIn } from '../domain/dates.js';
import * as q from '../queries.js';
import * as sq from '../screening-queries.js';
import { todayIn } from './common.js';
import { currentCeProgress, toCeRecord } from './mappers.js';

// Credential alerts: computed from the records each time (never stored), so the list on the
// compliance page, the dashboard card and the daily emails cannot disagree. The outbox's dedupe
// keys are what remembers that an alert was mailed.

const canReadScreenings = (ctx: Ctx) => !!ctx.actor?.permissions.has('staff:write') || !!ctx.actor?.permissions.has('audit:read');

/** The alerts due today in each of the given facilities (by that facility's calendar). */
async function alertsIn(ctx: Ctx, facilityIds: readonly string[]) {
  const facilities = await q.facilitiesOf(ctx.db, ctx.organizationId, facilityIds);
  const todays = new Map(facilities.map((f) => [f.id, todayIn(ctx, f.time_zone)]));
  const today = (facilityId: string) => todays.get(facilityId) ?? todayIn(ctx, 'UTC');
  const staff = (await q.listStaff(ctx.db, ctx.organizationId, { facilityIds })).filter(
    (s) => s.termination_date === null || s.termination_date >= today(s.facility_id),
  );
  const people = new Map(staff.map((s) => [s.id, s]));
  const [credentials, ceRows, pending] = await Promise.all([
    q.listCredentials(ctx.db, ctx.organizationId, { facilityIds, activeOnly: true }),
    q.listCeRecordsOf(
      ctx.db,
      ctx.organizationId,
      staff.map((s) => s.id),
    ),
    canReadScreenings(ctx) ? sq.reviewQueue(ctx.db, ctx.organizationId, facilityIds) : Promise.resolve([]),
  ]);
  const nameOf = (s: q.StaffRow) => `${s.first_name} ${s.last_name}`;
  const byFacility = new Map<string, { credentials: AlertCredential[]; ce: AlertCe[]; screenings: AlertScreening[] }>(
    facilities.map((f) => [f.id, { credentials: [], ce: [], screenings: [] }]),
  );
  const facilityName = new Map(facilities.map((f) => [f.id, f.name]));
  for (const c of credentials) {
    const holder = c.staff_member_id ? people.get(c.staff_member_id) : undefined;
    // a terminated person's credentials are no one's concern any more
    if (c.staff_member_id && !holder) continue;
    byFacility.get(c.facility_id)?.credentials.push({
      credentialId: c.id,
      family: c.family,
      label: c.type_name,
      number: c.number,
      expiresOn: c.expires_on,
      holder: holder ? { staffMemberId: holder.id, name: nameOf(holder) } : null,
      facilityId: c.facility_id,
      facilityName: facilityName.get(c.facility_id) ?? '',
    });
  }
  const ceRecords = ceRows.map((r) => ({ staffMemberId: r.staff_member_id, record: toCeRecord(r) }));
  for (const s of staff) {
    const own = credentials.filter((c) => c.staff_member_id === s.id);
    if (!own.some((c) => c.ce_units_required !== null)) continue;
    const records = ceRecords.filter((r) => r.staffMemberId === s.id).map((r) => r.record);
    for (const p of currentCeProgress(own, records, today(s.facility_id))) {
      byFacility.get(s.facility_id)?.ce.push({
        credentialId: p.credentialId,
        label: p.typeName,
        staffMemberId: s.id,
        name: nameOf(s),
        facilityId: s.facility_id,
        cycleEnd: p.cycleEnd,
        projectedNonCompliance: p.projectedNonCompliance,
      });
    }
  }
  for (const r of pending) {
    const facilityId = people.get(r.staff_member_id)?.facility_id ?? r.facility_id;
    byFacility.get(facilityId)?.screenings.push({
      screeningId: r.id,
      staffMemberId: r.staff_member_id,
      name: `${r.first_name} ${r.last_name}`,
      facilityId,
      screenedOn: dateIn(r.run_at, facilities.find((f) => f.id === facilityId)?.time_zone ?? 'UTC'),
    });
  }
  const alerts = [...byFacility.entries()].flatMap(([facilityId, input]) => dueAlerts(input, today(facilityId)));
  return { alerts: alerts.sort(compareAlerts), people, facilities, today };
}

/** Today's alerts in the facilities the actor may see; exclusion matches only for those who review them. */
export async function listAlerts(ctx: Ctx): Promise<StaffAlert[]> {
  const actor = requirePermission(ctx, 'staff:read');
  const { alerts } = await alertsIn(ctx, actor.facilityIds);
  return alerts satisfies StaffAlert[];
}

/** For the dashboard: the same alerts, or nothing for those who may not read staff. */
export async function alertsForDashboard(ctx: Ctx): Promise<Alert[]> {
  if (!ctx.actor?.permissions.has('staff:read')) return [];
  return (await alertsIn(ctx, ctx.actor.facilityIds)).alerts;
}

/**
 * Mails today's alerts: each person their own credentials' alerts (when they have an account),
 * each manager a digest of their facilities. The daily job calls this; so may a manager, since the
 * dedupe keys make a second run mail nothing already mailed (a digest once per manager and day).
 */
export async function sendCredentialAlerts(ctx: Ctx): Promise<AlertRun> {
  const actor = requirePermission(ctx, 'staff:write');
  return inTransaction(ctx, async (tx) => {
    const { alerts, people, facilities, today } = await alertsIn(tx, actor.facilityIds);
    const accounts = await q.activeAccounts(tx.db, ctx.organizationId);
    const accountById = new Map(accounts.map((a) => [a.id, a]));
    let emailsQueued = 0;
    for (const alert of alerts) {
      const person = alert.staffMemberId ? people.get(alert.staffMemberId) : undefined;
      const account = person?.user_id ? accountById.get(person.user_id) : undefined;
      if (!person || !account) continue;
      const email = personalAlertEmail(alert, person.first_name);
      if (!email) continue;
      const r = await enqueueEmail(tx.db, {
        organizationId: ctx.organizationId,
        facilityId: alert.facilityId,
        recipient: account.email,
        ...email,
        kind: 'staff.credential-alert',
        dedupeKey: alert.key,
      });
      if (r.enqueued) emailsQueued++;
    }
    const scope = new Set(facilities.map((f) => f.id));
    // A digest covers all of a manager's facilities, so it goes only to managers whose facilities
    // this run sees in full (the daily job sees all): a partial digest would take the day's key.
    const managers = accounts.filter(
      (a) => a.roles.includes('manager') && a.facility_ids.length > 0 && a.facility_ids.every((id) => scope.has(id)),
    );
    for (const manager of managers) {
      const theirs = alerts.filter((a) => manager.facility_ids.includes(a.facilityId));
      const date = today(manager.facility_ids[0] ?? '');
      const digest = digestEmail(theirs, date);
      if (!digest) continue;
      const r = await enqueueEmail(tx.db, {
        organizationId: ctx.organizationId,
        recipient: manager.email,
        ...digest,
        kind: 'staff.alert-digest',
        dedupeKey: `digest:${manager.id}:${date}`,
      });
      if (r.enqueued) emailsQueued++;
    }
    // counts only: the alerts name people, and the trail is read more widely
    await recordAudit(tx, {
      action: 'staff.alerts.send',
      entityType: 'organization',
      entityId: ctx.organizationId,
      details: { alerts: alerts.length, emailsQueued },
    });
    return { alerts: alerts.length, emailsQueued };
  });
}
