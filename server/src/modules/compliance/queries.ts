import type { AuditQuery } from '@clinicops/contracts';
import type { Ctx } from '../../platform/context.js';

type Q = Ctx['db'];

function filtered(db: Q, organizationId: string, f: AuditQuery) {
  let query = db.selectFrom('audit_events').where('organization_id', '=', organizationId);
  if (f.userId) query = query.where('actor_user_id', '=', f.userId);
  if (f.patientId) query = query.where('patient_id', '=', f.patientId);
  if (f.action) query = query.where('action', 'like', `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.outcome) query = query.where('outcome', '=', f.outcome);
  // Dates are whole days in UTC; the viewer sends the facility's calendar dates.
  if (f.from) query = query.where('occurred_at', '>=', new Date(`${f.from}T00:00:00Z`));
  if (f.to) query = query.where('occurred_at', '<', new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000));
  return query;
}

const unfiltered = (f: AuditQuery) => !f.userId && !f.patientId && !f.action && !f.outcome && !f.from && !f.to;

export async function searchAudit(db: Q, organizationId: string, f: AuditQuery) {
  const base = filtered(db, organizationId, f);
  const items = await base.selectAll().orderBy('seq', 'desc').limit(f.limit).offset(f.offset).execute();
  // Unfiltered, the chain head's seq is the exact count (seq has no gaps), without a scan.
  const total = unfiltered(f)
    ? ((await db.selectFrom('audit_chain_heads').select('seq').where('organization_id', '=', organizationId).executeTakeFirst())
        ?.seq ?? 0)
    : Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { items, total };
}

export const listBreakGlass = (db: Q, organizationId: string) =>
  db
    .selectFrom('break_glass_accesses as b')
    .innerJoin('users as u', 'u.id', 'b.user_id')
    .leftJoin('users as r', 'r.id', 'b.reviewed_by')
    .select([
      'b.id',
      'b.user_id',
      'u.display_name as user_name',
      'b.reason',
      'b.started_at',
      'b.expires_at',
      'b.reviewed_at',
      'r.display_name as reviewer_name',
      'b.review_note',
    ])
    .where('b.organization_id', '=', organizationId)
    .orderBy('b.started_at', 'desc')
    .limit(500)
    .execute();

export const reviewBreakGlass = (db: Q, organizationId: string, id: string, reviewerId: string, note: string, at: Date) =>
  db
    .updateTable('break_glass_accesses')
    .set({ reviewed_by: reviewerId, reviewed_at: at, review_note: note })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('reviewed_at', 'is', null)
    .executeTakeFirst();

export const breakGlassExists = async (db: Q, organizationId: string, id: string) =>
  (await db
    .selectFrom('break_glass_accesses')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst()) !== undefined;

export const countUnreviewedBreakGlass = async (db: Q, organizationId: string, before: Date) =>
  Number(
    (
      await db
        .selectFrom('break_glass_accesses')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organization_id', '=', organizationId)
        .where('reviewed_at', 'is', null)
        .where('started_at', '<=', before)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const countFailedLogins = async (db: Q, organizationId: string, since: Date) =>
  Number(
    (
      await db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organization_id', '=', organizationId)
        .where('action', 'in', ['auth.login', 'auth.mfa'])
        .where('outcome', '=', 'failure')
        .where('occurred_at', '>=', since)
        .executeTakeFirstOrThrow()
    ).n,
  );
