import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction, type TxCtx } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { requirePermission, scopeFacilities } from '../../../platform/permissions.js';
import { createStaff, isValidNpi } from '../../staff/index.js';
import {
  type Conditional,
  type Plan,
  type PlannedPayer,
  type PlannedPractitioner,
  type Problem,
  planBundle,
} from '../domain/bundle-plan.js';
import { payerDisplayName, payerKey, payerKindFromName } from '../domain/payers.js';
import type { ExternalId } from '../domain/to-fhir.js';
import * as q from '../queries.js';
import { issuesOf } from './errors.js';
import { createCoverageFrom, createPatientFrom } from './write.js';

// `clinicops import fhir PATH`: FHIR bundles (Synthea's) into ClinicOps, one transaction per
// bundle, so a bad bundle is refused whole (naming the entry and the element) and the others go
// on. Reference bundles (practitioners, hospitals) are read first whatever their file order.
//
// Decisions (docs/architecture.md, "FHIR"):
// - Patients and coverages are written through the patients module (duplicate detection, MRN,
//   audit); a possible duplicate refuses the bundle rather than being merged silently.
// - Practitioners become staff members (physician, per diem, hired on the import date) when a
//   visit first names them, not all 1,191 of Synthea's list: an office's staff list holds the
//   people who saw its patients. An NPI failing the check digit stays only in the identifier map.
// - Synthea's organizations and locations are not created as facilities: they map onto the one
//   facility the import goes to (--facility, else the first), recorded in the identifier map so
//   later imports resolve them without the hospital bundle.
// - Every record remembers the identifiers it came with (never an SSN), so importing the same
//   bundle again finds them and creates nothing.
// - Synthea has no Coverage resources: each payer a patient's claims name (Claim and
//   ExplanationOfBenefit insurance) becomes one coverage of that patient, the kind guessed from
//   the name. The payer of the latest claim is the active primary (unless the patient already has
//   one); the others are recorded as ended. Their dates are unknown (claims show when a payer
//   paid, not when a policy started or ended), so none are invented. Remembered under
//   CLAIMS_PAYER_SYSTEM with the patient's id and the payer, so a second import adds none.

/** Identifier system for "the coverage made from this patient's claims to this payer". */
export const CLAIMS_PAYER_SYSTEM = 'https://clinicops.dev/fhir/sid/claims-payer';

export type ImportCounts = {
  patients: number;
  patientsExisting: number;
  coverages: number;
  encounters: number;
  encountersExisting: number;
  diagnoses: number;
  practitioners: number;
  places: number;
  skipped: Record<string, number>;
};

export type BundleOutcome =
  | { file: string; ok: true; kind: 'reference' | 'records'; counts: ImportCounts }
  | { file: string; ok: false; problem: Problem | { message: string } };

export type FhirImportResult = {
  bundles: number;
  imported: number;
  rejected: number;
  counts: ImportCounts;
  outcomes: BundleOutcome[];
  milliseconds: number;
};

const emptyCounts = (): ImportCounts => ({
  patients: 0,
  patientsExisting: 0,
  coverages: 0,
  encounters: 0,
  encountersExisting: 0,
  diagnoses: 0,
  practitioners: 0,
  places: 0,
  skipped: {},
});

function addCounts(total: ImportCounts, c: ImportCounts) {
  for (const k of [
    'patients',
    'patientsExisting',
    'coverages',
    'encounters',
    'encountersExisting',
    'diagnoses',
    'practitioners',
    'places',
  ] as const)
    total[k] += c[k];
  for (const [k, v] of Object.entries(c.skipped)) total.skipped[k] = (total.skipped[k] ?? 0) + v;
}

class BundleRefused extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

const keyOf = (k: { system: string; value: string }) => `${k.system}|${k.value}`;

/** The files to import: the file given, or the folder's .json files in name order. */
async function filesOf(target: string): Promise<string[]> {
  const s = await stat(target);
  if (!s.isDirectory()) return [target];
  return (await readdir(target))
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => path.join(target, n));
}

/** What outlives one bundle: practitioners known from reference bundles, resolved references. */
type RunState = {
  facilityId: string;
  practitioners: Map<string, PlannedPractitioner>;
  staff: Map<string, string>;
  places: Set<string>;
};

export async function importFhir(
  ctx: Ctx,
  targets: string[],
  opts: { facilityId?: string; onBundle?: (o: BundleOutcome) => void } = {},
): Promise<FhirImportResult> {
  requirePermission(ctx, 'patients:write');
  requirePermission(ctx, 'staff:write');
  const facilityId = opts.facilityId ?? ctx.actor?.facilityIds[0];
  if (!facilityId) throw new AppError('forbidden', 'No facility to import into');
  scopeFacilities(ctx, [facilityId]);
  const started = performance.now();
  const files = (await Promise.all(targets.map(filesOf))).flat();
  const state: RunState = { facilityId, practitioners: new Map(), staff: new Map(), places: new Set() };
  const outcomes: BundleOutcome[] = [];
  const report = (o: BundleOutcome) => {
    outcomes.push(o);
    opts.onBundle?.(o);
  };

  // Pass 1: reference bundles, so that conditional references in patient bundles resolve.
  const records: string[] = [];
  for (const file of files) {
    const loaded = await load(file);
    if ('problem' in loaded) {
      report({ file, ok: false, problem: loaded.problem });
      continue;
    }
    const { plan, sha256 } = loaded;
    if (plan.patients.length === 0 && plan.encounters.length === 0 && plan.coverages.length === 0) {
      report(await importReference(ctx, state, file, plan, sha256));
    } else records.push(file);
  }
  // Pass 2: patient bundles, read again (rather than all held in memory at once).
  for (const file of records) {
    const loaded = await load(file);
    if ('problem' in loaded) report({ file, ok: false, problem: loaded.problem });
    else report(await importRecords(ctx, state, file, loaded.plan, loaded.sha256));
  }

  const counts = emptyCounts();
  for (const o of outcomes) if (o.ok) addCounts(counts, o.counts);
  const imported = outcomes.filter((o) => o.ok).length;
  return {
    bundles: outcomes.length,
    imported,
    rejected: outcomes.length - imported,
    counts,
    outcomes,
    milliseconds: performance.now() - started,
  };
}

async function load(file: string): Promise<{ plan: Plan; sha256: string } | { problem: Problem | { message: string } }> {
  const text = await readFile(file);
  const sha256 = createHash('sha256').update(text).digest('hex');
  let json: unknown;
  try {
    json = JSON.parse(text.toString('utf8'));
  } catch {
    return { problem: { message: 'not valid JSON' } };
  }
  const planned = planBundle(json);
  return planned.ok ? { plan: planned.plan, sha256 } : { problem: planned.problem };
}

/** Practitioners are remembered for this run; organizations and locations map to the facility. */
async function importReference(ctx: Ctx, state: RunState, file: string, plan: Plan, sha256: string): Promise<BundleOutcome> {
  const counts = { ...emptyCounts(), skipped: plan.skipped };
  for (const p of plan.practitioners) for (const k of p.keys) state.practitioners.set(keyOf(k), p);
  counts.practitioners = 0;
  await inTransaction(ctx, async (tx) => {
    const rows = plan.places.flatMap((p) =>
      p.keys.map((k) => ({
        organization_id: ctx.organizationId,
        resource_type: p.type,
        system: k.system,
        value: k.value,
        local_id: state.facilityId,
      })),
    );
    for (let i = 0; i < rows.length; i += 1000) await q.insertExternal(tx.db, rows.slice(i, i + 1000));
    counts.places = plan.places.length;
    await recordAudit(tx, {
      action: 'fhir.import.bundle',
      entityType: 'fhir_bundle',
      facilityId: state.facilityId,
      details: { kind: 'reference', sha256, practitionersKnown: plan.practitioners.length, places: plan.places.length },
    });
  });
  for (const p of plan.places) for (const k of p.keys) state.places.add(`${p.type}:${keyOf(k)}`);
  return { file, ok: true, kind: 'reference', counts };
}

async function importRecords(ctx: Ctx, state: RunState, file: string, plan: Plan, sha256: string): Promise<BundleOutcome> {
  const counts = { ...emptyCounts(), skipped: plan.skipped };
  const newStaff = new Map<string, string>();
  try {
    await inTransaction(ctx, async (tx) => {
      const patientIds = new Map<number, string>();
      for (const p of plan.patients) {
        const existing = await q.findExternals(tx.db, ctx.organizationId, 'Patient', p.keys);
        const known = p.keys.map((k) => existing.get(keyOf(k))).find(Boolean);
        if (known) {
          patientIds.set(p.index, known);
          counts.patientsExisting++;
          continue;
        }
        const id = await entryStep(p, 'Patient', () => createPatientFrom(tx, p.input, state.facilityId, false));
        await q.insertExternal(tx.db, externalRows(ctx, 'Patient', p.keys, id));
        patientIds.set(p.index, id);
        counts.patients++;
      }
      const patientOf = (index: number) => patientIds.get(index) as string;

      for (const c of plan.coverages) {
        const existing = await q.findExternals(tx.db, ctx.organizationId, 'Coverage', c.keys);
        if (c.keys.some((k) => existing.has(keyOf(k)))) continue;
        const id = await entryStep(c, 'Coverage', () => createCoverageFrom(tx, { ...c.input, patientId: patientOf(c.patient) }));
        await q.insertExternal(tx.db, externalRows(ctx, 'Coverage', c.keys, id));
        counts.coverages++;
      }

      counts.coverages += await importPayers(tx, plan, patientOf);

      const known = await q.findExternals(
        tx.db,
        ctx.organizationId,
        'Encounter',
        plan.encounters.flatMap((e) => e.keys),
      );
      const encounters: Parameters<typeof q.insertEncounters>[1] = [];
      const diagnoses: Parameters<typeof q.insertDiagnoses>[1] = [];
      const externals: ReturnType<typeof externalRows> = [];
      for (const e of plan.encounters) {
        if (e.keys.some((k) => known.has(keyOf(k)))) {
          counts.encountersExisting++;
          continue;
        }
        for (const place of e.places) await resolvePlace(tx, state, e, place);
        const providerId = e.practitioner ? await resolvePractitioner(tx, state, newStaff, e, e.practitioner, counts) : null;
        const id = randomUUID();
        encounters.push({
          id,
          organization_id: ctx.organizationId,
          facility_id: state.facilityId,
          patient_id: patientOf(e.patient),
          provider_id: providerId,
          status: e.status,
          class: e.class,
          starts_at: e.startsAt,
          ends_at: e.endsAt,
          reason: e.reason,
          created_by: null,
        });
        for (const [n, d] of e.diagnoses.entries()) {
          diagnoses.push({
            organization_id: ctx.organizationId,
            encounter_id: id,
            position: n + 1,
            code: d.code,
            description: d.description,
          });
        }
        externals.push(...externalRows(ctx, 'Encounter', e.keys, id));
      }
      for (let i = 0; i < encounters.length; i += 500) await q.insertEncounters(tx.db, encounters.slice(i, i + 500));
      await q.insertDiagnoses(tx.db, diagnoses);
      for (let i = 0; i < externals.length; i += 1000) await q.insertExternal(tx.db, externals.slice(i, i + 1000));
      counts.encounters = encounters.length;
      counts.diagnoses = diagnoses.length;
      // One event for the bundle, with counts and the file's hash: no names, no file name
      // (Synthea names its files after the patient).
      await recordAudit(tx, {
        action: 'fhir.import.bundle',
        entityType: 'fhir_bundle',
        facilityId: state.facilityId,
        ...(patientIds.size === 1 ? { patientId: [...patientIds.values()][0] as string } : {}),
        details: { kind: 'records', sha256, ...counts },
      });
    });
  } catch (err) {
    if (err instanceof BundleRefused) return { file, ok: false, problem: err.problem };
    if (err instanceof AppError) return { file, ok: false, problem: { message: err.message } };
    // Database refusals can quote the row; only the kind of failure is reported.
    const code = (err as { code?: string; constraint?: string }).code;
    if (code)
      return {
        file,
        ok: false,
        problem: {
          message: `the database refused the bundle (${code} ${(err as { constraint?: string }).constraint ?? ''})`.trim(),
        },
      };
    throw err;
  }
  for (const [k, v] of newStaff) state.staff.set(k, v);
  return { file, ok: true, kind: 'records', counts };
}

/** Coverages from the payers the bundle's claims name (see the header); returns how many were created. */
async function importPayers(tx: TxCtx, plan: Plan, patientOf: (index: number) => string): Promise<number> {
  const byPatient = new Map<number, PlannedPayer[]>();
  for (const p of plan.payers) byPatient.set(p.patient, [...(byPatient.get(p.patient) ?? []), p]);
  let created = 0;
  for (const [index, payers] of byPatient) {
    const patientId = patientOf(index);
    const keys = payers.map((p) => ({ system: CLAIMS_PAYER_SYSTEM, value: `${patientId}|${payerKey(p.name)}` }));
    const existing = await q.findExternals(tx.db, tx.organizationId, 'Coverage', keys);
    // Oldest first, so that the latest payer, written last, may become the active primary.
    const fresh = payers
      .map((p, n) => ({ p, key: keys[n] as ExternalId }))
      .filter(({ key }) => !existing.has(keyOf(key)))
      .sort((a, b) => (a.p.lastBilled ?? '').localeCompare(b.p.lastBilled ?? ''));
    if (fresh.length === 0) continue;
    const latest = [...payers].sort((a, b) => (b.lastBilled ?? '').localeCompare(a.lastBilled ?? ''))[0];
    const primaryTaken = await q.hasActivePrimary(tx.db, tx.organizationId, patientId);
    for (const { p, key } of fresh) {
      const id = await entryStep(p, 'Coverage', () =>
        createCoverageFrom(tx, {
          patientId,
          payerName: payerDisplayName(p.name),
          payerKind: payerKindFromName(p.name),
          planName: null,
          memberId: null,
          groupId: null,
          subscriberName: null,
          relationship: 'self',
          order: 1,
          effectiveFrom: null,
          effectiveTo: null,
          active: p === latest && !primaryTaken,
        }),
      );
      await q.insertExternal(tx.db, externalRows(tx, 'Coverage', [key], id));
      created++;
    }
  }
  return created;
}

const externalRows = (ctx: Ctx, type: q.ExternalType, keys: readonly ExternalId[], localId: string) =>
  keys.map((k) => ({
    organization_id: ctx.organizationId,
    resource_type: type,
    system: k.system,
    value: k.value,
    local_id: localId,
  }));

/** Runs one entry's write, turning a refusal into one that names the entry and the element. */
async function entryStep<T>(entry: { index: number; fullUrl: string | null }, type: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const first = issuesOf(err)?.[0];
    throw new BundleRefused({
      index: entry.index,
      fullUrl: entry.fullUrl,
      element: first?.expression ?? type,
      message: first?.message ?? err.message,
    });
  }
}

async function resolvePlace(tx: TxCtx, state: RunState, e: { index: number; fullUrl: string | null }, c: Conditional) {
  const key = `${c.type}:${c.system}|${c.value}`;
  if (state.places.has(key)) return;
  const found = await q.findExternal(tx.db, tx.organizationId, c.type as q.ExternalType, c.system, c.value);
  if (!found) {
    throw new BundleRefused({
      index: e.index,
      fullUrl: e.fullUrl,
      element: c.element,
      message: `${c.type}?identifier=${c.system}|${c.value} is not known: import the hospital bundle first (or in the same run)`,
    });
  }
  state.places.add(key);
}

async function resolvePractitioner(
  tx: TxCtx,
  state: RunState,
  newStaff: Map<string, string>,
  e: { index: number; fullUrl: string | null },
  c: Conditional,
  counts: ImportCounts,
): Promise<string> {
  const key = `${c.system}|${c.value}`;
  const cached = state.staff.get(key) ?? newStaff.get(key);
  if (cached) return cached;
  const mapped =
    (await q.findExternal(tx.db, tx.organizationId, 'Practitioner', c.system, c.value)) ??
    (c.system === 'http://hl7.org/fhir/sid/us-npi' ? await q.staffByNpi(tx.db, tx.organizationId, c.value) : undefined);
  if (mapped) {
    newStaff.set(key, mapped);
    return mapped;
  }
  const p = state.practitioners.get(key);
  if (!p) {
    throw new BundleRefused({
      index: e.index,
      fullUrl: e.fullUrl,
      element: c.element,
      message: `Practitioner?identifier=${c.system}|${c.value} is not known: import the practitioner bundle first (or in the same run)`,
    });
  }
  const staff = await createStaff(tx, {
    facilityId: state.facilityId,
    firstName: p.firstName,
    lastName: p.lastName,
    position: 'physician',
    employmentType: 'per_diem',
    hireDate: tx.clock.now().toISOString().slice(0, 10),
    npi: p.npi && isValidNpi(p.npi) ? p.npi : null,
  });
  await q.insertExternal(tx.db, externalRows(tx, 'Practitioner', p.keys, staff.id));
  for (const k of p.keys) newStaff.set(keyOf(k), staff.id);
  counts.practitioners++;
  return staff.id;
}
