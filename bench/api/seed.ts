// Data for the API benchmark: one organization shaped like server/test/helpers.ts builds it (facilities,
// one user per role), plus extra users and an audit trail written through the real recordAudit.
// Written here rather than imported because test/helpers.ts imports vitest at load time.
import { randomUUID } from 'node:crypto';
import type { Role } from '@clinicops/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../server/src/config.js';
import type { Db } from '../../server/src/db/pool.js';
import { recordAudit } from '../../server/src/platform/audit/record.js';
import { effectivePermissions } from '../../server/src/platform/auth/me.js';
import { hashPassword } from '../../server/src/platform/auth/secrets.js';
import { type Actor, type Ctx, inTransaction } from '../../server/src/platform/context.js';

export const PASSWORD = 'correct horse battery staple';

export const ROLES: Role[] = ['manager', 'front_desk', 'billing', 'clinician', 'staff', 'compliance_auditor'];

export type BenchUser = { id: string; email: string; displayName: string; roles: Role[]; facilityIds: string[] };

export type BenchOrg = {
  id: string;
  facilityIds: string[];
  users: Record<Role, BenchUser>;
  extraUsers: BenchUser[];
  auditEvents: number;
  timings: { usersMs: number; auditMs: number };
};

// Deterministic pseudo-random numbers, so two runs build the same shape of data.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FACILITIES = [
  { name: 'Clinic A', kind: 'clinic', time_zone: 'America/New_York', state: 'OH', beds: null },
  { name: 'Home B', kind: 'nursing_home', time_zone: 'America/Chicago', state: 'IL', beds: 60 },
  { name: 'Clinic C', kind: 'clinic', time_zone: 'America/New_York', state: 'OH', beds: null },
  { name: 'Cardiology D', kind: 'hospital_department', time_zone: 'America/Chicago', state: 'IL', beds: 24 },
] as const;

const FIRST = ['Ana', 'Ben', 'Chloe', 'Dev', 'Eli', 'Fatima', 'Grace', 'Hugo', 'Iris', 'Jon', 'Kemi', 'Liam', 'Mara', 'Noor'];
const LAST = ['Okafor', 'Patel', 'Quinn', 'Rossi', 'Silva', 'Tanaka', 'Ueda', 'Vance', 'Weber', 'Xu', 'Young', 'Zimmer'];

export async function seedOrganization(
  db: Db,
  opts: { extraUsers: number; auditEvents: number; auditBatch: number; config: Config; log: FastifyBaseLogger },
): Promise<BenchOrg> {
  const random = rng(20261127);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const usersStarted = performance.now();
  // One argon2id hash shared by every account: hashing is the slow part and not what is measured.
  const hash = await hashPassword(PASSWORD);
  const id = randomUUID();
  const tag = id.slice(0, 8);
  await db
    .insertInto('organizations')
    .values({ id, name: `Bench org ${tag}` })
    .execute();
  const facilityIds = FACILITIES.map(() => randomUUID());
  await db
    .insertInto('facilities')
    .values(
      FACILITIES.map((f, i) => ({
        id: facilityIds[i] as string,
        organization_id: id,
        name: f.name,
        kind: f.kind,
        time_zone: f.time_zone,
        address_line: null,
        city: null,
        state: f.state,
        postal_code: null,
        beds: f.beds,
      })),
    )
    .execute();

  const all: (BenchUser & { active: boolean })[] = [];
  const users = {} as Record<Role, BenchUser>;
  for (const role of ROLES) {
    // As in the test helpers: the front desk works only at the first facility; everyone else at all.
    const u = {
      id: randomUUID(),
      email: `${role}.${tag}@example.org`,
      displayName: `${role} ${tag}`,
      roles: [role],
      facilityIds: role === 'front_desk' ? [facilityIds[0] as string] : [...facilityIds],
      active: true,
    };
    users[role] = u;
    all.push(u);
  }
  const extraUsers: BenchUser[] = [];
  const workerRoles: Role[] = ['clinician', 'clinician', 'staff', 'staff', 'front_desk', 'billing'];
  for (let i = 0; i < opts.extraUsers; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const granted = facilityIds.filter(() => random() < 0.4);
    const u = {
      id: randomUUID(),
      email: `${first}.${last}.${i}.${tag}@example.org`.toLowerCase(),
      displayName: `${first} ${last} ${String(i).padStart(3, '0')}`,
      roles: random() < 0.1 ? [pick(workerRoles), 'staff' as Role] : [pick(workerRoles)],
      facilityIds: granted.length > 0 ? granted : [pick(facilityIds)],
      active: random() > 0.05,
    };
    u.roles = [...new Set(u.roles)];
    extraUsers.push(u);
    all.push(u);
  }
  for (let i = 0; i < all.length; i += 100) {
    const chunk = all.slice(i, i + 100);
    await db
      .insertInto('users')
      .values(
        chunk.map((u) => ({
          id: u.id,
          organization_id: id,
          email: u.email,
          display_name: u.displayName,
          password_hash: hash,
          roles: u.roles,
          active: u.active,
          mfa_secret: null,
          mfa_enabled: false,
        })),
      )
      .execute();
    await db
      .insertInto('user_facilities')
      .values(chunk.flatMap((u) => u.facilityIds.map((f) => ({ organization_id: id, user_id: u.id, facility_id: f }))))
      .execute();
  }
  const usersMs = performance.now() - usersStarted;

  // The audit trail: events spread over the last 90 days in chain order, written by recordAudit
  // (advisory lock, chain head, hash, insert) inside a few large transactions.
  const auditStarted = performance.now();
  const actors = all.map(
    (u): Actor => ({
      userId: u.id,
      label: u.displayName,
      roles: u.roles,
      permissions: effectivePermissions(u.roles, false),
      facilityIds: u.facilityIds,
      breakGlassId: null,
      via: 'session',
    }),
  );
  const patients = Array.from({ length: 500 }, () => randomUUID());
  const end = Date.now() - 3_600_000;
  const start = end - 90 * 86_400_000;
  const step = (end - start) / Math.max(1, opts.auditEvents);
  let written = 0;
  while (written < opts.auditEvents) {
    const n = Math.min(opts.auditBatch, opts.auditEvents - written);
    const base: Ctx = {
      db,
      organizationId: id,
      actor: null,
      clock: { now: () => new Date() },
      log: opts.log,
      config: opts.config,
      requestId: randomUUID(),
      ip: '127.0.0.1',
    };
    await inTransaction(base, async (tx) => {
      for (let i = 0; i < n; i++) {
        const k = written + i;
        const at = new Date(start + k * step);
        const actor = pick(actors);
        const ctx: Ctx = { ...tx, actor, clock: { now: () => at }, requestId: randomUUID(), ip: `10.0.${k % 7}.${k % 250}` };
        const r = random();
        const facilityId = pick(actor.facilityIds);
        if (r < 0.45) {
          await recordAudit(ctx, {
            action: 'patient.read',
            entityType: 'patient',
            patientId: pick(patients),
            facilityId,
            details: { view: pick(['chart', 'demographics', 'schedule']) },
          });
        } else if (r < 0.7) {
          await recordAudit(ctx, { action: 'auth.login', details: {} });
        } else if (r < 0.75) {
          await recordAudit(ctx, { action: 'auth.login', outcome: 'failure', details: { reason: 'wrong_password' } });
        } else if (r < 0.85) {
          await recordAudit(ctx, { action: 'auth.logout' });
        } else if (r < 0.95) {
          const target = pick(all);
          await recordAudit(ctx, {
            action: 'user.update',
            entityType: 'user',
            entityId: target.id,
            details: { changed: ['display_name'] },
          });
        } else {
          await recordAudit(ctx, { action: 'patient.update', entityType: 'patient', patientId: pick(patients), facilityId });
        }
      }
    });
    written += n;
  }
  const auditMs = performance.now() - auditStarted;
  return { id, facilityIds, users, extraUsers, auditEvents: written, timings: { usersMs, auditMs } };
}
