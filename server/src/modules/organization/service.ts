import { randomUUID } from 'node:crypto';
import type {
  CreatedUser,
  CreateUserRequest,
  DashboardCard,
  Facility,
  ResetPasswordResult,
  Role,
  UpdateUserRequest,
  User,
  UserListQuery,
} from '@clinicops/contracts';
import { recordAudit } from '../../platform/audit/record.js';
import { hashPassword, readableSecret } from '../../platform/auth/secrets.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { requirePermission } from '../../platform/permissions.js';
import { checkUserChange } from './domain/user-rules.js';
import * as q from './queries.js';

type UserRow = Awaited<ReturnType<typeof q.listUsers>>[number];

const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  roles: r.roles as Role[],
  facilityIds: r.facility_ids,
  active: r.active,
  mfaEnabled: r.mfa_enabled,
  lockedUntil: r.locked_until?.toISOString() ?? null,
  lastLoginAt: r.last_login_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});

export async function listFacilities(ctx: Ctx): Promise<Facility[]> {
  const actor = requirePermission(ctx, 'facilities:read');
  const rows = await q.listFacilities(ctx.db, ctx.organizationId, actor.facilityIds);
  return rows.map((f) => ({
    id: f.id,
    name: f.name,
    kind: f.kind,
    timeZone: f.time_zone,
    city: f.city,
    state: f.state,
    beds: f.beds,
  }));
}

export async function listUsers(ctx: Ctx, query: UserListQuery): Promise<User[]> {
  const actor = requirePermission(ctx, 'users:read');
  const rows = await q.listUsers(ctx.db, ctx.organizationId, {
    q: query.q,
    includeInactive: query.includeInactive === 'true',
    facilityIds: actor.facilityIds,
  });
  return rows.map(toUser);
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  const actor = requirePermission(ctx, 'users:read');
  const [row] = await q.listUsers(ctx.db, ctx.organizationId, { id, includeInactive: true, facilityIds: actor.facilityIds });
  if (!row) throw notFound('User');
  return toUser(row);
}

/** A manager may grant only facilities they hold themselves. */
function checkGrantable(ctx: Ctx, facilityIds: readonly string[]) {
  const held = ctx.actor?.facilityIds ?? [];
  facilityIds.forEach((id, i) => {
    if (!held.includes(id)) throw fieldError(`facilityIds[${i}]`, 'is not a facility you manage');
  });
}

export async function createUser(ctx: Ctx, input: CreateUserRequest): Promise<CreatedUser> {
  requirePermission(ctx, 'users:write');
  checkGrantable(ctx, input.facilityIds);
  const temporaryPassword = input.password ? null : `${readableSecret(4)}`;
  const passwordHash = await hashPassword(input.password ?? temporaryPassword ?? '');
  const id = randomUUID();
  await inTransaction(ctx, async (tx) => {
    if (await q.emailTaken(tx.db, input.email)) throw fieldError('email', 'is already used by another account');
    await q.insertUser(tx.db, {
      id,
      organization_id: ctx.organizationId,
      email: input.email,
      display_name: input.displayName,
      password_hash: passwordHash,
      roles: [...new Set(input.roles)],
      must_change_password: temporaryPassword !== null,
    });
    await q.setUserFacilities(tx.db, ctx.organizationId, id, [...new Set(input.facilityIds)]);
    await recordAudit(tx, {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      details: { email: input.email, roles: input.roles, facilityIds: input.facilityIds },
    });
  });
  return { user: await getUser(ctx, id), temporaryPassword };
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUserRequest): Promise<User> {
  const actor = requirePermission(ctx, 'users:write');
  await getUser(ctx, id);
  if (input.facilityIds) checkGrantable(ctx, input.facilityIds);
  await inTransaction(ctx, async (tx) => {
    await q.lockOrganizationUsers(tx.db, ctx.organizationId);
    const current = await q.lockUserForUpdate(tx.db, ctx.organizationId, id);
    if (!current) throw notFound('User');
    const problems = checkUserChange({
      actorUserId: actor.userId,
      targetUserId: id,
      targetIsActiveManager: current.active && current.roles.includes('manager'),
      activeManagersInOrganization: await q.countActiveManagers(tx.db, ctx.organizationId),
      ...(input.roles ? { newRoles: input.roles } : {}),
      ...(input.active !== undefined ? { newActive: input.active } : {}),
    });
    if (problems.length > 0)
      throw new AppError('validation', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { errors: problems });
    await q.updateUser(tx.db, ctx.organizationId, id, {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.roles ? { roles: [...new Set(input.roles)] } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    });
    if (input.facilityIds) await q.setUserFacilities(tx.db, ctx.organizationId, id, [...new Set(input.facilityIds)]);
    // A deactivated account is signed out everywhere at once.
    if (input.active === false) await q.endSessions(tx.db, id);
    await recordAudit(tx, {
      action: input.active === false ? 'user.deactivate' : input.active === true ? 'user.reactivate' : 'user.update',
      entityType: 'user',
      entityId: id,
      details: { changes: input },
    });
  });
  return getUser(ctx, id);
}

export async function resetPassword(ctx: Ctx, id: string): Promise<ResetPasswordResult> {
  requirePermission(ctx, 'users:write');
  await getUser(ctx, id);
  const temporaryPassword = readableSecret(4);
  const hash = await hashPassword(temporaryPassword);
  await inTransaction(ctx, async (tx) => {
    await q.setPasswordHash(tx.db, id, hash);
    await q.endSessions(tx.db, id);
    await recordAudit(tx, { action: 'user.reset_password', entityType: 'user', entityId: id });
  });
  return { temporaryPassword };
}

export async function organizationCards(ctx: Ctx): Promise<DashboardCard[]> {
  if (!ctx.actor?.permissions.has('users:read')) return [];
  const c = await q.userSecurityCounts(ctx.db, ctx.organizationId, ctx.config.mfaRequiredRoles, ctx.clock.now());
  return [
    { key: 'users.active', title: 'Active users', value: String(c.active), tone: 'neutral', detail: null, href: '/users' },
    {
      key: 'users.mfa-missing',
      title: 'Users who still must enrol in MFA',
      value: String(c.mfaMissing),
      tone: c.mfaMissing > 0 ? 'warning' : 'ok',
      detail: c.mfaMissing > 0 ? 'They will be asked to enrol at their next sign-in' : 'Everyone who needs MFA has it',
      href: '/users',
    },
    {
      key: 'users.locked',
      title: 'Locked accounts',
      value: String(c.locked),
      tone: c.locked > 0 ? 'danger' : 'ok',
      detail: c.locked > 0 ? 'Locked after repeated failed sign-ins' : null,
      href: '/users',
    },
  ];
}
