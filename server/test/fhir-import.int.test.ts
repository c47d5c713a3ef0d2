// `clinicops import fhir`: our own synthetic bundles (server/test/fixtures/fhir) through the
// service and through the command, and Synthea's bundles from ../shared/fixtures/synthea (skipped
// where that folder is absent).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { permissions } from '@clinicops/contracts';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPool } from '../src/db/pool.js';
import { importFhir } from '../src/modules/fhir/index.js';
import { systemClock } from '../src/platform/clock.js';
import { type Ctx, systemActor } from '../src/platform/context.js';
import { fhirErrors } from './fhir-validator.js';
import { as, createTestOrg, freshDatabase, signIn, type TestOrg, testApp, testConfig } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const fixtures = path.join(here, 'fixtures/fhir');
const shared = process.env.CLINICOPS_SHARED_DIR ?? path.resolve(repoRoot, '../shared');
const synthea = path.join(shared, 'fixtures/synthea');
const syntheaPresent = existsSync(synthea);
if (!syntheaPresent) console.warn(`Synthea fixtures not found in ${synthea}: set CLINICOPS_SHARED_DIR; those tests are skipped`);

const GOLDEN = path.join(here, 'fixtures/fhir-golden/imported-patient.json');

/** Ids, MRNs and timestamps replaced by stable placeholders, in order of appearance. */
function normalised(value: unknown): unknown {
  const seen = new Map<string, string>();
  const text = JSON.stringify(value, null, 2)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (u) => {
      if (!seen.has(u)) seen.set(u, `<id-${seen.size + 1}>`);
      return seen.get(u) as string;
    })
    .replace(/"lastUpdated": "[^"]+"/g, '"lastUpdated": "<time>"')
    .replace(/"value": "\d{8}"/g, '"value": "<mrn>"')
    .replace(/http:\/\/localhost(:\d+)?/g, '<base>');
  return JSON.parse(text);
}

const ctxFor = (db: Ctx['db'], org: TestOrg, facility = org.facilities.a): Ctx => ({
  db,
  organizationId: org.id,
  actor: systemActor('fhir import test', [facility], permissions),
  clock: systemClock,
  log: pino({ level: 'silent' }),
  config: testConfig(),
  requestId: 'fhir-import-test',
  ip: null,
});

type Db = Awaited<ReturnType<typeof testApp>>['db'];
async function rowCounts(db: Db, orgId: string) {
  const n = async (
    table: 'patients' | 'patient_coverages' | 'encounters' | 'encounter_diagnoses' | 'staff_members' | 'fhir_external_ids',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('organization_id', '=', orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    patients: await n('patients'),
    coverages: await n('patient_coverages'),
    encounters: await n('encounters'),
    diagnoses: await n('encounter_diagnoses'),
    staff: await n('staff_members'),
    externalIds: await n('fhir_external_ids'),
  };
}

describe('import of our synthetic bundles', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let org: TestOrg;
  let result: Awaited<ReturnType<typeof importFhir>>;

  beforeAll(async () => {
    t = await testApp();
    org = await createTestOrg(t.db);
    result = await importFhir(ctxFor(t.db, org), [fixtures]);
  });

  it('reads the reference bundle first, imports the good bundle and refuses the bad one whole', async () => {
    expect(result.bundles).toBe(3);
    expect(result.imported).toBe(2);
    expect(result.rejected).toBe(1);
    const bad = result.outcomes.find((o) => !o.ok);
    expect(bad?.file).toMatch(/bad-encounter-subject\.json$/);
    expect(bad && !bad.ok && bad.problem).toEqual({
      index: 2,
      fullUrl: 'urn:uuid:7b1d2c3e-0000-4000-8000-00000000b003',
      element: 'Encounter.subject',
      message: 'does not reference a Patient in this bundle',
    });
    expect(result.counts).toMatchObject({ patients: 1, coverages: 1, encounters: 2, diagnoses: 1, practitioners: 2, places: 2 });
    expect(result.counts.skipped).toMatchObject({ Observation: 1, Condition: 1, PractitionerRole: 1 });
    const patients = await t.db
      .selectFrom('patients')
      .select(['family_name', 'ssn_last4', 'facility_id'])
      .where('organization_id', '=', org.id)
      .execute();
    expect(patients).toEqual([{ family_name: 'Quartzfield', ssn_last4: '4321', facility_id: org.facilities.a }]);
  });

  it('keeps visits, their provider (created as a physician) and ICD-10-CM diagnoses', async () => {
    const staff = await t.db
      .selectFrom('staff_members')
      .select(['last_name', 'position', 'npi'])
      .where('organization_id', '=', org.id)
      .orderBy('last_name')
      .execute();
    // The NPI failing its check digit is not put on the staff record (it stays in the identifier map).
    expect(staff).toEqual([
      { last_name: 'Fakenpi', position: 'physician', npi: null },
      { last_name: 'Testwell', position: 'physician', npi: '1234567893' },
    ]);
    const visits = await t.db
      .selectFrom('encounters')
      .select(['class', 'starts_at', 'reason', 'provider_id', 'facility_id'])
      .where('organization_id', '=', org.id)
      .orderBy('starts_at')
      .execute();
    expect(visits.map((v) => [v.class, v.starts_at.toISOString(), v.reason, v.facility_id])).toEqual([
      ['ambulatory', '2025-04-02T13:00:00.000Z', 'Check-up', org.facilities.a],
      ['emergency', '2025-09-14T22:10:00.000Z', 'Emergency visit', org.facilities.a],
    ]);
    const dx = await t.db
      .selectFrom('encounter_diagnoses')
      .select(['code', 'position'])
      .where('organization_id', '=', org.id)
      .execute();
    expect(dx).toEqual([{ code: 'S52501A', position: 1 }]);
  });

  it('importing the same bundles again creates nothing', async () => {
    const before = await rowCounts(t.db, org.id);
    const again = await importFhir(ctxFor(t.db, org), [fixtures]);
    expect(again.counts).toMatchObject({
      patients: 0,
      patientsExisting: 1,
      coverages: 0,
      encounters: 0,
      encountersExisting: 2,
      practitioners: 0,
    });
    expect(await rowCounts(t.db, org.id)).toEqual(before);
  });

  it('audits one event per bundle, without names or the SSN', async () => {
    const events = await t.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('organization_id', '=', org.id)
      .where('action', '=', 'fhir.import.bundle')
      .execute();
    expect(events.length).toBe(4); // reference + good bundle, twice; the refused bundle left nothing
    const text = JSON.stringify(events);
    for (const secret of ['Quartzfield', 'Ingrid', '4321', '1961-11-03', 'ingrid-quartz']) expect(text).not.toContain(secret);
  });

  it('what was imported is served as valid FHIR, findable by its original identifier', async () => {
    const s = await signIn(t.app, org.users.clinician.email);
    const res = await t.app.inject({
      method: 'GET',
      url: '/fhir/R4/Patient?identifier=https://example.org/synthetic-ehr|7b1d2c3e-0000-4000-8000-00000000a001',
      headers: as(s),
    });
    expect(res.statusCode, res.body).toBe(200);
    const bundle = res.json() as Bundle;
    expect(bundle.total).toBe(1);
    const patient = bundle.entry?.[0]?.resource as Resource;
    expect(fhirErrors(patient)).toEqual([]);
    const encounters = (
      await t.app.inject({ method: 'GET', url: `/fhir/R4/Encounter?patient=${patient.id}`, headers: as(s) })
    ).json() as Bundle;
    expect(encounters.total).toBe(2);
    for (const e of encounters.entry ?? []) expect(fhirErrors(e.resource as Resource)).toEqual([]);
    const coverage = (
      await t.app.inject({ method: 'GET', url: `/fhir/R4/Coverage?patient=${patient.id}`, headers: as(s) })
    ).json() as Bundle;
    expect(coverage.entry?.[0]?.resource).toMatchObject({ subscriberId: 'SYN-MED-1', type: { coding: [{ code: 'medicare' }] } });
    // The golden file (ours) pins the whole mapping: UPDATE_GOLDEN=1 rewrites it after a deliberate change.
    const actual = normalised({
      patient,
      encounters: encounters.entry?.map((e) => e.resource),
      coverage: coverage.entry?.map((e) => e.resource),
    });
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });

  it('a patient bundle whose practitioner is unknown is refused, naming the reference', async () => {
    const other = await createTestOrg(t.db);
    const r = await importFhir(ctxFor(t.db, other), [path.join(fixtures, 'patient-ingrid-quartz.json')]);
    expect(r.rejected).toBe(1);
    const o = r.outcomes[0];
    expect(o && !o.ok && o.problem).toMatchObject({ index: 2, element: 'Encounter.location[0].location' });
    expect((await rowCounts(t.db, other.id)).patients).toBe(0);
  });
});

describe('clinicops import fhir', () => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'clinicops-fhir-'));
  beforeAll(async () => {
    fresh = await freshDatabase();
  });
  afterAll(async () => {
    await fresh.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('imports a folder, prints counts and throughput, and exits 1 when a bundle was refused', async () => {
    const database = await openPool(fresh.url, 1);
    const org = await createTestOrg(database.db);
    await database.close();
    const folder = path.join(tmp, 'bundles');
    cpSync(fixtures, folder, { recursive: true });
    const run = () =>
      spawnSync(
        process.execPath,
        [path.join(repoRoot, 'bin/clinicops.mjs'), 'import', 'fhir', folder, '--facility', org.facilities.b],
        {
          env: {
            ...process.env,
            DATABASE_URL: fresh.url,
            LOG_LEVEL: 'silent',
            CLINICOPS_DATA_DIR: tmp,
            CLINICOPS_ENCRYPTION_KEY: testConfig().encryptionKey ?? '',
          },
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
    const first = run();
    const out = `${first.stdout}${first.stderr}`;
    expect(first.status, out).toBe(1);
    expect(out).toMatch(
      /REJECTED bad-encounter-subject\.json: entry 2 \(urn:uuid:7b1d2c3e-0000-4000-8000-00000000b003\), Encounter\.subject/,
    );
    expect(out).toMatch(/3 bundle\(s\): 2 imported, 1 rejected/);
    expect(out).toMatch(/created: 1 patients, 1 coverages, 2 encounters/);
    expect(out).toMatch(/throughput: [\d.]+ patients\/s/);
    rmSync(path.join(folder, 'bad-encounter-subject.json'));
    const second = run();
    expect(second.status, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toMatch(/created: 0 patients, 0 coverages, 0 encounters/);
    expect(second.stdout).toMatch(/already present \(not created again\): 1 patients, 2 encounters/);
  });
});

describe('import of the Synthea bundles in ../shared/fixtures/synthea', () => {
  it.skipIf(!syntheaPresent)('imports every patient with their visits, then nothing new on a second run', async () => {
    const fresh = await freshDatabase();
    const database = await openPool(fresh.url, 2);
    try {
      const org = await createTestOrg(database.db);
      const ctx = ctxFor(database.db, org);
      const patientFiles = readdirSync(synthea).filter((f) => f.endsWith('.json') && !/Information\d+\.json$/.test(f));
      const r = await importFhir(ctx, [synthea]);
      const refused = r.outcomes.filter((o) => !o.ok);
      expect(refused, JSON.stringify(refused).slice(0, 500)).toEqual([]);
      expect(r.counts.patients).toBe(patientFiles.length);
      expect(r.counts.encounters).toBeGreaterThan(patientFiles.length * 10);
      expect(r.counts.places).toBe(2382);
      const before = await rowCounts(database.db, org.id);
      expect(before).toMatchObject({
        patients: patientFiles.length,
        encounters: r.counts.encounters,
        staff: r.counts.practitioners,
      });
      // Coverages from the payers their claims name: one per patient and payer, one active primary each.
      const coverages = await database.db
        .selectFrom('patient_coverages')
        .select(['patient_id', 'payer_name', 'payer_kind', 'active', 'coverage_order', 'effective_from'])
        .where('organization_id', '=', org.id)
        .execute();
      expect(coverages.length).toBe(r.counts.coverages);
      expect(coverages.length).toBeGreaterThan(patientFiles.length);
      const pairs = new Set(coverages.map((c) => `${c.patient_id}|${c.payer_name}`));
      expect(pairs.size).toBe(coverages.length);
      const activeByPatient = new Map<string, number>();
      for (const c of coverages) if (c.active) activeByPatient.set(c.patient_id, (activeByPatient.get(c.patient_id) ?? 0) + 1);
      expect(activeByPatient.size).toBe(patientFiles.length);
      expect([...activeByPatient.values()].every((n) => n === 1)).toBe(true);
      expect(coverages.every((c) => c.coverage_order === 1 && c.effective_from === null)).toBe(true);
      expect(coverages.filter((c) => c.payer_name === 'Medicaid').every((c) => c.payer_kind === 'medicaid')).toBe(true);
      expect(coverages.some((c) => c.payer_kind === 'medicaid')).toBe(true);
      expect(coverages.filter((c) => c.payer_name === 'Aetna').every((c) => c.payer_kind === 'commercial')).toBe(true);
      const again = await importFhir(ctx, [synthea]);
      expect(again.counts).toMatchObject({
        patients: 0,
        coverages: 0,
        encounters: 0,
        practitioners: 0,
        patientsExisting: patientFiles.length,
      });
      expect(await rowCounts(database.db, org.id)).toEqual(before);
    } finally {
      await database.close();
      await fresh.drop();
    }
  });
});
