import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { permissions, type Role, roles } from '@clinicops/contracts';
import pino from 'pino';
import { type Config, ConfigError, loadConfig } from './config.js';
import { backupDatabase, restoreDatabase } from './db/backup.js';
import { openDatabase } from './db/open.js';
import { openPool } from './db/pool.js';
import { serve } from './main.js';
import { DOCUMENTS_DIR } from './modules/documents/index.js';
import { describeBundle, importFhir, summariseImport } from './modules/fhir/index.js';
import { createUser } from './modules/organization/index.js';
import { ROSTER_HELP, runRosterCommand } from './modules/rostering/index.js';
import { importLeie } from './modules/staff/index.js';
import { recordAudit } from './platform/audit/record.js';
import { verifyAuditChains } from './platform/audit/verify.js';
import { hashPassword, readableSecret } from './platform/auth/secrets.js';
import { createApiToken } from './platform/auth/tokens.js';
import { systemClock } from './platform/clock.js';
import { type Ctx, systemActor } from './platform/context.js';
import { seedOrganization } from './seed/first-start.js';

const HELP = `clinicops: operations platform for healthcare office managers

Usage: clinicops <command> [options]

  start                         build the web app if needed, then serve (what npm start runs)
  serve                         start the server (embedded PostgreSQL unless DATABASE_URL is set)
  migrate                       apply pending database migrations
  seed --demo                   create the demo organization in an empty database
  user create --email E --name N --role R[,R] [--password P] [--facility ID|all]
  user reset-password --email E print a new temporary password
  token create --user EMAIL --name NAME
                                create an API token for a user (printed once, stored hashed)
  audit verify                  check the audit trail's hash chains; exits 1 at the first bad row
  import leie FILE              replace the OIG exclusion list (LEIE UPDATED.csv) screenings run against
  import fhir PATH [--facility ID]
                                import FHIR bundles (Synthea) from a file or folder; run again: nothing new
  backup FILE                   write a consistent backup of the database and document files to FILE
  restore FILE                  restore FILE into an empty database (and its document files)
${ROSTER_HELP}

Configuration comes from environment variables (see README): DATABASE_URL, CLINICOPS_DATA_DIR,
HOST, PORT, CLINICOPS_DEMO, CLINICOPS_ADMIN_EMAIL, CLINICOPS_ADMIN_PASSWORD, ...`;

class UsageError extends Error {}

const out = (m: string) => process.stdout.write(`${m}\n`);
const quiet = () => {};

async function withDb<T>(config: Config, fn: (url: string) => Promise<T>): Promise<T> {
  const handle = await openDatabase(config, quiet, { role: 'command' });
  try {
    return await fn(handle.url);
  } finally {
    await handle.close();
  }
}

async function withContext<T>(config: Config, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return withDb(config, async (url) => {
    const database = await openPool(url, 2);
    try {
      const org = await database.db.selectFrom('organizations').select('id').orderBy('created_at').executeTakeFirst();
      if (!org)
        throw new UsageError('The database has no organization yet: run `clinicops serve` or `clinicops seed --demo` first');
      const facilities = await database.db.selectFrom('facilities').select('id').where('organization_id', '=', org.id).execute();
      return await fn({
        db: database.db,
        organizationId: org.id,
        actor: systemActor(
          'clinicops command',
          facilities.map((f) => f.id),
          permissions,
        ),
        clock: systemClock,
        log: pino({ level: 'silent' }),
        config,
        requestId: `cli-${Date.now()}`,
        ip: null,
      });
    } finally {
      await database.close();
    }
  });
}

async function findUserId(ctx: Ctx, email: string) {
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'organization_id'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  if (!user) throw new UsageError(`No user with email ${email}`);
  return user;
}

function need(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

export async function runCli(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv[0] === 'roster' ? argv.slice(0, 1) : argv, // roster parses its own options
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      demo: { type: 'boolean' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      facility: { type: 'string' },
      user: { type: 'string' },
    },
  });
  const [cmd, sub] = positionals;
  if (values.help || !cmd || cmd === 'help') {
    out(HELP);
    return 0;
  }
  const config = loadConfig();
  switch (cmd) {
    case 'serve':
    case 'start':
      await serve(config);
      return -1; // keeps running
    case 'migrate':
      await withDb(config, async () => out('migrations are up to date'));
      return 0;
    case 'seed': {
      if (!values.demo) throw new UsageError('seed takes --demo');
      return withDb(config, async (url) => {
        const database = await openPool(url, 2);
        try {
          if (await database.db.selectFrom('organizations').select('id').executeTakeFirst()) {
            throw new UsageError('The database already has an organization; seed only an empty one');
          }
          for (const line of await seedOrganization(config, database.db, {
            demo: true,
            adminEmail: config.adminEmail,
            adminPassword: config.adminPassword,
          }))
            out(line);
          return 0;
        } finally {
          await database.close();
        }
      });
    }
    case 'user':
      return withContext(config, async (ctx) => {
        if (sub === 'create') {
          const userRoles = need(values, 'role')
            .split(',')
            .map((r) => r.trim());
          for (const r of userRoles)
            if (!(roles as readonly string[]).includes(r))
              throw new UsageError(`--role: unknown role ${r} (one of ${roles.join(', ')})`);
          const facility = values.facility ?? 'all';
          const created = await createUser(ctx, {
            email: need(values, 'email').toLowerCase(),
            displayName: need(values, 'name'),
            roles: userRoles as Role[],
            facilityIds: facility === 'all' ? [...(ctx.actor?.facilityIds ?? [])] : facility.split(','),
            ...(values.password ? { password: values.password } : {}),
          });
          out(`created ${created.user.email} (${created.user.roles.join(', ')})`);
          if (created.temporaryPassword) out(`temporary password: ${created.temporaryPassword}`);
          return 0;
        }
        if (sub === 'reset-password') {
          const user = await findUserId(ctx, need(values, 'email'));
          const temporary = readableSecret(4);
          const hash = await hashPassword(temporary);
          await ctx.db.transaction().execute(async (trx) => {
            await trx
              .updateTable('users')
              .set({ password_hash: hash, must_change_password: true, failed_logins: 0, locked_until: null })
              .where('id', '=', user.id)
              .execute();
            await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
            await recordAudit(
              { ...ctx, db: trx, organizationId: user.organization_id },
              { action: 'user.reset_password', entityType: 'user', entityId: user.id, details: { via: 'cli' } },
            );
          });
          out(`temporary password: ${temporary}`);
          return 0;
        }
        throw new UsageError('user takes create or reset-password');
      });
    case 'token':
      if (sub !== 'create') throw new UsageError('token takes create');
      return withContext(config, async (ctx) => {
        const user = await findUserId(ctx, need(values, 'user'));
        const token = await createApiToken({ ...ctx, organizationId: user.organization_id }, need(values, 'name'), user.id);
        out(token.token);
        process.stderr.write('This token is shown once; it is stored hashed.\n');
        return 0;
      });
    case 'audit': {
      if (sub !== 'verify') throw new UsageError('audit takes verify');
      return withDb(config, async (url) => {
        const database = await openPool(url, 2);
        try {
          const result = await verifyAuditChains(database.db);
          if (result.ok) {
            out(`audit trail intact: ${result.events} events in ${result.organizations} chain(s)`);
            return 0;
          }
          const p = result.firstProblem;
          out(
            `AUDIT TRAIL BROKEN at row id ${p?.id ?? '-'} (organization ${p?.organizationId}, seq ${p?.seq ?? '-'}): ${p?.problem}`,
          );
          out(`${result.events} events verified before it`);
          return 1;
        } finally {
          await database.close();
        }
      });
    }
    case 'import': {
      if (sub === 'fhir') {
        const target = positionals[2] ?? '';
        if (!target || !existsSync(target)) throw new UsageError('import fhir takes a FHIR bundle file or a folder of them');
        return withContext(config, async (ctx) => {
          const r = await importFhir(ctx, [target], {
            ...(values.facility ? { facilityId: values.facility } : {}),
            onBundle: (o) => out(describeBundle(o)),
          });
          for (const line of summariseImport(r)) out(line);
          return r.rejected > 0 ? 1 : 0;
        });
      }
      if (sub !== 'leie') throw new UsageError('import takes leie FILE or fhir PATH');
      const file = positionals[2] ?? '';
      if (!file) throw new UsageError('import leie takes a file name (the LEIE UPDATED.csv)');
      if (!existsSync(file)) throw new UsageError(`import leie: no such file ${file}`);
      return withContext(config, async (ctx) => {
        const r = await importLeie(ctx, file);
        const seconds = r.milliseconds / 1000;
        out(
          `imported ${r.rows} LEIE rows from ${r.fileName} in ${seconds.toFixed(2)} s (${Math.round(r.rows / seconds)} rows/s)`,
        );
        out(`sha256 ${r.checksum}; the previous list was replaced`);
        return 0;
      });
    }
    case 'backup': {
      const file = sub ?? '';
      if (!file) throw new UsageError('backup takes a file name');
      return withDb(config, async (url) => {
        const r = await backupDatabase(url, file, { dataDir: config.dataDir, fileDirs: [DOCUMENTS_DIR] });
        out(`backup written to ${file}: ${r.rows} rows in ${r.tables} tables, ${r.files} document files`);
        return 0;
      });
    }
    case 'restore': {
      const file = sub ?? '';
      if (!file) throw new UsageError('restore takes a file name');
      if (!existsSync(file)) throw new UsageError(`restore: no such file ${file}`);
      return withDb(config, async (url) => {
        const r = await restoreDatabase(url, file, { dataDir: config.dataDir, fileDirs: [DOCUMENTS_DIR] });
        out(`restored ${r.rows} rows into ${r.tables} tables and ${r.files} document files from ${file}`);
        return 0;
      });
    }
    case 'roster':
      return runRosterCommand(argv.slice(1), { out, err: (m) => process.stderr.write(`${m}\n`) });
    default:
      throw new UsageError(`unknown command ${cmd}; see clinicops --help`);
  }
}

export async function main(argv: string[]) {
  try {
    const code = await runCli(argv);
    if (code >= 0) process.exit(code);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      process.stderr.write(`clinicops: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`clinicops: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
