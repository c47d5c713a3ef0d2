import { createHash } from 'node:crypto';

/** The fields an audit row's hash covers: everything but its own id and hash. */
export type ChainedEvent = {
  organizationId: string;
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorLabel: string | null;
  actorRole: string | null;
  action: string;
  outcome: string;
  entityType: string | null;
  entityId: string | null;
  patientId: string | null;
  facilityId: string | null;
  ip: string | null;
  requestId: string | null;
  breakGlass: boolean;
  details: unknown;
};

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth: PostgreSQL's jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashEvent(prevHash: string, e: ChainedEvent): string {
  const body = canonicalJson([
    e.organizationId,
    e.seq,
    e.occurredAt.toISOString(),
    e.actorUserId,
    e.actorLabel,
    e.actorRole,
    e.action,
    e.outcome,
    e.entityType,
    e.entityId,
    e.patientId,
    e.facilityId,
    e.ip,
    e.requestId,
    e.breakGlass,
    e.details,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export type StoredLink = ChainedEvent & { id: number; prevHash: string; hash: string };

export type ChainProblem = { id: number | null; seq: number | null; problem: string };

/**
 * Walks one organization's chain in seq order and returns the first problem, if any.
 * `state` carries over between batches so a long chain can be checked without loading it whole.
 */
export type ChainState = { seq: number; hash: string };

export function checkLinks(state: ChainState, links: readonly StoredLink[]): ChainProblem | ChainState {
  let { seq, hash } = state;
  for (const link of links) {
    if (link.seq !== seq + 1) {
      return {
        id: link.id,
        seq: link.seq,
        problem: link.seq > seq + 1 ? `rows missing before seq ${link.seq} (deleted?)` : `seq ${link.seq} out of order`,
      };
    }
    if (link.prevHash !== hash) {
      return { id: link.id, seq: link.seq, problem: 'previous-hash link broken (row inserted or deleted before it)' };
    }
    const expected = hashEvent(link.prevHash, link);
    if (expected !== link.hash) return { id: link.id, seq: link.seq, problem: 'content does not match its hash (edited)' };
    seq = link.seq;
    hash = link.hash;
  }
  return { seq, hash };
}

export const isProblem = (r: ChainProblem | ChainState): r is ChainProblem => 'problem' in r;
