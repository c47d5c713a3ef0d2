import type { AuditEvent, AuditPage, AuditQuery, BreakGlassAccess, DashboardCard } from '@clinicops/contracts';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { requirePermission } from '../../platform/permissions.js';
import { toCsv } from './domain/csv.js';
import * as q from './queries.js';

type Row = Awaited<ReturnType<typeof q.searchAudit>>['items'][number];

const toEvent = (r: Row): AuditEvent => ({
  id: String(r.id),
  occurredAt: r.occurred_at.toISOString(),
  actorUserId: r.actor_user_id,
  actorLabel: r.actor_label,
  actorRole: r.actor_role,
  action: r.action,
  outcome: r.outcome,
  entityType: r.entity_type,
  entityId: r.entity_id,
  patientId: r.patient_id,
  facilityId: r.facility_id,
  ip: r.ip,
  requestId: r.request_id,
  breakGlass: r.break_glass,
  details: r.details,
});

export async function searchAuditLog(ctx: Ctx, filter: AuditQuery): Promise<AuditPage> {
  requirePermission(ctx, 'audit:read');
  const { items, total } = await q.searchAudit(ctx.db, ctx.organizationId, filter);
  return { items: items.map(toEvent), total, limit: filter.limit, offset: filter.offset };
}

const EXPORT_LIMIT = 50_000;

/** Exports are themselves audited: who took which slice of the trail. */
export async function exportAuditLog(ctx: Ctx, filter: AuditQuery): Promise<string> {
  requirePermission(ctx, 'audit:read');
  const { items, total } = await q.searchAudit(ctx.db, ctx.organizationId, { ...filter, limit: EXPORT_LIMIT, offset: 0 });
  await recordAudit(ctx, {
    action: 'audit.export',
    details: { filter: { ...filter, limit: undefined, offset: undefined }, rows: items.length, total },
  });
  return toCsv(
    [
      'seq',
      'occurred_at',
      'user_id',
      'user',
      'role',
      'action',
      'outcome',
      'entity_type',
      'entity_id',
      'patient_id',
      'facility_id',
      'ip',
      'request_id',
      'break_glass',
      'details',
    ],
    items.map((r) => [
      r.seq,
      r.occurred_at,
      r.actor_user_id,
      r.actor_label,
      r.actor_role,
      r.action,
      r.outcome,
      r.entity_type,
      r.entity_id,
      r.patient_id,
      r.facility_id,
      r.ip,
      r.request_id,
      r.break_glass,
      r.details,
    ]),
  );
}

export async function listBreakGlassAccesses(ctx: Ctx): Promise<BreakGlassAccess[]> {
  requirePermission(ctx, 'audit:read');
  return (await q.listBreakGlass(ctx.db, ctx.organizationId)).map((b) => ({
    id: b.id,
    userId: b.user_id,
    userName: b.user_name,
    reason: b.reason,
    startedAt: b.started_at.toISOString(),
    expiresAt: b.expires_at.toISOString(),
    reviewedAt: b.reviewed_at?.toISOString() ?? null,
    reviewedBy: b.reviewer_name,
    reviewNote: b.review_note,
  }));
}

export async function reviewBreakGlassAccess(ctx: Ctx, id: string, note: string): Promise<void> {
  const actor = requirePermission(ctx, 'break_glass:review');
  await inTransaction(ctx, async (tx) => {
    const res = await q.reviewBreakGlass(tx.db, ctx.organizationId, id, actor.userId, note, ctx.clock.now());
    if (res.numUpdatedRows === 0n) {
      if (await q.breakGlassExists(tx.db, ctx.organizationId, id))
        throw new AppError('conflict', 'This emergency access was already reviewed');
      throw notFound('Emergency access');
    }
    await recordAudit(tx, { action: 'break_glass.review', entityType: 'break_glass', entityId: id, details: { note } });
  });
}

/** Compliance cards for the dashboard, for those who may read the audit trail. */
export async function complianceCards(ctx: Ctx): Promise<DashboardCard[]> {
  if (!ctx.actor?.permissions.has('audit:read')) return [];
  const now = ctx.clock.now();
  const unreviewed = await q.countUnreviewedBreakGlass(ctx.db, ctx.organizationId, now);
  const failed = await q.countFailedLogins(ctx.db, ctx.organizationId, new Date(now.getTime() - 86_400_000));
  return [
    {
      key: 'compliance.break-glass',
      title: 'Emergency access to review',
      value: String(unreviewed),
      tone: unreviewed > 0 ? 'danger' : 'ok',
      detail: unreviewed > 0 ? 'Break-the-glass sessions wait for a manager’s review' : 'Nothing waiting',
      href: '/audit?tab=break-glass',
    },
    {
      key: 'compliance.failed-logins',
      title: 'Failed sign-ins, last 24 h',
      value: String(failed),
      tone: failed >= 10 ? 'warning' : 'neutral',
      detail: null,
      href: '/audit?action=auth.&outcome=failure',
    },
  ];
}
