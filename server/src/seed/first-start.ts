import { randomUUID } from 'node:crypto';
import { permissions, roleLabels } from '@clinicops/contracts';
import pino from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../db/pool.js';
import { seedDocuments } from '../modules/documents/index.js';
import { seedEncounters } from '../modules/encounters/index.js';
import { createUser } from '../modules/organization/index.js';
import { seedPatients } from '../modules/patients/index.js';
import { seedRostering } from '../modules/rostering/index.js';
import { seedSchedule } from '../modules/scheduling/index.js';
import { type SeedAccount, seedCredentialCatalogue, seedStaff } from '../modules/staff/index.js';
import { readableSecret } from '../platform/auth/secrets.js';
import { systemClock } from '../platform/clock.js';
import { type Ctx, inTransaction, systemActor } from '../platform/context.js';
import { DEMO_FACILITIES, DEMO_ORGANIZATION, DEMO_USERS, demoEmail, type FacilityKey } from './demo-organization.js';

export type SeedOptions = { demo: boolean; adminEmail?: string | undefined; adminPassword?: string | undefined };

/**
 * Creates the first organization: the demo one (facilities and a user for every role), or an
 * empty one with just the manager. Everything goes through the services, so it is audited.
 * Returns the lines to print (the manager's login), or null when the database already had data.
 */
export async function seedIfEmpty(config: Config, db: Db, say: (m: string) => void): Promise<string[] | null> {
  const existing = await db.selectFrom('organizations').select('id').executeTakeFirst();
  if (existing) return null;
  say('[clinicops] empty database: creating the first organization');
  return seedOrganization(config, db, { demo: config.demo, adminEmail: config.adminEmail, adminPassword: config.adminPassword });
}

export async function seedOrganization(config: Config, db: Db, opts: SeedOptions): Promise<string[]> {
  const orgId = randomUUID();
  const facilities = opts.demo
    ? DEMO_FACILITIES
    : [{ ...DEMO_FACILITIES[0], name: 'Main clinic', addressLine: null, city: null, state: null, postalCode: null }];
  const facilityIds = new Map<FacilityKey, string>(facilities.map((f) => [f.key, randomUUID()]));
  const ctx: Ctx = {
    db,
    organizationId: orgId,
    actor: systemActor('seed', [...facilityIds.values()], permissions),
    clock: systemClock,
    log: pino({ level: 'silent' }),
    config,
    requestId: 'seed',
    ip: null,
  };
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .insertInto('organizations')
      .values({ id: orgId, name: opts.demo ? DEMO_ORGANIZATION : 'My organization' })
      .execute();
    for (const f of facilities) {
      await tx.db
        .insertInto('facilities')
        .values({
          id: facilityIds.get(f.key) ?? randomUUID(),
          organization_id: orgId,
          name: f.name,
          kind: f.kind,
          time_zone: f.timeZone,
          address_line: f.addressLine,
          city: f.city,
          state: f.state,
          postal_code: f.postalCode,
          beds: f.beds,
        })
        .execute();
    }
  });
  const managerEmail = opts.adminEmail ?? (opts.demo ? demoEmail(DEMO_USERS[0]?.name ?? 'manager') : 'manager@example.org');
  const managerPassword = opts.adminPassword ?? readableSecret(4);
  const people = opts.demo
    ? DEMO_USERS
    : [
        DEMO_USERS[0] ?? {
          name: 'Manager',
          title: 'Office manager',
          roles: ['manager' as const],
          facilities: ['clinic' as const],
        },
      ];
  // The other demo accounts share one password so a newcomer can try every role.
  const othersPassword = readableSecret(4);
  const accounts: SeedAccount[] = [];
  for (const [i, person] of people.entries()) {
    const { user } = await createUser(ctx, {
      email: i === 0 ? managerEmail : demoEmail(person.name),
      displayName: i === 0 && opts.adminEmail ? 'Office manager' : person.name,
      roles: person.roles,
      facilityIds: person.facilities.map((k) => facilityIds.get(k)).filter((id): id is string => id !== undefined),
      password: i === 0 ? managerPassword : othersPassword,
    });
    accounts.push({ name: person.name, title: person.title, userId: user.id, facility: person.facilities[0] ?? 'clinic' });
  }
  const clinic = facilityIds.get('clinic') ?? '';
  if (opts.demo) await seedStaff(ctx, { clinic, nursing_home: facilityIds.get('nursing_home') ?? clinic }, accounts);
  else await seedCredentialCatalogue(ctx);
  const clinicId = facilityIds.get('clinic');
  if (opts.demo && clinicId) {
    await seedPatients(ctx, { clinicId, nursingHomeId: facilityIds.get('nursing_home') }, config.demoSeed);
    await seedDocuments(ctx);
    await seedSchedule(ctx, clinicId, config.demoSeed);
    await seedEncounters(ctx, clinicId);
    const nursingHomeId = facilityIds.get('nursing_home');
    if (nursingHomeId) await seedRostering(ctx, nursingHomeId);
  }
  const lines = [
    '',
    '  First start: sign in as the office manager',
    `    email:    ${managerEmail}`,
    `    password: ${opts.adminPassword ? '(the CLINICOPS_ADMIN_PASSWORD you set)' : managerPassword}`,
    '    You will be asked to set up an authenticator app (MFA is required for managers).',
  ];
  if (opts.demo) {
    lines.push(`  Other demo accounts (password ${othersPassword}), one per role:`);
    const seen = new Set<string>();
    for (const p of DEMO_USERS.slice(1)) {
      const role = p.roles[0];
      if (!role || seen.has(role)) continue;
      seen.add(role);
      lines.push(`    ${roleLabels[role].padEnd(32)} ${demoEmail(p.name)}`);
    }
  }
  lines.push('  Save these now: passwords are stored hashed and not shown again.', '');
  return lines;
}
