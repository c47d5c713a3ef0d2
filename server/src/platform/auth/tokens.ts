import type { ApiToken, CreatedApiToken } from '@clinicops/contracts';
import { recordAudit } from '../audit/record.js';
import { type Ctx, inTransaction } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { requirePermission } from '../permissions.js';
import { newId } from './login.js';
import * as q from './queries.js';
import { newSecret, sha256 } from './secrets.js';

const toApi = (t: {
  id: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}): ApiToken => ({
  id: t.id,
  name: t.name,
  createdAt: t.created_at.toISOString(),
  lastUsedAt: t.last_used_at?.toISOString() ?? null,
  revokedAt: t.revoked_at?.toISOString() ?? null,
});

export async function listApiTokens(ctx: Ctx): Promise<ApiToken[]> {
  const actor = requirePermission(ctx, 'self:read');
  return (await q.listTokens(ctx.db, ctx.organizationId, actor.userId)).map(toApi);
}

/** An API token acts as its user, with that user's roles and facilities; shown once, stored hashed. */
export async function createApiToken(ctx: Ctx, name: string, userId?: string): Promise<CreatedApiToken> {
  const actor = requirePermission(ctx, 'self:write');
  const owner = userId ?? actor.userId;
  if (actor.via === 'token') throw new AppError('forbidden', 'API tokens cannot create API tokens');
  const token = newSecret('co_');
  return inTransaction(ctx, async (tx) => {
    const row = await q.insertToken(tx.db, {
      id: newId(),
      organization_id: ctx.organizationId,
      user_id: owner,
      name,
      token_hash: sha256(token),
    });
    await recordAudit(tx, {
      action: 'api_token.create',
      entityType: 'api_token',
      entityId: row.id,
      details: { name, userId: owner },
    });
    return { ...toApi(row), token };
  });
}

export async function revokeApiToken(ctx: Ctx, id: string): Promise<void> {
  const actor = requirePermission(ctx, 'self:write');
  await inTransaction(ctx, async (tx) => {
    const res = await q.revokeToken(tx.db, ctx.organizationId, actor.userId, id, ctx.clock.now());
    if (res.numUpdatedRows === 0n) throw notFound('API token');
    await recordAudit(tx, { action: 'api_token.revoke', entityType: 'api_token', entityId: id });
  });
}
