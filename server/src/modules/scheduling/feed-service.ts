// The private iCalendar feed of a provider's appointments, for the calendar app on their phone.
// The URL carries a random token (only its hash is stored); the feed has no patient data.
import { createHash, randomBytes } from 'node:crypto';
import type { FeedLink } from '@clinicops/contracts';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { requirePermission } from '../../platform/permissions.js';
import { buildProviderFeed } from './domain/icalendar.js';
import * as q from './queries.js';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const DAY = 86_400_000;

export async function createFeedLink(ctx: Ctx, resourceId: string): Promise<FeedLink> {
  const actor = requirePermission(ctx, 'appointments:write');
  return inTransaction(ctx, async (tx) => {
    const [resource] = await q.listResources(tx.db, ctx.organizationId, { facilityIds: actor.facilityIds, ids: [resourceId] });
    if (!resource) throw notFound('Resource');
    if (resource.kind !== 'provider') throw fieldError('id', 'must be a provider');
    const now = ctx.clock.now();
    const token = randomBytes(32).toString('base64url');
    await q.revokeFeedTokens(tx.db, ctx.organizationId, resourceId, now);
    await q.insertFeedToken(tx.db, {
      token_hash: hash(token),
      organization_id: ctx.organizationId,
      resource_id: resourceId,
      created_by: actor.via === 'system' ? null : actor.userId,
    });
    await recordAudit(tx, {
      action: 'scheduling.feed.create',
      entityType: 'sched_resource',
      entityId: resourceId,
      facilityId: resource.facility_id,
    });
    const base = ctx.config.publicUrl?.replace(/\/$/, '') ?? '';
    return { url: `${base}/api/scheduling/feed/${token}.ics`, createdAt: now.toISOString() };
  });
}

/** The feed for a token, or null when the token is unknown or revoked. Each read is audited. */
export async function readFeed(ctx: Ctx, token: string, host: string): Promise<string | null> {
  const clean = token.replace(/\.ics$/, '');
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(clean)) return null;
  const found = await q.findFeedToken(ctx.db, hash(clean));
  if (!found) return null;
  const orgCtx: Ctx = { ...ctx, organizationId: found.organization_id, actor: null };
  return inTransaction(orgCtx, async (tx) => {
    const now = ctx.clock.now();
    const rows = await q.listAppointments(tx.db, found.organization_id, {
      facilityIds: [found.facility_id],
      providerResourceId: found.resource_id,
      from: new Date(now.getTime() - 30 * DAY),
      to: new Date(now.getTime() + 180 * DAY),
    });
    const rooms = await q.listResources(tx.db, found.organization_id, { facilityIds: [found.facility_id] });
    const roomName = new Map(rooms.map((r) => [r.id, r.name]));
    await recordAudit(tx, {
      action: 'scheduling.feed.read',
      entityType: 'sched_resource',
      entityId: found.resource_id,
      facilityId: found.facility_id,
      actorLabel: 'calendar feed',
      details: { events: rows.length },
    });
    return buildProviderFeed({
      providerName: found.name,
      host,
      now,
      events: rows.map((r) => ({
        id: r.id,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        typeName: r.type_name,
        status: r.status,
        rooms: (r.resource_ids ?? []).map((id) => roomName.get(id) ?? ''),
        updatedAt: r.booked_at,
      })),
    });
  });
}
