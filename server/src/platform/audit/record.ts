import { sql } from 'kysely';
import { type Ctx, inTransaction } from '../context.js';
import { GENESIS_HASH, hashEvent } from './chain.js';

/** Events written under an account that could not be matched to an organization. */
export const INSTALLATION_ORG = '00000000-0000-0000-0000-000000000000';

export type AuditInput = {
  action: string;
  outcome?: 'success' | 'failure' | 'denied';
  entityType?: string | null;
  entityId?: string | null;
  patientId?: string | null;
  facilityId?: string | null;
  details?: Record<string, unknown>;
  /** Overrides for events about someone not yet signed in (failed sign-ins). */
  actorUserId?: string | null;
  actorLabel?: string | null;
  organizationId?: string;
};

/**
 * Appends one audit event in the caller's transaction, so the event exists exactly when the
 * action does. The per-organization advisory lock serialises appends to the chain.
 */
export async function recordAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const organizationId = input.organizationId ?? ctx.organizationId;
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`audit:${organizationId}`}))`.execute(tx.db);
    const head = await tx.db
      .selectFrom('audit_chain_heads')
      .select(['seq', 'hash'])
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    const actor = ctx.actor;
    const event = {
      organizationId,
      seq: (head?.seq ?? 0) + 1,
      occurredAt: ctx.clock.now(),
      actorUserId: input.actorUserId !== undefined ? input.actorUserId : actor && actor.via !== 'system' ? actor.userId : null,
      actorLabel: input.actorLabel !== undefined ? input.actorLabel : (actor?.label ?? null),
      actorRole: actor ? (actor.via === 'system' ? 'system' : actor.roles.join(',')) : null,
      action: input.action,
      outcome: input.outcome ?? 'success',
      entityType: input.entityType ?? null,
      entityId: input.entityId ?? null,
      patientId: input.patientId ?? null,
      facilityId: input.facilityId ?? null,
      ip: ctx.ip,
      requestId: ctx.requestId,
      breakGlass: actor?.breakGlassId != null,
      details: input.details ?? {},
    };
    const prevHash = head?.hash ?? GENESIS_HASH;
    const hash = hashEvent(prevHash, event);
    await tx.db
      .insertInto('audit_events')
      .values({
        organization_id: organizationId,
        seq: event.seq,
        occurred_at: event.occurredAt,
        actor_user_id: event.actorUserId,
        actor_label: event.actorLabel,
        actor_role: event.actorRole,
        action: event.action,
        outcome: event.outcome,
        entity_type: event.entityType,
        entity_id: event.entityId,
        patient_id: event.patientId,
        facility_id: event.facilityId,
        ip: event.ip,
        request_id: event.requestId,
        break_glass: event.breakGlass,
        details: JSON.stringify(event.details),
        prev_hash: prevHash,
        hash,
      })
      .execute();
    await tx.db
      .insertInto('audit_chain_heads')
      .values({ organization_id: organizationId, seq: event.seq, hash })
      .onConflict((oc) => oc.column('organization_id').doUpdateSet({ seq: event.seq, hash }))
      .execute();
  });
}
