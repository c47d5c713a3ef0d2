import { Outbox, OutboxQuery } from '@clinicops/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recordAudit } from '../audit/record.js';
import { type Ctx, inTransaction } from '../context.js';
import { requirePermission } from '../permissions.js';

/**
 * The outbox as a page: in development (no SMTP) it is where messages can be read at all; with
 * SMTP it shows what was sent and what failed. Messages name staff and, later, patients' visits,
 * so the page is for whoever administers the installation's users (users:write, managers only),
 * and each look is audited.
 */
export async function listOutbox(ctx: Ctx, query: OutboxQuery): Promise<Outbox> {
  const actor = requirePermission(ctx, 'users:write');
  return inTransaction(ctx, async (tx) => {
    const facilities = await tx.db
      .selectFrom('facilities')
      .select('id')
      .where('organization_id', '=', ctx.organizationId)
      .execute();
    const seesAll = facilities.every((f) => actor.facilityIds.includes(f.id));
    const me = await tx.db
      .selectFrom('users')
      .select('email')
      .where('organization_id', '=', ctx.organizationId)
      .where('id', '=', actor.userId)
      .executeTakeFirst();
    const granted = actor.facilityIds.length > 0 ? [...actor.facilityIds] : ['00000000-0000-0000-0000-000000000000'];
    let q = tx.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('organization_id', '=', ctx.organizationId)
      // Facility scoping: a message about a facility to those who see it; one about several
      // (a digest) to its recipient and to those who see every facility.
      .where((eb) =>
        eb.or([
          eb('facility_id', 'in', granted),
          ...(seesAll ? [eb('facility_id', 'is', null)] : []),
          ...(me ? [eb.and([eb('facility_id', 'is', null), eb('recipient', '=', me.email)])] : []),
        ]),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(200);
    if (query.status) q = q.where('status', '=', query.status);
    const rows = await q.execute();
    // Texts from the development SMS adapter, under the same scoping (they are always held).
    let sq = tx.db
      .selectFrom('sms_outbox')
      .selectAll()
      .where('organization_id', '=', ctx.organizationId)
      .where((eb) => eb.or([eb('facility_id', 'in', granted), ...(seesAll ? [eb('facility_id', 'is', null)] : [])]))
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(200);
    if (query.status)
      sq = sq.where('status', '=', query.status === 'held' ? 'held' : query.status === 'sent' ? 'sent' : 'failed');
    const texts = query.status === 'queued' ? [] : await sq.execute();
    await recordAudit(tx, {
      action: 'email.outbox.view',
      entityType: 'email_outbox',
      details: { status: query.status ?? null, count: rows.length + texts.length },
    });
    return {
      smtpConfigured: !!ctx.config.smtpUrl,
      messages: [
        ...rows.map((r) => ({
          id: r.id,
          channel: 'email' as const,
          recipient: r.recipient,
          subject: r.subject,
          body: r.body,
          kind: r.kind,
          status: r.status,
          attempts: r.attempts,
          lastError: r.last_error,
          createdAt: r.created_at.toISOString(),
          sentAt: r.sent_at?.toISOString() ?? null,
          nextAttemptAt: r.status === 'queued' ? r.next_attempt_at.toISOString() : null,
        })),
        ...texts.map((r) => ({
          id: r.id,
          channel: 'sms' as const,
          recipient: r.recipient,
          subject: '(text message)',
          body: r.body,
          kind: r.kind,
          status: r.status,
          attempts: 0,
          lastError: null,
          createdAt: r.created_at.toISOString(),
          sentAt: null,
          nextAttemptAt: null,
        })),
      ]
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
        .slice(0, 200),
    };
  });
}

export const emailRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/email/outbox',
    {
      schema: {
        tags: ['platform'],
        summary: 'The email outbox: messages queued, sent, failed or held for want of SMTP, newest first (needs users:write)',
        querystring: OutboxQuery,
        response: { 200: Outbox },
      },
    },
    async (request) => listOutbox(request.ctx, request.query),
  );
};
