import type { Db } from '../../db/pool.js';
import { type ChainProblem, checkLinks, GENESIS_HASH, isProblem, type StoredLink } from './chain.js';

export type VerifyResult = {
  ok: boolean;
  organizations: number;
  events: number;
  firstProblem: (ChainProblem & { organizationId: string }) | null;
};

const BATCH = 5000;

/** Re-computes every organization's chain and compares its end with the stored head. */
export async function verifyAuditChains(db: Db): Promise<VerifyResult> {
  const orgs = await db
    .selectFrom('audit_events')
    .select('organization_id')
    .distinct()
    .union(db.selectFrom('audit_chain_heads').select('organization_id'))
    .execute();
  let events = 0;
  for (const { organization_id: org } of orgs) {
    let state = { seq: 0, hash: GENESIS_HASH };
    for (;;) {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('organization_id', '=', org)
        .where('seq', '>', state.seq)
        .orderBy('seq')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) break;
      const links: StoredLink[] = rows.map((r) => ({
        id: r.id,
        organizationId: r.organization_id,
        seq: r.seq,
        occurredAt: r.occurred_at,
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
        prevHash: r.prev_hash,
        hash: r.hash,
      }));
      const result = checkLinks(state, links);
      if (isProblem(result))
        return { ok: false, organizations: orgs.length, events, firstProblem: { ...result, organizationId: org } };
      events += rows.length;
      state = result;
    }
    const head = await db.selectFrom('audit_chain_heads').selectAll().where('organization_id', '=', org).executeTakeFirst();
    if (!head || head.seq !== state.seq || head.hash !== state.hash) {
      return {
        ok: false,
        organizations: orgs.length,
        events,
        firstProblem: {
          organizationId: org,
          id: null,
          seq: head?.seq ?? null,
          problem: `chain ends at seq ${state.seq} but the recorded head is seq ${head?.seq ?? 'none'} (newest rows deleted?)`,
        },
      };
    }
  }
  return { ok: true, organizations: orgs.length, events, firstProblem: null };
}
