import { type Insertable, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DateFilter, Filters } from './domain/search.js';
import type { ExternalId } from './domain/to-fhir.js';
import type { FhirTables } from './tables.js';

// Read-only queries on the records the FHIR facade shows (patients, coverages, staff,
// facilities, encounters), always scoped by organization and the caller's facilities; writes to
// those tables go through their modules' services. The one table written here is our own
// fhir_external_ids.

type Db = Kysely<Database>;
export type ExternalType = FhirTables['fhir_external_ids']['resource_type'];

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const startsWith = (column: string, prefix: string) =>
  sql<SqlBool>`clinicops_fold(${sql.ref(column)}) COLLATE "C" LIKE clinicops_fold(${escapeLike(prefix)}) || '%'`;

/**
 * A date column against a FHIR date range; or a timestamptz read as its date in the time zone
 * named by `zoneColumn` (the facility's IANA zone): a visit at 21:00 in Columbus on 1 March is on
 * 1 March, though it is 2 March in UTC. PostgreSQL resolves each local midnight with the zone's
 * offset on that date, so the days around DST changes are 23 or 25 hours long, as they are.
 */
export function dateCondition(column: string, f: DateFilter, zoneColumn?: string) {
  const c = sql.ref(column);
  const at = (d: string) => (zoneColumn ? sql`((${d})::date)::timestamp AT TIME ZONE ${sql.ref(zoneColumn)}` : sql`(${d})::date`);
  switch (f.prefix) {
    case 'eq':
      return sql<SqlBool>`(${c} >= ${at(f.from)} AND ${c} < ${at(f.to)})`;
    case 'ne':
      return sql<SqlBool>`(${c} < ${at(f.from)} OR ${c} >= ${at(f.to)})`;
    case 'gt':
      return sql<SqlBool>`${c} >= ${at(f.to)}`;
    case 'ge':
      return sql<SqlBool>`${c} >= ${at(f.from)}`;
    case 'lt':
      return sql<SqlBool>`${c} < ${at(f.from)}`;
    case 'le':
      return sql<SqlBool>`${c} < ${at(f.to)}`;
  }
}

export const anyOf = (conds: ReturnType<typeof sql<SqlBool>>[]) => sql<SqlBool>`(${sql.join(conds, sql` OR `)})`;
export const allOf = (conds: ReturnType<typeof sql<SqlBool>>[]) =>
  conds.length === 0 ? sql<SqlBool>`TRUE` : sql<SqlBool>`(${sql.join(conds, sql` AND `)})`;

/** Records imported under one of the identifiers (any system when the search names none). */
function externalMatch(orgId: string, type: ExternalType, idColumn: string, ids: NonNullable<Filters['identifier']>) {
  return ids.map(
    (i) =>
      sql<SqlBool>`${sql.ref(idColumn)} IN (SELECT local_id FROM fhir_external_ids WHERE organization_id = ${orgId} AND resource_type = ${type} AND value = ${i.value}${i.system === null ? sql`` : sql` AND system = ${i.system}`})`,
  );
}

export type Paging = { count: number; offset: number };

// --- Patients ------------------------------------------------------------------------------

export const patientColumns = [
  'p.id',
  'p.facility_id',
  'p.mrn',
  'p.given_name',
  'p.family_name',
  'p.preferred_name',
  'p.date_of_birth',
  'p.sex_at_birth',
  'p.phone',
  'p.email',
  'p.address_line1',
  'p.address_line2',
  'p.city',
  'p.state',
  'p.postal_code',
  'p.preferred_language',
  'p.emergency_contact_name',
  'p.emergency_contact_relationship',
  'p.emergency_contact_phone',
  'p.status',
  'p.updated_at',
] as const;

function patientConditions(orgId: string, f: Filters, mrnSystem: string) {
  const conds: ReturnType<typeof sql<SqlBool>>[] = [];
  if (f.ids) conds.push(sql<SqlBool>`p.id IN (${sql.join(f.ids)})`);
  for (const group of f.name ?? [])
    conds.push(anyOf(group.flatMap((v) => [startsWith('p.family_name', v), startsWith('p.given_name', v)])));
  for (const group of f.family ?? []) conds.push(anyOf(group.map((v) => startsWith('p.family_name', v))));
  for (const group of f.given ?? []) conds.push(anyOf(group.map((v) => startsWith('p.given_name', v))));
  for (const group of f.birthdate ?? []) conds.push(anyOf(group.map((d) => dateCondition('p.date_of_birth', d))));
  if (f.identifier) {
    const mrns = f.identifier.filter((i) => i.system === null || i.system === mrnSystem).map((i) => i.value);
    conds.push(
      anyOf([
        ...(mrns.length > 0 ? [sql<SqlBool>`p.mrn IN (${sql.join(mrns)})`] : []),
        ...externalMatch(orgId, 'Patient', 'p.id', f.identifier),
      ]),
    );
  }
  return allOf(conds);
}

export async function searchPatients(
  db: Db,
  orgId: string,
  facilityIds: readonly string[],
  f: Filters,
  paging: Paging,
  mrnSystem: string,
) {
  if (facilityIds.length === 0) return { total: 0, rows: [] };
  const base = db
    .selectFrom('patients as p')
    .where('p.organization_id', '=', orgId)
    .where('p.facility_id', 'in', facilityIds)
    .where(patientConditions(orgId, f, mrnSystem));
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base
      .select(patientColumns)
      .orderBy('p.family_name')
      .orderBy('p.given_name')
      .orderBy('p.id')
      .limit(paging.count)
      .offset(paging.offset)
      .execute(),
  ]);
  return { total: Number(count.n), rows };
}

// --- Coverages -----------------------------------------------------------------------------

const coverageColumns = [
  'c.id',
  'c.patient_id',
  'c.payer_name',
  'c.payer_kind',
  'c.plan_name',
  'c.member_id',
  'c.group_id',
  'c.subscriber_name',
  'c.relationship',
  'c.coverage_order',
  'c.effective_from',
  'c.effective_to',
  'c.active',
  'c.updated_at',
  'p.facility_id',
] as const;

export async function searchCoverages(db: Db, orgId: string, facilityIds: readonly string[], f: Filters, paging: Paging) {
  if (facilityIds.length === 0) return { total: 0, rows: [] };
  const base = db
    .selectFrom('patient_coverages as c')
    .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'c.patient_id').onRef('p.organization_id', '=', 'c.organization_id'))
    .where('c.organization_id', '=', orgId)
    .where('p.facility_id', 'in', facilityIds)
    .where(
      allOf([
        ...(f.ids ? [sql<SqlBool>`c.id IN (${sql.join(f.ids)})`] : []),
        ...(f.reference ? [sql<SqlBool>`c.patient_id IN (${sql.join(f.reference)})`] : []),
      ]),
    );
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base
      .select(coverageColumns)
      .orderBy('c.patient_id')
      .orderBy('c.coverage_order')
      .orderBy('c.id')
      .limit(paging.count)
      .offset(paging.offset)
      .execute(),
  ]);
  return { total: Number(count.n), rows };
}

// --- Staff (Practitioner, PractitionerRole) ------------------------------------------------

const staffColumns = [
  's.id',
  's.facility_id',
  's.first_name',
  's.last_name',
  's.position',
  's.npi',
  's.hire_date',
  's.termination_date',
  's.updated_at',
] as const;

export async function searchStaff(
  db: Db,
  orgId: string,
  facilityIds: readonly string[],
  f: Filters,
  paging: Paging,
  npiSystem: string,
) {
  if (facilityIds.length === 0) return { total: 0, rows: [] };
  const conds: ReturnType<typeof sql<SqlBool>>[] = [];
  if (f.ids) conds.push(sql<SqlBool>`s.id IN (${sql.join(f.ids)})`);
  if (f.reference) conds.push(sql<SqlBool>`s.id IN (${sql.join(f.reference)})`);
  for (const group of f.name ?? [])
    conds.push(anyOf(group.flatMap((v) => [startsWith('s.last_name', v), startsWith('s.first_name', v)])));
  for (const group of f.family ?? []) conds.push(anyOf(group.map((v) => startsWith('s.last_name', v))));
  for (const group of f.given ?? []) conds.push(anyOf(group.map((v) => startsWith('s.first_name', v))));
  if (f.identifier) {
    const npis = f.identifier.filter((i) => i.system === null || i.system === npiSystem).map((i) => i.value);
    conds.push(
      anyOf([
        ...(npis.length > 0 ? [sql<SqlBool>`s.npi IN (${sql.join(npis)})`] : []),
        ...externalMatch(orgId, 'Practitioner', 's.id', f.identifier),
      ]),
    );
  }
  const base = db
    .selectFrom('staff_members as s')
    .where('s.organization_id', '=', orgId)
    .where('s.facility_id', 'in', facilityIds)
    .where(allOf(conds));
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base
      .select(staffColumns)
      .orderBy('s.last_name')
      .orderBy('s.first_name')
      .orderBy('s.id')
      .limit(paging.count)
      .offset(paging.offset)
      .execute(),
  ]);
  return { total: Number(count.n), rows };
}

// --- Organization and facilities (Organization, Location) ---------------------------------

export async function findOrganization(db: Db, orgId: string) {
  return db.selectFrom('organizations').select(['id', 'name']).where('id', '=', orgId).executeTakeFirst();
}

export async function searchFacilities(db: Db, orgId: string, facilityIds: readonly string[], f: Filters, paging: Paging) {
  if (facilityIds.length === 0) return { total: 0, rows: [] };
  const conds: ReturnType<typeof sql<SqlBool>>[] = [];
  if (f.ids) conds.push(sql<SqlBool>`f.id IN (${sql.join(f.ids)})`);
  for (const group of f.name ?? []) conds.push(anyOf(group.map((v) => startsWith('f.name', v))));
  const base = db
    .selectFrom('facilities as f')
    .where('f.organization_id', '=', orgId)
    .where('f.id', 'in', facilityIds)
    .where(allOf(conds));
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base
      .select(['f.id', 'f.organization_id', 'f.name', 'f.kind', 'f.address_line', 'f.city', 'f.state', 'f.postal_code'])
      .orderBy('f.name')
      .orderBy('f.id')
      .limit(paging.count)
      .offset(paging.offset)
      .execute(),
  ]);
  return { total: Number(count.n), rows };
}

// --- Encounters ----------------------------------------------------------------------------

export async function searchEncounters(db: Db, orgId: string, facilityIds: readonly string[], f: Filters, paging: Paging) {
  if (facilityIds.length === 0) return { total: 0, rows: [] };
  const conds: ReturnType<typeof sql<SqlBool>>[] = [];
  if (f.ids) conds.push(sql<SqlBool>`e.id IN (${sql.join(f.ids)})`);
  if (f.reference) conds.push(sql<SqlBool>`e.patient_id IN (${sql.join(f.reference)})`);
  // A visit's date is its date where it took place: the facility's time zone.
  for (const group of f.date ?? []) conds.push(anyOf(group.map((d) => dateCondition('e.starts_at', d, 'fz.time_zone'))));
  // Visible through the patient's facility as well as the visit's, as a patient record is.
  const base = db
    .selectFrom('encounters as e')
    .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'e.patient_id').onRef('p.organization_id', '=', 'e.organization_id'))
    .innerJoin('facilities as fz', (j) =>
      j.onRef('fz.id', '=', 'e.facility_id').onRef('fz.organization_id', '=', 'e.organization_id'),
    )
    .where('e.organization_id', '=', orgId)
    .where('p.facility_id', 'in', facilityIds)
    .where('e.facility_id', 'in', facilityIds)
    .where(allOf(conds));
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base
      .select([
        'e.id',
        'e.facility_id',
        'e.patient_id',
        'e.provider_id',
        'e.status',
        'e.class',
        'e.starts_at',
        'e.ends_at',
        'e.reason',
        'e.updated_at',
      ])
      .orderBy('e.starts_at', 'desc')
      .orderBy('e.id')
      .limit(paging.count)
      .offset(paging.offset)
      .execute(),
  ]);
  const diagnoses =
    rows.length === 0
      ? []
      : await db
          .selectFrom('encounter_diagnoses')
          .select(['encounter_id', 'position', 'code', 'description'])
          .where('organization_id', '=', orgId)
          .where(
            'encounter_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({ ...r, diagnoses: diagnoses.filter((d) => d.encounter_id === r.id) })),
  };
}

// --- External identifiers ------------------------------------------------------------------

/** The identifiers each of these records was imported under. */
export async function externalIdsOf(db: Db, orgId: string, type: ExternalType, localIds: readonly string[]) {
  const map = new Map<string, ExternalId[]>();
  if (localIds.length === 0) return map;
  const rows = await db
    .selectFrom('fhir_external_ids')
    .select(['local_id', 'system', 'value'])
    .where('organization_id', '=', orgId)
    .where('resource_type', '=', type)
    .where('local_id', 'in', localIds)
    .orderBy('system')
    .orderBy('value')
    .execute();
  for (const r of rows) map.set(r.local_id, [...(map.get(r.local_id) ?? []), { system: r.system, value: r.value }]);
  return map;
}

export async function findExternal(db: Db, orgId: string, type: ExternalType, system: string, value: string) {
  const row = await db
    .selectFrom('fhir_external_ids')
    .select('local_id')
    .where('organization_id', '=', orgId)
    .where('resource_type', '=', type)
    .where('system', '=', system)
    .where('value', '=', value)
    .executeTakeFirst();
  return row?.local_id;
}

export async function insertExternal(
  db: Db,
  rows: { organization_id: string; resource_type: ExternalType; system: string; value: string; local_id: string }[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('fhir_external_ids')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Coverage's patient, to update it through the patients module (which addresses by patient). */
export async function coveragePatient(db: Db, orgId: string, coverageId: string) {
  const row = await db
    .selectFrom('patient_coverages')
    .select('patient_id')
    .where('organization_id', '=', orgId)
    .where('id', '=', coverageId)
    .executeTakeFirst();
  return row?.patient_id;
}

/** Whether the patient has an active primary coverage (the import's claims payers defer to it). */
export async function hasActivePrimary(db: Db, orgId: string, patientId: string): Promise<boolean> {
  const row = await db
    .selectFrom('patient_coverages')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('patient_id', '=', patientId)
    .where('coverage_order', '=', 1)
    .where('active', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

/** A staff member with this NPI, for resolving an imported practitioner to someone on staff. */
export async function staffByNpi(db: Db, orgId: string, npi: string) {
  const row = await db
    .selectFrom('staff_members')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('npi', '=', npi)
    .executeTakeFirst();
  return row?.id;
}

/** Which of these identifiers are already mapped, as `system|value` → local id. */
export async function findExternals(db: Db, orgId: string, type: ExternalType, keys: readonly ExternalId[]) {
  const found = new Map<string, string>();
  if (keys.length === 0) return found;
  const rows = await db
    .selectFrom('fhir_external_ids')
    .select(['system', 'value', 'local_id'])
    .where('organization_id', '=', orgId)
    .where('resource_type', '=', type)
    .where(
      'value',
      'in',
      keys.map((k) => k.value),
    )
    .execute();
  for (const r of rows) found.set(`${r.system}|${r.value}`, r.local_id);
  return found;
}

// The import writes visits straight into the encounters table: the encounters module (built in
// parallel) has no bulk use case yet, and an imported visit has no user-entered fields to check.
export async function insertEncounters(db: Db, rows: Insertable<Database['encounters']>[]) {
  if (rows.length > 0) await db.insertInto('encounters').values(rows).execute();
}

export async function insertDiagnoses(
  db: Db,
  rows: { organization_id: string; encounter_id: string; position: number; code: string; description: string | null }[],
) {
  if (rows.length > 0) await db.insertInto('encounter_diagnoses').values(rows).execute();
}

/** Imported Patient identifiers of a merged duplicate now name the survivor; returns their systems. */
export async function reassignPatientExternalIds(db: Db, organizationId: string, fromPatientId: string, toPatientId: string) {
  const rows = await db
    .updateTable('fhir_external_ids')
    .set({ local_id: toPatientId })
    .where('organization_id', '=', organizationId)
    .where('resource_type', '=', 'Patient')
    .where('local_id', '=', fromPatientId)
    .returning(['system'])
    .execute();
  return rows.map((r) => r.system);
}
