import type { Bundle, BundleEntry, Encounter, Identifier, Resource } from '@medplum/fhirtypes';
import { type CoverageInput, coverageFromFhir, type PatientInput, patientFromFhir } from './from-fhir.js';
import { payerKey } from './payers.js';
import { ICD10_CM, NPI_SYSTEM, SSN_SYSTEM, V2_0203 } from './systems.js';
import type { ExternalId } from './to-fhir.js';

// A FHIR bundle (Synthea's transaction bundles, its practitioner and hospital batch bundles) read
// into what the import writes, without touching the database: references inside the bundle
// (urn:uuid fullUrls) are resolved here; conditional references to practitioners, organizations
// and locations (`Practitioner?identifier=system|value`) are returned for the service to resolve
// against what earlier bundles brought. The first problem names the entry (index and fullUrl)
// and the element, and the whole bundle is refused.

export type Problem = { index: number; fullUrl: string | null; element: string; message: string };
export type Conditional = { type: string; system: string; value: string; element: string };

export type PlannedPatient = { index: number; fullUrl: string | null; keys: ExternalId[]; input: PatientInput };
export type PlannedCoverage = {
  index: number;
  fullUrl: string | null;
  keys: ExternalId[];
  patient: number;
  input: Omit<CoverageInput, 'patientId'>;
};
export type PlannedEncounter = {
  index: number;
  fullUrl: string | null;
  keys: ExternalId[];
  patient: number;
  practitioner: Conditional | null;
  places: Conditional[];
  status: 'planned' | 'in_progress' | 'finished' | 'cancelled';
  class: 'ambulatory' | 'inpatient' | 'emergency' | 'home' | 'virtual';
  startsAt: string;
  endsAt: string | null;
  reason: string | null;
  diagnoses: { code: string; description: string | null }[];
};
/**
 * A payer a patient's claims name (Claim / ExplanationOfBenefit `insurance[].coverage.display`),
 * once per patient and payer, with the last date it was billed.
 */
export type PlannedPayer = {
  /** The first claim naming the payer, to name an entry if the coverage is refused. */
  index: number;
  fullUrl: string | null;
  patient: number;
  name: string;
  lastBilled: string | null;
  claims: number;
};
export type PlannedPractitioner = { index: number; keys: ExternalId[]; npi: string | null; firstName: string; lastName: string };

export type Plan = {
  patients: PlannedPatient[];
  coverages: PlannedCoverage[];
  encounters: PlannedEncounter[];
  payers: PlannedPayer[];
  practitioners: PlannedPractitioner[];
  /** Identifiers of organizations and locations (Synthea's hospitals), which map to a facility. */
  places: { type: 'Organization' | 'Location'; keys: ExternalId[] }[];
  skipped: Record<string, number>;
};

export type Planned = { ok: true; plan: Plan } | { ok: false; problem: Problem };

class Refusal extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/** A reference as written: inside the bundle, conditional, relative, or contained. */
export function parseReference(ref: string): {
  kind: 'urn' | 'relative' | 'conditional' | 'contained' | 'other';
  type?: string;
  id?: string;
  system?: string;
  value?: string;
} {
  if (ref.startsWith('urn:uuid:') || ref.startsWith('urn:oid:')) return { kind: 'urn', id: ref };
  if (ref.startsWith('#')) return { kind: 'contained', id: ref.slice(1) };
  const cond = /^([A-Za-z]+)\?(.*)$/.exec(ref);
  if (cond) {
    const identifier = new URLSearchParams(cond[2]).get('identifier') ?? '';
    const bar = identifier.indexOf('|');
    return bar > 0
      ? { kind: 'conditional', type: cond[1] as string, system: identifier.slice(0, bar), value: identifier.slice(bar + 1) }
      : { kind: 'other' };
  }
  const rel = /^(?:.*\/)?([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(ref);
  if (rel) return { kind: 'relative', type: rel[1] as string, id: rel[2] as string };
  return { kind: 'other' };
}

/** Record identifiers worth remembering: never an SSN, driver's licence or passport number. */
export function recordKeys(ids: readonly Identifier[] | undefined, fullUrl: string | null): ExternalId[] {
  const keys = (ids ?? [])
    .filter((i) => i.system && i.value && i.system !== SSN_SYSTEM)
    .filter((i) => {
      const codes = (i.type?.coding ?? []).filter((c) => c.system === V2_0203).map((c) => c.code);
      return codes.length === 0 || codes.every((c) => c === 'MR' || c === 'NPI' || c === 'PRN');
    })
    .map((i) => ({ system: (i.system as string).slice(0, 500), value: (i.value as string).slice(0, 500) }));
  // Without identifiers, a urn:uuid fullUrl is globally unique and names the same record each time.
  if (keys.length === 0 && fullUrl?.startsWith('urn:uuid:')) keys.push({ system: 'urn:ietf:rfc:3986', value: fullUrl });
  return keys;
}

const encounterStatus: Record<string, PlannedEncounter['status'] | undefined> = {
  planned: 'planned',
  arrived: 'in_progress',
  triaged: 'in_progress',
  'in-progress': 'in_progress',
  onleave: 'in_progress',
  finished: 'finished',
  cancelled: 'cancelled',
};
const encounterClass: Record<string, PlannedEncounter['class'] | undefined> = {
  AMB: 'ambulatory',
  FLD: 'ambulatory',
  IMP: 'inpatient',
  ACUTE: 'inpatient',
  NONAC: 'inpatient',
  OBSENC: 'inpatient',
  SS: 'inpatient',
  PRENC: 'ambulatory',
  EMER: 'emergency',
  HH: 'home',
  VR: 'virtual',
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const ICD10 = /^[A-TV-Z][0-9][0-9AB][0-9A-Z]{0,4}$/;

function fail(index: number, entry: BundleEntry | undefined, element: string, message: string): never {
  throw new Refusal({ index, fullUrl: entry?.fullUrl ?? null, element, message });
}

type Insurance = { focal?: boolean; coverage?: { reference?: string; display?: string } };

/** The payer a Claim or ExplanationOfBenefit was billed to: its focal insurance's name. */
function payerOf(r: Record<string, unknown>): string | null {
  const list = Array.isArray(r.insurance) ? (r.insurance as Insurance[]) : [];
  const ins = list.find((x) => x?.focal) ?? list[0];
  let name = ins?.coverage?.display;
  // An EOB may point at a contained Coverage (#coverage) that names the payor.
  if (!name && ins?.coverage?.reference?.startsWith('#')) {
    const id = ins.coverage.reference.slice(1);
    const contained = (Array.isArray(r.contained) ? r.contained : []) as { id?: string; payor?: { display?: string }[] }[];
    name = contained.find((c) => c.id === id)?.payor?.[0]?.display;
  }
  return typeof name === 'string' && name.trim() !== '' ? name.trim().slice(0, 200) : null;
}

const billedOn = (r: Record<string, unknown>): string | null => {
  const d = (r.billablePeriod as { start?: string } | undefined)?.start ?? (r.created as string | undefined);
  return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}/.test(d) ? d.slice(0, 10) : null;
};

export function planBundle(raw: unknown): Planned {
  try {
    return { ok: true, plan: plan(raw) };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, problem: err.problem };
    throw err;
  }
}

function plan(raw: unknown): Plan {
  const b = raw as Bundle;
  if (typeof raw !== 'object' || raw === null || b.resourceType !== 'Bundle')
    fail(-1, undefined, 'Bundle.resourceType', 'not a FHIR Bundle');
  if (!['transaction', 'batch', 'collection'].includes(b.type ?? ''))
    fail(-1, undefined, 'Bundle.type', 'must be transaction, batch or collection');
  const entries = Array.isArray(b.entry) ? b.entry : [];
  const out: Plan = { patients: [], coverages: [], encounters: [], payers: [], practitioners: [], places: [], skipped: {} };
  const payers = new Map<string, PlannedPayer>();

  // Every entry's address, so references between entries resolve to an entry index.
  const byAddress = new Map<string, number>();
  entries.forEach((e, i) => {
    const r = e?.resource as Resource | undefined;
    if (!r || typeof r !== 'object' || typeof r.resourceType !== 'string')
      fail(i, e, `Bundle.entry[${i}].resource`, 'entry without a resource');
    if (e.fullUrl) byAddress.set(e.fullUrl, i);
    if (r.id) byAddress.set(`${r.resourceType}/${r.id}`, i);
  });
  const patientEntry = (i: number, ref: string | undefined, element: string): number => {
    const e = entries[i];
    if (!ref) fail(i, e, element, 'is required');
    const p = parseReference(ref);
    const target = p.kind === 'urn' ? byAddress.get(ref) : p.kind === 'relative' ? byAddress.get(`${p.type}/${p.id}`) : undefined;
    if (target === undefined || entries[target]?.resource?.resourceType !== 'Patient')
      fail(i, e, element, 'does not reference a Patient in this bundle');
    return target;
  };
  const conditional = (i: number, ref: string | undefined, element: string, type: string): Conditional | null => {
    if (!ref) return null;
    const p = parseReference(ref);
    if (p.kind === 'conditional' && p.type === type && p.system && p.value)
      return { type, system: p.system, value: p.value, element };
    if (p.kind === 'urn' && byAddress.has(ref)) {
      const target = entries[byAddress.get(ref) as number]?.resource as Resource & { identifier?: Identifier[] };
      const id = target?.identifier?.find((x) => x.system && x.value);
      if (target?.resourceType === type && id) return { type, system: id.system as string, value: id.value as string, element };
    }
    return fail(
      i,
      entries[i],
      element,
      `must be a conditional reference ${type}?identifier=system|value or an entry of this bundle with an identifier`,
    );
  };

  const encounterDiagnoses = new Map<number, { code: string; description: string | null }[]>();
  const encounterIndexes: number[] = [];
  entries.forEach((e, i) => {
    const r = e.resource as Resource & Record<string, unknown>;
    const path = `Bundle.entry[${i}].resource`;
    switch (r.resourceType) {
      case 'Patient': {
        const mapped = patientFromFhir({ ...r, id: undefined });
        if (!mapped.ok) {
          const first = mapped.issues[0];
          fail(i, e, first?.expression ?? 'Patient', first?.message ?? 'invalid Patient');
        }
        out.patients.push({
          index: i,
          fullUrl: e.fullUrl ?? null,
          keys: recordKeys(r.identifier as Identifier[], e.fullUrl ?? null),
          input: mapped.value,
        });
        return;
      }
      case 'Coverage': {
        const patient = patientEntry(i, (r.beneficiary as { reference?: string } | undefined)?.reference, 'Coverage.beneficiary');
        // The beneficiary is checked above; a placeholder id lets the shared mapping run.
        const mapped = coverageFromFhir({
          ...r,
          id: undefined,
          beneficiary: { reference: 'Patient/00000000-0000-0000-0000-000000000000' },
        });
        if (!mapped.ok) {
          const first = mapped.issues[0];
          fail(i, e, first?.expression ?? 'Coverage', first?.message ?? 'invalid Coverage');
        }
        const { patientId: _placeholder, ...input } = mapped.value;
        out.coverages.push({
          index: i,
          fullUrl: e.fullUrl ?? null,
          keys: recordKeys(r.identifier as Identifier[], e.fullUrl ?? null),
          patient,
          input,
        });
        return;
      }
      case 'Encounter':
        encounterIndexes.push(i);
        return;
      case 'Claim':
      case 'ExplanationOfBenefit': {
        // Only who paid is read (the claims themselves are not imported): see PlannedPayer.
        const payer = payerOf(r);
        const ref = (r.patient as { reference?: string } | undefined)?.reference;
        const target = ref ? byAddress.get(ref) : undefined;
        if (payer && target !== undefined && entries[target]?.resource?.resourceType === 'Patient') {
          const key = `${target}|${payerKey(payer)}`;
          const billed = billedOn(r);
          const seen = payers.get(key);
          if (!seen)
            payers.set(key, {
              index: i,
              fullUrl: e.fullUrl ?? null,
              patient: target,
              name: payer,
              lastBilled: billed,
              claims: 1,
            });
          else {
            seen.claims++;
            if (billed && (!seen.lastBilled || billed > seen.lastBilled)) seen.lastBilled = billed;
          }
        }
        out.skipped[r.resourceType] = (out.skipped[r.resourceType] ?? 0) + 1;
        return;
      }
      case 'Condition': {
        const enc = (r.encounter as { reference?: string } | undefined)?.reference;
        const target = enc ? byAddress.get(enc) : undefined;
        const coding = (
          (r.code as { coding?: { system?: string; code?: string; display?: string }[] } | undefined)?.coding ?? []
        ).find((c) => c.system === ICD10_CM);
        const code = coding?.code?.replace('.', '').toUpperCase();
        // Our diagnoses are ICD-10-CM; a Condition coded otherwise (Synthea: SNOMED CT) is not one.
        if (target === undefined || !code || !ICD10.test(code)) {
          out.skipped.Condition = (out.skipped.Condition ?? 0) + 1;
          return;
        }
        encounterDiagnoses.set(target, [
          ...(encounterDiagnoses.get(target) ?? []),
          { code, description: coding?.display?.slice(0, 300) ?? null },
        ]);
        return;
      }
      case 'Practitioner': {
        const ids = (r.identifier as Identifier[] | undefined) ?? [];
        const names = (r.name as { family?: string; given?: string[] }[] | undefined) ?? [];
        const name = names.find((n) => n.family && n.given?.[0]);
        if (!name) fail(i, e, `${path}.name`, 'a practitioner needs a family and a given name');
        out.practitioners.push({
          index: i,
          keys: recordKeys(ids, e.fullUrl ?? null),
          npi: ids.find((x) => x.system === NPI_SYSTEM && /^\d{10}$/.test(x.value ?? ''))?.value ?? null,
          firstName: String(name.given?.[0] ?? '').slice(0, 80),
          lastName: (name.family as string).slice(0, 80),
        });
        return;
      }
      case 'Organization':
      case 'Location':
        out.places.push({ type: r.resourceType, keys: recordKeys(r.identifier as Identifier[], e.fullUrl ?? null) });
        return;
      default:
        out.skipped[r.resourceType] = (out.skipped[r.resourceType] ?? 0) + 1;
    }
  });

  out.payers = [...payers.values()];
  for (const i of encounterIndexes) {
    const e = entries[i] as BundleEntry;
    const r = e.resource as Encounter;
    const patient = patientEntry(i, r.subject?.reference, 'Encounter.subject');
    const status = encounterStatus[r.status ?? ''];
    if (!status) fail(i, e, 'Encounter.status', `status ${String(r.status).slice(0, 20)} cannot be imported`);
    const cls = encounterClass[r.class?.code ?? ''];
    if (!cls) fail(i, e, 'Encounter.class', `class ${String(r.class?.code).slice(0, 20)} is not one ClinicOps records`);
    const start = r.period?.start;
    if (!start || !INSTANT.test(start)) fail(i, e, 'Encounter.period.start', 'must be a date and time with a time zone');
    const end = r.period?.end ?? null;
    if (end !== null && (!INSTANT.test(end) || Date.parse(end) < Date.parse(start)))
      fail(i, e, 'Encounter.period.end', 'must be a date and time, not before the start');
    const performer = (r.participant ?? []).findIndex((p) => p.individual?.reference);
    const places: Conditional[] = [];
    (r.location ?? []).forEach((l, n) => {
      const c = conditional(i, l.location?.reference, `Encounter.location[${n}].location`, 'Location');
      if (c) places.push(c);
    });
    const provider = conditional(i, r.serviceProvider?.reference, 'Encounter.serviceProvider', 'Organization');
    if (provider) places.push(provider);
    const reason =
      r.reasonCode?.[0]?.text ??
      r.reasonCode?.[0]?.coding?.[0]?.display ??
      r.type?.[0]?.text ??
      r.type?.[0]?.coding?.[0]?.display ??
      null;
    out.encounters.push({
      index: i,
      fullUrl: e.fullUrl ?? null,
      keys: recordKeys(r.identifier, e.fullUrl ?? null),
      patient,
      practitioner:
        performer >= 0
          ? conditional(
              i,
              r.participant?.[performer]?.individual?.reference,
              `Encounter.participant[${performer}].individual`,
              'Practitioner',
            )
          : null,
      places,
      status,
      class: cls,
      startsAt: start,
      endsAt: end,
      reason: reason ? reason.slice(0, 500) : null,
      diagnoses: (encounterDiagnoses.get(i) ?? []).slice(0, 12),
    });
  }
  return out;
}
