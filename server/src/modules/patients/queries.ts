import { type Expression, type Insertable, type Selectable, type SqlBool, sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { NameQuery } from './domain/search-term.js';
import type { PatientTables } from './tables.js';

type Q = Ctx['db'];
type PatientRow = PatientTables['patients'];

const NO_FACILITY = '00000000-0000-0000-0000-000000000000';
const facilityList = (ids: readonly string[]) => (ids.length > 0 ? [...ids] : [NO_FACILITY]);

/** `LIKE` pattern for "starts with", the user's text taken literally. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// The same expressions as the indexes in 0004_patients.sql: folded with the function that built
// the index (so query and index never disagree), in the "C" collation (so one btree serves the
// prefix match and the order). The term's fold is immutable, so PostgreSQL plans it as a constant.
const folded = (column: 'family_name' | 'given_name') => sql`clinicops_fold(${sql.ref(column)}) COLLATE "C"`;
const startsWith = (column: 'family_name' | 'given_name', prefix: string) =>
  sql<SqlBool>`${folded(column)} LIKE clinicops_fold(${escapeLike(prefix)}) || '%'`;

export const summaryColumns = [
  'id',
  'mrn',
  'facility_id',
  'given_name',
  'family_name',
  'preferred_name',
  'date_of_birth',
  'sex_at_birth',
  'phone',
  'status',
] as const;

export type SearchFilter =
  | { kind: 'dob'; date: string }
  | { kind: 'digits'; digits: string; mrn: boolean }
  | { kind: 'name'; alternatives: NameQuery[] };

export function searchPatients(db: Q, organizationId: string, facilityIds: readonly string[], f: SearchFilter, limit: number) {
  const base = db
    .selectFrom('patients')
    .select(summaryColumns)
    .where('organization_id', '=', organizationId)
    .where('facility_id', 'in', facilityList(facilityIds));
  if (f.kind === 'name') return searchByName(base, f.alternatives, limit);
  return (
    base
      .where((eb) => {
        if (f.kind === 'dob') return eb('date_of_birth', '=', f.date);
        const ors: Expression<SqlBool>[] = [];
        if (f.mrn) ors.push(eb('mrn', '=', f.digits));
        // Three digits is an area code: the least that narrows a phone search usefully.
        if (f.digits.length >= 3) {
          ors.push(eb.and([eb('phone', 'is not', null), sql<SqlBool>`clinicops_phone_digits(phone) LIKE ${`${f.digits}%`}`]));
        }
        return ors.length > 0 ? eb.or(ors) : sql<SqlBool>`false`;
      })
      // Plain columns on purpose: ordering by the indexed name expression would tempt the planner
      // to walk the name index filtering every row, instead of reading the few DOB/phone matches.
      .orderBy('family_name')
      .orderBy('given_name')
      .orderBy('date_of_birth')
      .limit(limit)
      .execute()
  );
}

type Base = ReturnType<typeof baseOf>;
const baseOf = (db: Q) => db.selectFrom('patients').select(summaryColumns);

/**
 * One query per reading of the term, each walking its index in order and stopping at `limit`
 * (an OR of them would read and sort every match: thousands of rows for "ga"). Results keep the
 * readings' order: "gar" lists family names starting with Gar before given names.
 */
async function searchByName(base: Base, alternatives: readonly NameQuery[], limit: number) {
  const seen = new Set<string>();
  const out: Awaited<ReturnType<Base['execute']>> = [];
  for (const a of alternatives) {
    if (out.length >= limit) break;
    const lead = a.family ? 'family_name' : 'given_name';
    const rows = await base
      .where((eb) =>
        eb.and([
          ...(a.family ? [startsWith('family_name', a.family)] : []),
          ...(a.given ? [startsWith('given_name', a.given)] : []),
        ]),
      )
      .orderBy(folded(lead))
      .orderBy(folded(lead === 'family_name' ? 'given_name' : 'family_name'))
      .orderBy('date_of_birth')
      .limit(limit)
      .execute();
    for (const r of rows) {
      if (out.length < limit && !seen.has(r.id)) {
        seen.add(r.id);
        out.push(r);
      }
    }
  }
  return out;
}

export const findPatient = (db: Q, organizationId: string, facilityIds: readonly string[], id: string) =>
  db
    .selectFrom('patients')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('facility_id', 'in', facilityList(facilityIds))
    .where('id', '=', id)
    .executeTakeFirst();

export const lockPatient = (db: Q, organizationId: string, facilityIds: readonly string[], id: string) =>
  db
    .selectFrom('patients')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('facility_id', 'in', facilityList(facilityIds))
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

/** Patients that share a signal with the one being registered: the candidates to score. */
export function duplicateCandidates(
  db: Q,
  organizationId: string,
  facilityIds: readonly string[],
  p: {
    familyName: string | null;
    givenName: string | null;
    dateOfBirth: string | null;
    phoneDigits: string | null;
    ssnLast4: string | null;
  },
) {
  // Unknown facts (null: records received over FHIR) select nothing.
  return db
    .selectFrom('patients')
    .select(['id', 'mrn', 'given_name', 'family_name', 'date_of_birth', 'ssn_last4'])
    .select(sql<string | null>`clinicops_phone_digits(phone)`.as('phone_digits'))
    .where('organization_id', '=', organizationId)
    .where('facility_id', 'in', facilityList(facilityIds))
    .where((eb) =>
      eb.or([
        ...(p.dateOfBirth ? [eb('date_of_birth', '=', p.dateOfBirth)] : []),
        // Equality on the folded family name uses the prefix index; the given name covers swaps.
        ...(p.familyName ? [sql<SqlBool>`${folded('family_name')} = clinicops_fold(${p.familyName})`] : []),
        ...(p.givenName ? [sql<SqlBool>`${folded('family_name')} = clinicops_fold(${p.givenName})`] : []),
        ...(p.phoneDigits && p.phoneDigits.length >= 7
          ? [eb.and([eb('phone', 'is not', null), sql<SqlBool>`clinicops_phone_digits(phone) = ${p.phoneDigits}`])]
          : []),
        ...(p.ssnLast4 ? [eb('ssn_last4', '=', p.ssnLast4)] : []),
      ]),
    )
    .limit(200)
    .execute();
}

/**
 * Reserves `count` MRN sequence numbers of the organization and returns the first; the counter
 * row's lock (held to the end of the transaction) orders concurrent registrations.
 */
export async function reserveMrnSequences(db: Q, organizationId: string, count = 1): Promise<number> {
  const row = await db
    .insertInto('patient_mrn_counters')
    .values({ organization_id: organizationId, last_value: count })
    .onConflict((oc) => oc.column('organization_id').doUpdateSet({ last_value: sql`patient_mrn_counters.last_value + ${count}` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value) - count + 1;
}

export type NewPatient = Insertable<PatientRow>;

export const insertPatients = (db: Q, rows: NewPatient[]) => db.insertInto('patients').values(rows).execute();

export type PatientChanges = Partial<Omit<NewPatient, 'id' | 'organization_id' | 'mrn' | 'created_at' | 'updated_at'>>;

export const updatePatient = (db: Q, organizationId: string, id: string, set: PatientChanges) =>
  db
    .updateTable('patients')
    .set({ ...set, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();

export const listCoverages = (db: Q, organizationId: string, patientId: string) =>
  db
    .selectFrom('patient_coverages')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .orderBy('active', 'desc')
    .orderBy('coverage_order')
    .orderBy('effective_from', 'desc')
    .execute();

type CoverageTable = PatientTables['patient_coverages'];
export type CoverageRow = Selectable<CoverageTable>;
export type NewCoverage = Insertable<CoverageTable>;

export const insertCoverages = (db: Q, rows: NewCoverage[]) => db.insertInto('patient_coverages').values(rows).execute();

export const updateCoverage = (
  db: Q,
  organizationId: string,
  id: string,
  set: Partial<Omit<NewCoverage, 'id' | 'organization_id' | 'patient_id' | 'created_at' | 'updated_at'>>,
) =>
  db
    .updateTable('patient_coverages')
    .set({ ...set, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();

export const listConsents = (db: Q, organizationId: string, patientId: string) =>
  db
    .selectFrom('patient_consents')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .orderBy('signed_on', 'desc')
    .execute();

export const insertConsents = (db: Q, rows: Insertable<PatientTables['patient_consents']>[]) =>
  db.insertInto('patient_consents').values(rows).execute();

/** Patients registered since a moment, and active patients, per facility: the dashboard card. */
export const registrationCounts = (db: Q, organizationId: string, facilityIds: readonly string[], since: Date) =>
  db
    .selectFrom('patients')
    .select((eb) => [
      eb.fn.count<number>('id').filterWhere('created_at', '>=', since).as('recent'),
      eb.fn.count<number>('id').filterWhere('status', '=', 'active').as('active'),
    ])
    .where('organization_id', '=', organizationId)
    .where('facility_id', 'in', facilityList(facilityIds))
    .executeTakeFirstOrThrow();

/** Active patients of one facility (other modules' demo data). */
export const activePatientsOf = (db: Q, organizationId: string, facilityId: string) =>
  db
    .selectFrom('patients')
    .select(['id', 'date_of_birth', 'sex_at_birth'])
    .where('organization_id', '=', organizationId)
    .where('facility_id', '=', facilityId)
    .where('status', '=', 'active')
    .orderBy('mrn')
    .execute();

/** Both rows locked in id order, so two merges of the same pair (either way round) cannot deadlock. */
export const lockPatientsInOrder = (db: Q, organizationId: string, facilityIds: readonly string[], ids: readonly string[]) =>
  db
    .selectFrom('patients')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('facility_id', 'in', facilityList(facilityIds))
    .where('id', 'in', [...ids])
    .orderBy('id')
    .forUpdate()
    .execute();

export const moveCoverage = (
  db: Q,
  organizationId: string,
  id: string,
  to: { patientId: string; order: number; active: boolean },
) =>
  db
    .updateTable('patient_coverages')
    .set({ patient_id: to.patientId, coverage_order: to.order, active: to.active, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();

export async function moveConsents(db: Q, organizationId: string, fromId: string, toId: string) {
  const rows = await db
    .updateTable('patient_consents')
    .set({ patient_id: toId })
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', fromId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export const insertMerge = (db: Q, row: Insertable<PatientTables['patient_merges']>) =>
  db.insertInto('patient_merges').values(row).execute();
