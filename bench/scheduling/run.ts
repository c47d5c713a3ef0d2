// Scheduling benchmark (issue 5): a generated year for 30 providers and 10 rooms.
//
//   npm run bench:scheduling        (or: npx tsx bench/scheduling/run.ts)
//
// Environment (all optional):
//   DATABASE_URL      PostgreSQL server; a database clinicops_bench_sched_<time> is created there and
//                     dropped at the end. Unset: embedded PostgreSQL in a temporary folder.
//   BENCH_SEARCHES    slot searches to time (default 300)
//   BENCH_BOOKINGS    bookings to time, through the service and as plain SQL each (default 300)
//   BENCH_CONCURRENT  concurrent requests for one slot (default 200)
//
// Measures, in one process and one run:
//   1. slot search p50/p99 through searchSlots (the service the API calls: permission, type, the
//      facility's zone, resources, qualification, templates, exceptions, busy times, the finder);
//   2. bookings per second through bookAppointment (checks, exclusion constraint, audit event),
//      against a plain SQL insert of the same rows (appointment + booking rows, one transaction each)
//      as the ceiling;
//   3. N concurrent bookings of one slot: exactly one must succeed, through the service in this
//      process and over HTTP against the real app listening on a port.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { permissions } from '@clinicops/contracts';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { migrate } from '../../server/src/db/migrate.js';
import { openPool } from '../../server/src/db/pool.js';
import { bookAppointment } from '../../server/src/modules/scheduling/booking-service.js';
import { findSlots } from '../../server/src/modules/scheduling/domain/slots.js';
import { addDays, zonedToInstant } from '../../server/src/modules/scheduling/domain/zoned.js';
import { loadPlanning, loadType, slotSearchOf } from '../../server/src/modules/scheduling/planning.js';
import { searchSlots } from '../../server/src/modules/scheduling/slot-service.js';
import { createApiToken } from '../../server/src/platform/auth/tokens.js';
import { systemClock } from '../../server/src/platform/clock.js';
import { type Ctx, systemActor } from '../../server/src/platform/context.js';
import { AppError } from '../../server/src/platform/errors.js';
import { seededRandom } from '../../server/src/seed/random.js';
import { openScratchDatabase } from '../shared/scratch-database.js';

const SEARCHES = Number(process.env.BENCH_SEARCHES || 300);
const BOOKINGS = Number(process.env.BENCH_BOOKINGS || 300);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT || 200);
const PROVIDERS = 30;
const ROOMS = 10;
const ZONE = 'America/New_York';

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: pct(s, 50), p99: pct(s, 99), max: s[s.length - 1] ?? 0, mean: ms.reduce((a, b) => a + b, 0) / ms.length };
};
const f = (n: number) => n.toFixed(2).padStart(8);

type Ids = {
  org: string;
  facility: string;
  follow: string;
  tele: string;
  providers: string[];
  rooms: string[];
  patients: string[];
};

/**
 * The year, generated in SQL: weekdays from 26 weeks back to 26 weeks ahead, 24 twenty-minute
 * slots a day per provider (08:00-12:00, 13:00-17:00 New York time), about 83 % booked. A third of
 * the providers need a room in each slot, the others see telehealth visits, so the 10 rooms are
 * shared without overlap: provider p in slot k of day d takes a room when (p + k + d) % 3 = 0, room p / 3.
 */
async function fill(url: string): Promise<{ ids: Ids; appointments: number; filledMs: number; version: string }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const ids: Ids = {
    org: randomUUID(),
    facility: randomUUID(),
    follow: randomUUID(),
    tele: randomUUID(),
    providers: Array.from({ length: PROVIDERS }, () => randomUUID()),
    rooms: Array.from({ length: ROOMS }, () => randomUUID()),
    patients: [],
  };
  const started = performance.now();
  await c.query('INSERT INTO organizations (id, name) VALUES ($1, $2)', [ids.org, 'Bench org']);
  await c.query(
    `INSERT INTO facilities (id, organization_id, name, kind, time_zone) VALUES ($1, $2, 'Bench clinic', 'clinic', $3)`,
    [ids.facility, ids.org, ZONE],
  );
  await c.query(
    `INSERT INTO staff_members (id, organization_id, facility_id, first_name, last_name, position, employment_type, hire_date)
     SELECT gen_random_uuid(), $1, $2, 'Provider', 'P' || lpad(i::text, 2, '0'), 'physician', 'full_time', date '2020-01-01'
       FROM generate_series(0, $3::int - 1) i`,
    [ids.org, ids.facility, PROVIDERS],
  );
  const staff = (await c.query('SELECT id FROM staff_members WHERE organization_id = $1 ORDER BY last_name', [ids.org])).rows;
  for (const [i, id] of ids.providers.entries()) {
    await c.query(
      `INSERT INTO sched_resources (id, organization_id, facility_id, kind, name, staff_member_id) VALUES ($1, $2, $3, 'provider', $4, $5)`,
      [id, ids.org, ids.facility, `Provider ${i}`, staff[i]?.id],
    );
    for (const [start, end] of [
      ['08:00', '12:00'],
      ['13:00', '17:00'],
    ]) {
      await c.query(
        `INSERT INTO availability_templates (id, organization_id, facility_id, resource_id, rrule, start_time, end_time, effective_from)
         VALUES (gen_random_uuid(), $1, $2, $3, 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', $4, $5, current_date - 200)`,
        [ids.org, ids.facility, id, start, end],
      );
    }
  }
  for (const [i, id] of ids.rooms.entries()) {
    await c.query(`INSERT INTO sched_resources (id, organization_id, facility_id, kind, name) VALUES ($1, $2, $3, 'room', $4)`, [
      id,
      ids.org,
      ids.facility,
      `Exam ${i + 1}`,
    ]);
  }
  await c.query(
    `INSERT INTO appointment_types (id, organization_id, facility_id, name, duration_minutes, required_kinds, visit_kind, color) VALUES
       ($1, $3, $4, 'Follow-up', 20, '{provider,room}', 'follow_up', 'green'),
       ($2, $3, $4, 'Telehealth', 20, '{provider}', 'follow_up', 'cyan')`,
    [ids.follow, ids.tele, ids.org, ids.facility],
  );
  await c.query(
    `INSERT INTO patients (id, organization_id, facility_id, mrn, given_name, family_name, date_of_birth, sex_at_birth)
     SELECT gen_random_uuid(), $1, $2, lpad(i::text, 8, '0'), 'Given' || i, 'Family' || i, date '1950-01-01' + i, 'female'
       FROM generate_series(1, 5000) i`,
    [ids.org, ids.facility],
  );
  ids.patients = (await c.query('SELECT id FROM patients WHERE organization_id = $1', [ids.org])).rows.map((r) => r.id);
  await c.query(
    `CREATE TEMP TABLE gen AS
     SELECT gen_random_uuid() AS id, p, d, k,
            ((d + time '08:00' + make_interval(mins => 20 * k + CASE WHEN k >= 12 THEN 60 ELSE 0 END)) AT TIME ZONE $2) AS starts_at,
            (p + k + (d - date '2000-01-01')) % 3 = 0 AS with_room
       FROM generate_series(current_date - 182, current_date + 182, interval '1 day') AS g(day),
            LATERAL (SELECT g.day::date AS d) dd,
            generate_series(0, $1::int - 1) p,
            generate_series(0, 23) k
      WHERE extract(isodow FROM d) < 6
        AND abs(hashtext(p || '/' || d || '/' || k)) % 100 < 83`,
    [PROVIDERS, ZONE],
  );
  await c.query(
    `INSERT INTO appointments (id, organization_id, facility_id, patient_id, appointment_type_id, provider_resource_id,
                               starts_at, ends_at, status, booked_at, checked_out_at, cancelled_at, no_show_at, cancel_reason)
     SELECT g.id, $1, $2, ($3::uuid[])[1 + abs(hashtext(g.id::text)) % cardinality($3::uuid[])],
            CASE WHEN with_room THEN $4::uuid ELSE $5::uuid END, ($6::uuid[])[1 + p],
            starts_at, starts_at + interval '20 minutes',
            s.status, starts_at - interval '14 days',
            CASE WHEN s.status = 'checked_out' THEN starts_at + interval '35 minutes' END,
            CASE WHEN s.status = 'cancelled' THEN starts_at - interval '1 day' END,
            CASE WHEN s.status = 'no_show' THEN starts_at + interval '20 minutes' END,
            CASE WHEN s.status = 'cancelled' THEN 'Patient request' END
       FROM gen g, LATERAL (SELECT CASE WHEN g.starts_at > now() THEN 'booked'
                                        WHEN abs(hashtext(g.id::text)) % 100 < 6 THEN 'no_show'
                                        WHEN abs(hashtext(g.id::text)) % 100 < 12 THEN 'cancelled'
                                        ELSE 'checked_out' END AS status) s`,
    [ids.org, ids.facility, ids.patients, ids.follow, ids.tele, ids.providers],
  );
  await c.query(
    `INSERT INTO appointment_bookings (organization_id, appointment_id, resource_id, during, active)
     SELECT $1, g.id, r.resource_id, tstzrange(g.starts_at, g.starts_at + interval '20 minutes', '[)'),
            a.status NOT IN ('cancelled', 'no_show')
       FROM gen g JOIN appointments a ON a.id = g.id,
            LATERAL (SELECT ($2::uuid[])[1 + g.p] AS resource_id
                     UNION ALL SELECT ($3::uuid[])[1 + g.p / 3] WHERE g.with_room) r`,
    [ids.org, ids.providers, ids.rooms],
  );
  const appointments = Number((await c.query('SELECT count(*) FROM gen')).rows[0].count);
  const filledMs = performance.now() - started;
  await c.query('VACUUM (ANALYZE)');
  const version = (await c.query('SHOW server_version')).rows[0].server_version as string;
  await c.end();
  return { ids, appointments, filledMs, version };
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

async function main() {
  const srv = await openScratchDatabase('clinicops_bench_sched');
  try {
    await migrate(srv.url);
    const { ids, appointments, filledMs, version } = await fill(srv.url);
    const opened = await openPool(srv.url, 20);
    const ctx: Ctx = {
      db: opened.db,
      organizationId: ids.org,
      actor: systemActor('bench', [ids.facility], permissions),
      clock: systemClock,
      log: pino({ level: 'silent' }),
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      requestId: 'bench',
      ip: null,
    };
    const rnd = seededRandom(7);
    const searchArgs = () => ({
      appointmentTypeId: rnd.next() < 0.5 ? ids.follow : ids.tele,
      from: isoDate(new Date(Date.now() + rnd.int(0, 150) * 86_400_000)),
      days: 14,
      limit: 20,
      ...(rnd.next() < 0.3 ? { providerResourceId: rnd.pick(ids.providers) } : {}),
    });
    for (let i = 0; i < 20; i++) await searchSlots(ctx, searchArgs()); // warm-up
    const searchMs: number[] = [];
    let found = 0;
    for (let i = 0; i < SEARCHES; i++) {
      const t0 = performance.now();
      const r = await searchSlots(ctx, searchArgs());
      searchMs.push(performance.now() - t0);
      found += r.slots.length;
    }

    // Where the time goes: loading (queries) against finding (pure), for the same searches.
    const loadMs: number[] = [];
    const findMs: number[] = [];
    for (let i = 0; i < Math.min(SEARCHES, 100); i++) {
      const a = searchArgs();
      const t0 = performance.now();
      const type = await loadType(ctx, [ids.facility], a.appointmentTypeId);
      const to = addDays(a.from, a.days - 1);
      const planning = await loadPlanning(ctx, type, {
        from: a.from,
        to,
        ...(a.providerResourceId ? { providerResourceIds: [a.providerResourceId] } : {}),
      });
      const t1 = performance.now();
      findSlots(
        slotSearchOf(planning, {
          notBefore: Math.max(Date.now(), zonedToInstant(a.from, '00:00', ZONE)),
          notAfter: zonedToInstant(addDays(to, 1), '00:00', ZONE),
          limit: a.limit,
        }),
      );
      loadMs.push(t1 - t0);
      findMs.push(performance.now() - t1);
    }

    // Free slots to book: distinct provider and time, room chosen by the finder.
    const roomsTaken = new Set<string>();
    const free = new Map<string, { providerResourceId: string; startsAt: string; resourceIds: string[]; type: string }>();
    for (let w = 0; free.size < BOOKINGS * 2 + 2 && w < 40; w++) {
      const type = w % 2 === 0 ? ids.tele : ids.follow;
      const r = await searchSlots(ctx, {
        appointmentTypeId: type,
        from: isoDate(new Date(Date.now() + (7 + w * 3) * 86_400_000)),
        days: 3,
        limit: 200,
      });
      for (const s of r.slots) {
        const key = `${s.providerResourceId}/${s.startsAt}`;
        // one per provider and 20-minute block, so the service bookings never collide with each other
        const rooms = s.resourceIds.map((r) => `${r}/${s.startsAt}`);
        if (!free.has(key) && Date.parse(s.startsAt) % (20 * 60_000) === 0 && !rooms.some((r) => roomsTaken.has(r))) {
          for (const r of rooms) roomsTaken.add(r);
          free.set(key, { providerResourceId: s.providerResourceId, startsAt: s.startsAt, resourceIds: s.resourceIds, type });
        }
      }
    }
    const picks = [...free.values()];
    const viaService = picks.slice(0, BOOKINGS);
    const viaSql = picks.slice(BOOKINGS, BOOKINGS * 2);
    let serviceOk = 0;
    let serviceConflicts = 0;
    const t1 = performance.now();
    for (const s of viaService) {
      try {
        await bookAppointment(ctx, {
          patientId: rnd.pick(ids.patients),
          appointmentTypeId: s.type,
          providerResourceId: s.providerResourceId,
          startsAt: s.startsAt,
          overbook: false,
          notes: null,
        });
        serviceOk++;
      } catch (e) {
        if (e instanceof AppError && e.code === 'conflict') serviceConflicts++;
        else throw e;
      }
    }
    const serviceSec = (performance.now() - t1) / 1000;
    const raw = new pg.Client({ connectionString: srv.url });
    await raw.connect();
    const t2 = performance.now();
    for (const s of viaSql) {
      const id = randomUUID();
      const start = new Date(s.startsAt);
      const end = new Date(start.getTime() + 20 * 60_000);
      await raw.query('BEGIN');
      await raw.query(
        `INSERT INTO appointments (id, organization_id, facility_id, patient_id, appointment_type_id, provider_resource_id,
                                   starts_at, ends_at, status, booked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'booked', now())`,
        [id, ids.org, ids.facility, rnd.pick(ids.patients), s.type, s.providerResourceId, start, end],
      );
      await raw.query(
        `INSERT INTO appointment_bookings (organization_id, appointment_id, resource_id, during)
         SELECT $1, $2, r, tstzrange($4, $5, '[)') FROM unnest($3::uuid[]) r`,
        [ids.org, id, [s.providerResourceId, ...s.resourceIds], start, end],
      );
      await raw.query('COMMIT');
    }
    const sqlSec = (performance.now() - t2) / 1000;
    await raw.end();

    // N concurrent requests for one free slot: exactly one booking.
    const target = picks[BOOKINGS * 2];
    const httpTarget = picks[BOOKINGS * 2 + 1];
    if (!target || !httpTarget) throw new Error('not enough free slots found');
    const t3 = performance.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: CONCURRENT }, (_, i) =>
        bookAppointment(ctx, {
          patientId: ids.patients[i % ids.patients.length] ?? '',
          appointmentTypeId: target.type,
          providerResourceId: target.providerResourceId,
          startsAt: target.startsAt,
          overbook: false,
          notes: null,
        }),
      ),
    );
    const raceMs = performance.now() - t3;
    const won = outcomes.filter((o) => o.status === 'fulfilled').length;
    const conflicts = outcomes.filter(
      (o) => o.status === 'rejected' && o.reason instanceof AppError && o.reason.code === 'conflict',
    ).length;
    const other = outcomes.filter(
      (o) => o.status === 'rejected' && !(o.reason instanceof AppError && o.reason.code === 'conflict'),
    );
    const rows = await opened.db
      .selectFrom('appointments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('organization_id', '=', ids.org)
      .where('provider_resource_id', '=', target.providerResourceId)
      .where('starts_at', '=', new Date(target.startsAt))
      .executeTakeFirst();

    // The same over HTTP: the real app listening on a port, N concurrent POST /api/appointments
    // with a front-desk user's API token, each its own connection and request.
    const deskId = randomUUID();
    await opened.db
      .insertInto('users')
      .values({
        id: deskId,
        organization_id: ids.org,
        email: 'front.desk@bench.example.org',
        display_name: 'Bench front desk',
        // never signs in with a password: the API token is the credential
        password_hash: 'unused',
        roles: ['front_desk'],
      })
      .execute();
    await opened.db
      .insertInto('user_facilities')
      .values({ organization_id: ids.org, user_id: deskId, facility_id: ids.facility })
      .execute();
    const { token } = await createApiToken(ctx, 'scheduling bench', deskId);
    const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', CLINICOPS_JOBS: 'false', CLINICOPS_DEMO: 'false' }), {
      db: opened.db,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const t4 = performance.now();
    const statuses = await Promise.all(
      Array.from({ length: CONCURRENT }, async (_, i) => {
        const res = await fetch(`${baseUrl}/api/appointments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            patientId: ids.patients[(i + 17) % ids.patients.length],
            appointmentTypeId: httpTarget.type,
            providerResourceId: httpTarget.providerResourceId,
            startsAt: httpTarget.startsAt,
          }),
        });
        await res.arrayBuffer();
        return res.status;
      }).map((p) => p.catch(() => 0)),
    );
    const httpMs = performance.now() - t4;
    await app.close();
    const byStatus = new Map<number, number>();
    for (const st of statuses) byStatus.set(st, (byStatus.get(st) ?? 0) + 1);
    const httpRows = await opened.db
      .selectFrom('appointments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('organization_id', '=', ids.org)
      .where('provider_resource_id', '=', httpTarget.providerResourceId)
      .where('starts_at', '=', new Date(httpTarget.startsAt))
      .where('status', '=', 'booked')
      .executeTakeFirst();

    const s = summary(searchMs);
    console.log(
      `scheduling: ${appointments.toLocaleString('en-US')} appointments over a year, ${PROVIDERS} providers, ${ROOMS} rooms; PostgreSQL ${version} (${srv.label})`,
    );
    console.log(
      `  ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(1)}, Node ${process.version}; data generated in ${(filledMs / 1000).toFixed(1)} s`,
    );
    console.log(`  slot search (service, 14 days, 20 slots), ${SEARCHES} searches, ${(found / SEARCHES).toFixed(1)} slots each:`);
    console.log(`                          p50 ms   p99 ms   max ms  mean ms`);
    console.log(`    searchSlots        ${f(s.p50)} ${f(s.p99)} ${f(s.max)} ${f(s.mean)}`);
    const l = summary(loadMs);
    const fd = summary(findMs);
    console.log(
      `      of which loading ${f(l.p50)} ${f(l.p99)} ${f(l.max)} ${f(l.mean)}  (all 14 days: type, resources, qualification, templates, exceptions, bookings)`,
    );
    console.log(
      `      of which finding ${f(fd.p50)} ${f(fd.p99)} ${f(fd.max)} ${f(fd.mean)}  (all 14 days, pure: availability expansion and the finder)`,
    );
    console.log(`  bookings, one at a time:`);
    console.log(
      `    bookAppointment (checks + constraint + audit): ${(serviceOk / serviceSec).toFixed(0)} /s (${serviceOk} booked, ${serviceConflicts} conflicts)`,
    );
    console.log(
      `    plain SQL insert of the same rows (ceiling):   ${(viaSql.length / sqlSec).toFixed(0)} /s (${viaSql.length} rows)`,
    );
    console.log(
      `  ${CONCURRENT} concurrent requests for one slot: ${won} booked, ${conflicts} refused with 409, ${other.length} other errors; ${rows?.n} row(s) in the database; ${raceMs.toFixed(0)} ms`,
    );
    if (other.length > 0) console.log('    first other error:', String((other[0] as PromiseRejectedResult).reason));
    console.log(
      `  ${CONCURRENT} concurrent HTTP requests (POST /api/appointments on a listening server, bearer token): ${[
        ...byStatus.entries(),
      ]
        .sort((a, b) => a[0] - b[0])
        .map(([st, n]) => `${n} × ${st === 0 ? 'network error' : st}`)
        .join(', ')}; ${httpRows?.n} row(s) booked in the database; ${httpMs.toFixed(0)} ms`,
    );
    await opened.close();
    if (won !== 1 || Number(rows?.n) !== 1) process.exitCode = 1;
    if (byStatus.get(201) !== 1 || byStatus.get(409) !== CONCURRENT - 1 || Number(httpRows?.n) !== 1) process.exitCode = 1;
  } catch (e) {
    console.error('benchmark failed:', e);
    process.exitCode = 1;
  } finally {
    // BENCH_KEEP=1 leaves the database for EXPLAIN and the like
    if (process.env.BENCH_KEEP) console.log(`  kept ${srv.url}`);
    else await srv.done();
  }
}

await main();
