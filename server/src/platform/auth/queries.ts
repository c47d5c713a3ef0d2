import { sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { Ctx } from '../context.js';

type Q = Ctx['db'];

export const findUserByEmail = (db: Q, email: string) =>
  db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();

export const findUserById = (db: Q, organizationId: string, id: string) =>
  db.selectFrom('users').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();

export const allFacilityIds = async (db: Q, organizationId: string) =>
  (await db.selectFrom('facilities').select('id').where('organization_id', '=', organizationId).execute()).map((r) => r.id);

export const recordFailedLogin = (db: Q, userId: string, lockUntil: Date | null) =>
  db
    .updateTable('users')
    .set((eb) => (lockUntil ? { failed_logins: 0, locked_until: lockUntil } : { failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .execute();

export const recordSuccessfulLogin = (db: Q, userId: string, at: Date) =>
  db.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: at }).where('id', '=', userId).execute();

export const insertSession = (
  db: Q,
  s: {
    id_hash: string;
    organization_id: string;
    user_id: string;
    stage: 'mfa' | 'enrol' | 'full';
    csrf_token: string;
    expires_at: Date;
    last_seen_at: Date;
    ip: string | null;
    user_agent: string | null;
  },
) => db.insertInto('sessions').values(s).execute();

export const findSession = (db: Q, idHash: string) =>
  db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();

export const touchSession = (db: Q, idHash: string, at: Date) =>
  db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();

export const setSessionStage = (db: Q, idHash: string, stage: 'full', expiresAt: Date) =>
  db.updateTable('sessions').set({ stage, expires_at: expiresAt }).where('id_hash', '=', idHash).execute();

export const deleteSession = (db: Q, idHash: string) => db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();

export const deleteUserSessions = (db: Q, userId: string, exceptIdHash?: string) => {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) q = q.where('id_hash', '<>', exceptIdHash);
  return q.execute();
};

export const touchToken = (db: Q, id: string, at: Date) =>
  db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();

export const listTokens = (db: Q, organizationId: string, userId: string) =>
  db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();

export const insertToken = (
  db: Q,
  t: { id: string; organization_id: string; user_id: string; name: string; token_hash: string },
) =>
  db
    .insertInto('api_tokens')
    .values(t)
    .returning(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .executeTakeFirstOrThrow();

export const revokeToken = (db: Q, organizationId: string, userId: string, id: string, at: Date) =>
  db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();

export const setMfaSecret = (db: Q, userId: string, secret: string | null, enabled: boolean) =>
  db
    .updateTable('users')
    .set({ mfa_secret: secret, mfa_enabled: enabled, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();

export const replaceRecoveryCodes = async (
  db: Q,
  organizationId: string,
  userId: string,
  codes: { id: string; code_hash: string }[],
) => {
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  if (codes.length > 0) {
    await db
      .insertInto('mfa_recovery_codes')
      .values(codes.map((c) => ({ ...c, organization_id: organizationId, user_id: userId })))
      .execute();
  }
};

/** Marks a recovery code used; returns whether an unused one matched (single use under concurrency). */
export const useRecoveryCode = async (db: Q, userId: string, codeHash: string, at: Date) =>
  (
    await db
      .updateTable('mfa_recovery_codes')
      .set({ used_at: at })
      .where('user_id', '=', userId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst()
  ).numUpdatedRows > 0n;

export const setPassword = (db: Q, userId: string, passwordHash: string, mustChange: boolean) =>
  db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();

export const activeBreakGlass = (db: Q, userId: string, at: Date) =>
  db
    .selectFrom('break_glass_accesses')
    .selectAll()
    .where('user_id', '=', userId)
    .where('started_at', '<=', at)
    .where('expires_at', '>', at)
    .orderBy('expires_at', 'desc')
    .executeTakeFirst();

export const insertBreakGlass = (
  db: Q,
  b: { id: string; organization_id: string; user_id: string; reason: string; started_at: Date; expires_at: Date },
) => db.insertInto('break_glass_accesses').values(b).execute();

export const facilitiesByIds = (db: Q, organizationId: string, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('facilities')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .where('id', 'in', ids)
        .orderBy('name')
        .execute();

export const purgeExpiredSessions = (db: Db, at: Date) =>
  db.deleteFrom('sessions').where('expires_at', '<', at).executeTakeFirst();

/**
 * Everything a request needs to know about its caller, in one round trip: the credential
 * (session or token), the user (no secrets), the granted facilities and any open emergency access.
 */
function callerQuery(db: Q, at: Date) {
  return db
    .selectFrom('users as u')
    .select((eb) => [
      'u.id as user_id',
      'u.organization_id',
      'u.display_name',
      'u.roles',
      'u.active',
      'u.must_change_password',
      eb
        .selectFrom('break_glass_accesses as b')
        .select('b.id')
        .whereRef('b.user_id', '=', 'u.id')
        .where('b.started_at', '<=', at)
        .where('b.expires_at', '>', at)
        .orderBy('b.expires_at', 'desc')
        .limit(1)
        .as('break_glass_id'),
      sql<string[]>`ARRAY(SELECT uf.facility_id::text FROM user_facilities uf WHERE uf.user_id = u.id ORDER BY 1)`.as(
        'facility_ids',
      ),
    ]);
}

export const findSessionCaller = (db: Q, idHash: string, at: Date) =>
  callerQuery(db, at)
    .innerJoin('sessions as s', 's.user_id', 'u.id')
    .select(['s.id_hash', 's.stage', 's.csrf_token', 's.expires_at', 's.last_seen_at'])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();

export const findTokenCaller = (db: Q, tokenHash: string, at: Date) =>
  callerQuery(db, at)
    .innerJoin('api_tokens as t', 't.user_id', 'u.id')
    .select(['t.id as token_id', 't.last_used_at'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();

/** The signed-in user's own profile and organization name, without secrets. */
export const findProfile = (db: Q, organizationId: string, userId: string) =>
  db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select([
      'u.id',
      'u.email',
      'u.display_name',
      'u.roles',
      'u.mfa_enabled',
      'u.must_change_password',
      'o.id as org_id',
      'o.name as org_name',
    ])
    .where('u.organization_id', '=', organizationId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
