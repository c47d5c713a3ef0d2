// OIG LEIE import and exclusion screening against real PostgreSQL, with a synthetic LEIE file
// (server/test/fixtures/leie-synthetic.csv: made-up names only). The import replaces
// installation-wide data, so every test that imports lives in this one file (run in order).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { permissions } from '@clinicops/contracts';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPool } from '../src/db/pool.js';
import { exclusionRescreenJob, importLeie } from '../src/modules/staff/index.js';
import { systemClock } from '../src/platform/clock.js';
import { type Ctx, systemActor } from '../src/platform/context.js';
import { as, createTestOrg, freshDatabase, signIn, testConfig } from './helpers.js';
import { addStaff, manager, org, otherManager, post, rn, secret, t, useStaffFixture } from './staff-fixture.js';

useStaffFixture();

const here = path.dirname(fileURLToPath(import.meta.url));
const SYNTHETIC = path.join(here, 'fixtures/leie-synthetic.csv');
const tmp = mkdtempSync(path.join(tmpdir(), 'clinicops-leie-'));

function variant(name: string, edit: (text: string) => string) {
  const file = path.join(tmp, name);
  writeFileSync(file, edit(readFileSync(SYNTHETIC, 'utf8')));
  return file;
}

const ctx = (): Ctx => ({
  db: t.db,
  organizationId: org.id,
  actor: systemActor('leie test', [org.facilities.a, org.facilities.b], permissions),
  clock: systemClock,
  log: pino({ level: 'silent' }),
  config: testConfig(),
  requestId: 'leie-test',
  ip: null,
});

const count = async () =>
  Number(
    (
      await t.db
        .selectFrom('leie_exclusions')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const get = (url: string, session = manager) => t.app.inject({ method: 'GET', url, headers: as(session) });

describe('LEIE import', () => {
  let first: Awaited<ReturnType<typeof importLeie>>;
  beforeAll(async () => {
    first = await importLeie(ctx(), SYNTHETIC);
  });

  it('imports every row with dates, none-values and normalized keys, and records the file', async () => {
    expect(first).toMatchObject({ fileName: 'leie-synthetic.csv', rows: 10 });
    expect(first.checksum).toBe(createHash('sha256').update(readFileSync(SYNTHETIC)).digest('hex'));
    expect(await count()).toBe(10);
    const rows = await t.db
      .selectFrom('leie_exclusions')
      .selectAll()
      .where('import_id', '=', first.id)
      .orderBy('line_no')
      .execute();
    expect(rows[0]).toMatchObject({
      line_no: 2,
      last_name: null,
      bus_name: 'RIDGE ANALYTICS INC',
      bus_key: 'RIDGEANALYTICS',
      npi: null,
      dob: null,
    });
    expect(rows[1]).toMatchObject({ npi: '1234567893', dob: '1970-01-01', excl_date: '2020-01-15', rein_date: null });
    expect(rows.find((r) => r.last_name === 'TANGLEBERRY')?.address).toBe('12 "OLD" MILL RD, APT 4');
    expect(rows.find((r) => r.last_name === "O'SNOOTY")?.last_key).toBe('OSNOOTY');
    expect(rows.find((r) => r.first_name === 'BARNABY')).toMatchObject({
      waiver_date: '2021-03-01',
      waiver_state: 'IL',
      last_key: 'FENWICKODDLY',
    });
    const status = await get('/api/staff/leie');
    expect(status.json().latest).toMatchObject({ id: first.id, rows: 10, checksum: first.checksum });
    const audit = await t.db.selectFrom('audit_events').select(['action', 'details']).where('entity_id', '=', first.id).execute();
    expect(audit).toMatchObject([{ action: 'leie.import', details: { rows: 10, checksum: first.checksum } }]);
  });

  it('refuses a wrong header, naming it, imports nothing and keeps the old list', async () => {
    const bad = variant('waiverstate.csv', (s) => s.replace('WVRSTATE', 'WAIVERSTATE'));
    await expect(importLeie(ctx(), bad)).rejects.toThrow(
      'waiverstate.csv: header column 18 is WAIVERSTATE, expected WVRSTATE; nothing was imported',
    );
    expect(await count()).toBe(10);
    expect((await get('/api/staff/leie')).json().latest.id).toBe(first.id);
    expect(await t.db.selectFrom('leie_imports').select('id').where('file_name', '=', 'waiverstate.csv').execute()).toEqual([]);
  });

  it('refuses a broken line half-way, naming the line, and keeps the old list', async () => {
    const bad = variant('broken.csv', (s) => s.replace('"20180630"', '"2018-06-30"'));
    await expect(importLeie(ctx(), bad)).rejects.toThrow(
      'broken.csv: line 4: EXCLDATE "2018-06-30" is not a YYYYMMDD date; nothing was imported',
    );
    const empty = variant('empty.csv', (s) => `${s.split('\r\n')[0]}\r\n`);
    await expect(importLeie(ctx(), empty)).rejects.toThrow('the file has a header but no rows');
    expect(await count()).toBe(10);
  });

  it('replaces the previous list whole on the next import', async () => {
    const smaller = variant('smaller.csv', (s) =>
      s
        .split('\r\n')
        .filter((l) => !l.includes('BRAMBLECOTT'))
        .join('\r\n'),
    );
    const second = await importLeie(ctx(), smaller, { batchSize: 3 });
    expect(second.rows).toBe(9);
    expect(await count()).toBe(9);
    // back to the full synthetic list for the screening tests
    await importLeie(ctx(), SYNTHETIC);
    expect(await count()).toBe(10);
  });
});

describe('exclusion screening', () => {
  const people: Record<string, { id: string }> = {};
  let run: {
    screenings: { id: string; staffMemberId: string; status: string; matches: { strength: string; basis: string[] }[] }[];
  };

  beforeAll(async () => {
    // NPI matches the list (and the name does not); name and date of birth; name only; nobody.
    people.npi = await addStaff(
      manager,
      rn(org, { firstName: 'Ana', lastName: 'Ruiz-Leie', position: 'physician', npi: '1234567893' }),
    );
    // a position without required credentials: qualified until an exclusion is confirmed
    people.nameDob = await addStaff(manager, rn(org, { firstName: 'Oswin', lastName: 'Marblewood', position: 'front_desk' }));
    people.nameOnly = await addStaff(manager, rn(org, { firstName: 'Perpetua', lastName: 'Tangleberry' }));
    people.maiden = await addStaff(
      manager,
      rn(org, { firstName: 'Clementine', lastName: 'Newname', facilityId: org.facilities.b }),
    );
    people.clear = await addStaff(manager, rn(org, { firstName: 'Plain', lastName: 'Nobody' }));
    const put = (id: string, body: object) =>
      t.app.inject({ method: 'PUT', url: `/api/staff/${id}/screening-identity`, headers: as(manager), payload: body });
    expect((await put(people.nameDob?.id ?? '', { dateOfBirth: '1980-02-14', formerLastNames: [] })).statusCode).toBe(200);
    const maiden = await put(people.maiden?.id ?? '', { dateOfBirth: '1990-07-04', formerLastNames: ["O'Snooty"] });
    expect(maiden.json()).toEqual({ dateOfBirth: '1990-07-04', formerLastNames: ["O'Snooty"] });
    const res = await post(manager, '/api/staff/screenings', {});
    expect(res.statusCode, res.body).toBe(201);
    run = res.json();
  });

  const of = (key: string) => run.screenings.find((s) => s.staffMemberId === people[key]?.id);

  it('screens every active person and classifies the hits', () => {
    expect(of('npi')).toMatchObject({ status: 'possible_match', matches: [{ strength: 'strong', basis: ['npi'] }] });
    // listed twice (two exclusions), both strong on name and date of birth
    expect(of('nameDob')?.matches.map((m) => [m.strength, m.basis])).toEqual([
      ['strong', ['name_and_dob']],
      ['strong', ['name_and_dob']],
    ]);
    expect(of('nameOnly')).toMatchObject({ status: 'possible_match', matches: [{ strength: 'possible', basis: ['name'] }] });
    expect(of('maiden')).toMatchObject({ status: 'possible_match', matches: [{ strength: 'strong', basis: ['name_and_dob'] }] });
    expect(of('clear')).toMatchObject({ status: 'clear', matches: [] });
  });

  it('keeps what was searched and against which file, and audits each search', async () => {
    const res = await get(`/api/staff/${people.maiden?.id}/screenings`);
    expect(res.json()[0]).toMatchObject({
      searched: { names: ['Newname, Clementine', "O'Snooty, Clementine"], dateOfBirthSearched: true, dateOfBirth: '1990-07-04' },
    });
    const events = await t.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('organization_id', '=', org.id)
      .where('action', '=', 'staff.exclusion_screening')
      .execute();
    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(events.find((e) => (e.details as { staffMemberId: string }).staffMemberId === people.npi?.id)?.details).toMatchObject({
      status: 'possible_match',
      strong: true,
      matches: 1,
    });
  });

  it('lists the possible matches for review and shows a dashboard card', async () => {
    const queue = await get('/api/staff/screenings/review-queue');
    expect(queue.statusCode).toBe(200);
    const ids = queue.json().map((s: { staffMemberId: string }) => s.staffMemberId);
    for (const key of ['npi', 'nameDob', 'nameOnly', 'maiden']) expect(ids).toContain(people[key]?.id);
    expect(ids).not.toContain(people.clear?.id);
    const dashboard = await get('/api/dashboard');
    const card = dashboard.json().cards.find((c: { key: string }) => c.key === 'staff.exclusion-review');
    expect(card).toMatchObject({ value: String(ids.length), tone: 'danger' });
    // colleagues who look up credentials (staff:read) do not see screenings; auditors do
    const clinician = await signIn(t.app, org.users.clinician.email, secret);
    expect((await get('/api/staff/screenings/review-queue', clinician)).statusCode).toBe(403);
    expect((await get(`/api/staff/${people.nameDob?.id}/screenings`, clinician)).statusCode).toBe(403);
    const clinicianCards = (await get('/api/dashboard', clinician)).json().cards.map((c: { key: string }) => c.key);
    expect(clinicianCards).not.toContain('staff.exclusion-review');
    const auditor = await signIn(t.app, org.users.compliance_auditor.email, secret);
    const seen = (await get('/api/staff/screenings/review-queue', auditor)).json();
    expect(seen.find((s: { staffMemberId: string }) => s.staffMemberId === people.nameDob?.id).searched).toMatchObject({
      dateOfBirthSearched: true,
      dateOfBirth: '1980-02-14',
    });
  });

  it('a confirmed exclusion makes the person not qualified; a cleared one is audited and leaves the queue', async () => {
    expect((await get(`/api/staff/${people.nameDob?.id}`)).json().qualified).toBe(true);
    const confirm = await post(manager, `/api/staff/screenings/${of('nameDob')?.id}/review`, {
      decision: 'confirm',
      note: 'SSN matched in the OIG online search',
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect(confirm.json()).toMatchObject({ status: 'confirmed', reviewedBy: org.users.manager.id });
    const clear = await post(manager, `/api/staff/screenings/${of('nameOnly')?.id}/review`, {
      decision: 'clear',
      note: 'SSN differs in the OIG online search',
    });
    expect(clear.json()).toMatchObject({ status: 'cleared_by_review', note: 'SSN differs in the OIG online search' });
    // decided once only, with a note, and only in one's own organization
    expect(
      (await post(manager, `/api/staff/screenings/${of('nameOnly')?.id}/review`, { decision: 'confirm', note: 'again' }))
        .statusCode,
    ).toBe(409);
    expect(
      (await post(manager, `/api/staff/screenings/${of('npi')?.id}/review`, { decision: 'clear', note: '' })).statusCode,
    ).toBe(400);
    expect(
      (await post(otherManager, `/api/staff/screenings/${of('npi')?.id}/review`, { decision: 'clear', note: 'not mine' }))
        .statusCode,
    ).toBe(404);

    expect((await get(`/api/staff/${people.nameDob?.id}`)).json().qualified).toBe(false);
    expect((await get(`/api/staff/${people.clear?.id}`)).json().qualified).toBe(false); // an RN without a licence
    const matrix = (await get('/api/staff/compliance')).json();
    expect(matrix.rows.find((r: { staffMemberId: string }) => r.staffMemberId === people.nameDob?.id).qualified).toBe(false);
    const queue = (await get('/api/staff/screenings/review-queue')).json().map((s: { staffMemberId: string }) => s.staffMemberId);
    expect(queue).not.toContain(people.nameDob?.id);
    expect(queue).not.toContain(people.nameOnly?.id);
    const reviews = await t.db
      .selectFrom('audit_events')
      .select(['entity_id', 'details', 'actor_user_id'])
      .where('action', '=', 'staff.exclusion_screening.review')
      .where('organization_id', '=', org.id)
      .execute();
    expect(reviews.map((r) => (r.details as { decision: string }).decision).sort()).toEqual(['clear', 'confirm']);
    expect(JSON.stringify(reviews)).not.toContain('SSN');
  });

  it('screens one person again on request; a later clear screening lifts the exclusion', async () => {
    const one = await post(manager, '/api/staff/screenings', { staffMemberId: people.clear?.id });
    expect(one.json()).toMatchObject({ screened: 1, clear: 1, possibleMatches: 0 });
    // reinstated: the list no longer has the person
    await importLeie(
      ctx(),
      variant('reinstated.csv', (s) =>
        s
          .split('\r\n')
          .filter((l) => !l.includes('MARBLEWOOD'))
          .join('\r\n'),
      ),
    );
    const again = await post(manager, '/api/staff/screenings', { staffMemberId: people.nameDob?.id });
    expect(again.json().screenings[0].status).toBe('clear');
    expect((await get(`/api/staff/${people.nameDob?.id}`)).json().qualified).toBe(true);
    await importLeie(ctx(), SYNTHETIC);
  });

  it("needs staff:write to screen or decide, and refuses another organization's person", async () => {
    const clinician = await signIn(t.app, org.users.clinician.email, secret);
    expect((await post(clinician, '/api/staff/screenings', {})).statusCode).toBe(403);
    expect((await post(otherManager, '/api/staff/screenings', { staffMemberId: people.npi?.id })).statusCode).toBe(404);
  });
});

describe('the monthly re-screen job', () => {
  // A database of its own: the job screens every organization of the installation.
  it('screens every organization against the last list, and does nothing without one', async () => {
    const fresh = await freshDatabase();
    const database = await openPool(fresh.url, 2);
    try {
      const job = exclusionRescreenJob({ db: database.db, config: testConfig(), log: pino({ level: 'silent' }) });
      expect(job).toMatchObject({ name: 'staff-exclusion-rescreen', cron: '0 6 11 * *' });
      const one = await createTestOrg(database.db);
      const two = await createTestOrg(database.db);
      for (const [o, first] of [
        [one, 'Oswin'],
        [two, 'Plain'],
      ] as const) {
        await database.db
          .insertInto('staff_members')
          .values({
            id: crypto.randomUUID(),
            organization_id: o.id,
            facility_id: o.facilities.a,
            first_name: first,
            last_name: first === 'Oswin' ? 'Marblewood' : 'Nobody',
            position: 'rn',
            employment_type: 'full_time',
            hire_date: '2020-01-01',
            date_of_birth: '1980-02-14',
          })
          .execute();
      }
      await job.handler();
      expect(await database.db.selectFrom('exclusion_screenings').select('id').execute()).toEqual([]);
      const systemCtx = { ...ctx(), db: database.db, organizationId: one.id };
      await importLeie(systemCtx, SYNTHETIC);
      await job.handler();
      const screenings = await database.db.selectFrom('exclusion_screenings').select(['organization_id', 'status']).execute();
      expect(screenings.sort((a, b) => a.status.localeCompare(b.status))).toEqual([
        { organization_id: two.id, status: 'clear' },
        { organization_id: one.id, status: 'possible_match' },
      ]);
    } finally {
      await database.close();
      await fresh.drop();
    }
  });
});
