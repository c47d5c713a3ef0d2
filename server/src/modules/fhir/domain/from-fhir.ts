import { CreateCoverageRequest, CreatePatientRequest, type payerKinds } from '@clinicops/contracts';
import type { Coverage, HumanName, Patient } from '@medplum/fhirtypes';
import type { z } from 'zod';
import { fieldOf, type Issue, issue } from './outcome.js';
import { shapeIssues } from './shape.js';
import { COVERAGE_CLASS, FACILITY_EXTENSION, PAYER_KIND_SYSTEM, SSN_SYSTEM } from './systems.js';

// FHIR Patient and Coverage into our create/update requests. The result is checked with the same
// zod schemas as the REST API, and each of our fields knows the FHIR element it came from, so a
// refusal names `Patient.birthDate`, not `dateOfBirth`. What our records cannot hold is not an
// error: a non-US state or postal code is left out (ClinicOps keeps US addresses), as are
// elements we have no column for. Nor is an unknown: a Patient without a family name, a given
// name or a birth date, a Coverage without period.start, is stored with that fact unknown (null),
// not refused and not invented; the REST API, which the front desk uses, still requires them.

export type Mapped<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** Structural checks the mapping relies on: the resource type and the id in the URL. */
function checkEnvelope(resource: unknown, type: 'Patient' | 'Coverage', id: string | undefined): Issue[] {
  if (!isObj(resource)) return [issue('structure', `The body must be a ${type} resource (a JSON object)`, type)];
  if (resource.resourceType !== type) {
    return [issue('invalid', `resourceType must be ${type}`, `${type}.resourceType`)];
  }
  if (id !== undefined && resource.id !== id) {
    return [issue('invalid', 'The resource id must match the id in the URL', `${type}.id`)];
  }
  return shapeIssues(type, resource);
}

function pickName(names: HumanName[]): { name: HumanName; index: number } | undefined {
  const rank = (n: HumanName) =>
    n.use === 'official' ? 0 : n.use === 'usual' || n.use === undefined ? 1 : n.use === 'old' ? 3 : 2;
  const ordered = names.map((name, index) => ({ name, index })).sort((a, b) => rank(a.name) - rank(b.name));
  return ordered[0];
}

const US_STATE = /^[A-Za-z]{2}$/;
const ZIP = /^\d{5}(-\d{4})?$/;

/** The REST create request's rules, with the names and the birth date allowed to be unknown. */
const FhirPatientFields = CreatePatientRequest.omit({ facilityId: true, confirmNotDuplicate: true }).extend({
  givenName: CreatePatientRequest.shape.givenName.nullable(),
  familyName: CreatePatientRequest.shape.familyName.nullable(),
  dateOfBirth: CreatePatientRequest.shape.dateOfBirth.nullable(),
});

export type PatientInput = z.infer<typeof FhirPatientFields> & {
  status: 'active' | 'inactive' | 'deceased';
};

/** The facility a Patient names in our extension (Location/<id>), if any. */
export function facilityOf(resource: unknown): string | undefined {
  const exts =
    isObj(resource) && Array.isArray(resource.extension)
      ? (resource.extension as { url?: string; valueReference?: { reference?: string } }[])
      : [];
  const ref = exts.find((e) => e.url === FACILITY_EXTENSION)?.valueReference?.reference;
  const m = /^Location\/([0-9a-fA-F-]{36})$/.exec(ref ?? '');
  return m?.[1]?.toLowerCase();
}

/** Where each of our patient fields comes from, to name the element when a rule refuses it. */
export const patientElements: Record<string, string> = {
  givenName: 'Patient.name.given',
  familyName: 'Patient.name.family',
  preferredName: 'Patient.name',
  dateOfBirth: 'Patient.birthDate',
  sexAtBirth: 'Patient.gender',
  phone: 'Patient.telecom',
  email: 'Patient.telecom',
  ssn: 'Patient.identifier',
  status: 'Patient.active',
  facilityId: 'Patient.extension',
};

export const coverageElements: Record<string, string> = {
  payerName: 'Coverage.payor',
  payerKind: 'Coverage.type',
  relationship: 'Coverage.relationship',
  order: 'Coverage.order',
  effectiveFrom: 'Coverage.period.start',
  effectiveTo: 'Coverage.period.end',
  active: 'Coverage.status',
  memberId: 'Coverage.subscriberId',
};

/**
 * A FHIR Patient as our request. `id` is the id in the URL for an update. Returns the field
 * values and, for each field, the FHIR element it was read from.
 */
export function patientFromFhir(resource: unknown, id?: string): Mapped<PatientInput> {
  const envelope = checkEnvelope(resource, 'Patient', id);
  if (envelope.length > 0) return { ok: false, issues: envelope };
  const p = resource as Patient & Obj;
  const from: Record<string, string> = {};
  const input: Record<string, unknown> = {};
  const set = (field: string, value: unknown, element: string) => {
    from[field] = element;
    if (value !== undefined) input[field] = value;
  };

  const names = Array.isArray(p.name) ? p.name : [];
  const picked = pickName(names);
  const namePath = picked ? `Patient.name[${picked.index}]` : 'Patient.name';
  set('familyName', str(picked?.name.family) ?? null, `${namePath}.family`);
  set('givenName', str(picked?.name.given?.[0]) ?? null, `${namePath}.given`);
  const usual = names.findIndex((n, i) => n.use === 'usual' && i !== picked?.index && str(n.given?.[0]));
  if (usual >= 0) set('preferredName', str(names[usual]?.given?.[0]), `Patient.name[${usual}].given`);
  else set('preferredName', null, 'Patient.name');

  set('dateOfBirth', p.birthDate ?? null, 'Patient.birthDate');
  const gender = p.gender;
  set('sexAtBirth', gender === 'male' || gender === 'female' ? gender : 'unknown', 'Patient.gender');

  const telecom = Array.isArray(p.telecom) ? p.telecom : [];
  const phone = telecom.findIndex((t) => t.system === 'phone' && str(t.value));
  set(
    'phone',
    phone >= 0 ? str(telecom[phone]?.value) : null,
    phone >= 0 ? `Patient.telecom[${phone}].value` : 'Patient.telecom',
  );
  const email = telecom.findIndex((t) => t.system === 'email' && str(t.value));
  set(
    'email',
    email >= 0 ? str(telecom[email]?.value)?.toLowerCase() : null,
    email >= 0 ? `Patient.telecom[${email}].value` : 'Patient.telecom',
  );

  const addresses = Array.isArray(p.address) ? p.address : [];
  const ai = Math.max(
    0,
    addresses.findIndex((a) => a.use === 'home'),
  );
  const a = addresses[ai];
  const ap = `Patient.address[${ai}]`;
  set('addressLine1', str(a?.line?.[0]) ?? null, `${ap}.line[0]`);
  set('addressLine2', str(a?.line?.[1]) ?? null, `${ap}.line[1]`);
  set('city', str(a?.city) ?? null, `${ap}.city`);
  const state = str(a?.state);
  set('state', state && US_STATE.test(state) ? state.toUpperCase() : null, `${ap}.state`);
  const zip = str(a?.postalCode);
  set('postalCode', zip && ZIP.test(zip) ? zip : null, `${ap}.postalCode`);

  const comm = Array.isArray(p.communication) ? p.communication : [];
  const lang = comm.find((c) => c.preferred) ?? comm[0];
  set(
    'preferredLanguage',
    str(lang?.language?.text) ?? str(lang?.language?.coding?.[0]?.display) ?? str(lang?.language?.coding?.[0]?.code) ?? null,
    'Patient.communication',
  );

  const contacts = Array.isArray(p.contact) ? p.contact : [];
  const contact = contacts.find((c) => str(c.name?.text) || str(c.name?.family));
  const ci = contact ? contacts.indexOf(contact) : 0;
  set(
    'emergencyContact',
    contact
      ? {
          name: str(contact.name?.text) ?? [contact.name?.given?.join(' '), contact.name?.family].filter(Boolean).join(' '),
          relationship: str(contact.relationship?.[0]?.text) ?? str(contact.relationship?.[0]?.coding?.[0]?.display) ?? null,
          phone: str(contact.telecom?.find((t) => t.system === 'phone')?.value) ?? null,
        }
      : null,
    `Patient.contact[${ci}]`,
  );

  const ids = Array.isArray(p.identifier) ? p.identifier : [];
  const ssn = ids.findIndex((i) => i.system === SSN_SYSTEM && str(i.value));
  // Absent on an update means "unchanged": the SSN is never sent out, so a client that read the
  // record and writes it back could not have included it.
  if (ssn >= 0) set('ssn', str(ids[ssn]?.value), `Patient.identifier[${ssn}].value`);

  if (p.deceasedBoolean === true || p.deceasedDateTime !== undefined) set('status', 'deceased', 'Patient.deceased');
  else set('status', p.active === false ? 'inactive' : 'active', 'Patient.active');

  const { status, ...fields } = input;
  const parsed = FhirPatientFields.safeParse(fields);
  if (parsed.success) return { ok: true, value: { ...parsed.data, status: status as PatientInput['status'] } };
  const issues = parsed.error.issues.map((zi) => {
    const field = fieldOf(zi.path);
    const top = field.split(/[.[]/)[0] ?? field;
    const element = from[top] ?? `Patient.${field}`;
    const missing = zi.code === 'invalid_type' && input[top] === undefined;
    return issue(missing ? 'required' : 'value', `${element}: ${missing ? 'is required by ClinicOps' : zi.message}`, element);
  });
  return { ok: false, issues };
}

/** The REST create request's rules, with the start date allowed to be unknown. */
const FhirCoverageFields = CreateCoverageRequest.extend({
  effectiveFrom: CreateCoverageRequest.shape.effectiveFrom.nullable(),
});

export type CoverageInput = z.infer<typeof FhirCoverageFields> & { patientId: string; active: boolean };

const relationships = ['self', 'spouse', 'child', 'other'] as const;
type PayerKind = (typeof payerKinds)[number];

function payerKindOf(c: Coverage): PayerKind {
  const codings = c.type?.coding ?? [];
  const ours = codings.find((x) => x.system === PAYER_KIND_SYSTEM)?.code;
  if (ours === 'commercial' || ours === 'medicare' || ours === 'medicaid' || ours === 'self_pay' || ours === 'other') return ours;
  const words = [c.type?.text, ...codings.map((x) => `${x.code ?? ''} ${x.display ?? ''}`)].join(' ').toLowerCase();
  if (/\bmedicare\b/.test(words)) return 'medicare';
  if (/\bmedicaid\b/.test(words)) return 'medicaid';
  if (codings.some((x) => x.code === 'pay') || /self[- ]?pay/.test(words)) return 'self_pay';
  return 'other';
}

/** The payer's name: its display, else its identifier, else the reference as written. */
function payerNameOf(c: Coverage): string | undefined {
  const p = c.payor?.[0];
  if (!p) return undefined;
  return str(p.display) ?? str(p.identifier?.value) ?? str(p.reference) ?? str(c.type?.text);
}

/** `Patient/<id>` as a patient id; anything else is not a patient of ours. */
export function patientIdOf(reference: string | undefined): string | undefined {
  const m = /^(?:.*\/)?Patient\/([0-9a-fA-F-]{36})$/.exec(reference ?? '');
  return m?.[1]?.toLowerCase();
}

export function coverageFromFhir(resource: unknown, id?: string): Mapped<CoverageInput> {
  const envelope = checkEnvelope(resource, 'Coverage', id);
  if (envelope.length > 0) return { ok: false, issues: envelope };
  const c = resource as Coverage;
  const issues: Issue[] = [];
  const patientId = patientIdOf(c.beneficiary?.reference);
  if (!c.beneficiary) issues.push(issue('required', 'Coverage.beneficiary is required', 'Coverage.beneficiary'));
  else if (!patientId)
    issues.push(
      issue('value', 'Coverage.beneficiary must reference a Patient of this server (Patient/<id>)', 'Coverage.beneficiary'),
    );

  const relCode = c.relationship?.coding?.find((x) => x.code)?.code;
  const relationship = (relationships as readonly string[]).includes(relCode ?? '')
    ? (relCode as (typeof relationships)[number])
    : relCode
      ? 'other'
      : 'self';
  const classOf = (code: string) =>
    c.class?.find((k) => k.type?.coding?.some((x) => x.system === COVERAGE_CLASS && x.code === code));
  const plan = classOf('plan');
  const input = {
    payerName: payerNameOf(c),
    payerKind: payerKindOf(c),
    planName: str(plan?.name) ?? str(plan?.value) ?? null,
    memberId: str(c.subscriberId) ?? null,
    groupId: str(classOf('group')?.value) ?? null,
    subscriberName: str(c.subscriber?.display) ?? null,
    relationship,
    order: c.order ?? 1,
    effectiveFrom: c.period?.start?.slice(0, 10) ?? null,
    effectiveTo: c.period?.end?.slice(0, 10) ?? null,
  };
  const from: Record<string, string> = {
    payerName: 'Coverage.payor',
    payerKind: 'Coverage.type',
    planName: 'Coverage.class',
    memberId: 'Coverage.subscriberId',
    groupId: 'Coverage.class',
    subscriberName: 'Coverage.subscriber',
    relationship: 'Coverage.relationship',
    order: 'Coverage.order',
    effectiveFrom: 'Coverage.period.start',
    effectiveTo: 'Coverage.period.end',
  };
  const parsed = FhirCoverageFields.safeParse(input);
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const field = fieldOf(zi.path);
      const element = from[field] ?? `Coverage.${field}`;
      const missing = (input as Record<string, unknown>)[field] === undefined;
      issues.push(
        issue(missing ? 'required' : 'value', `${element}: ${missing ? 'is required by ClinicOps' : zi.message}`, element),
      );
    }
  }
  if (issues.length > 0 || !parsed.success || !patientId) return { ok: false, issues };
  return { ok: true, value: { ...parsed.data, patientId, active: c.status !== 'cancelled' && c.status !== 'entered-in-error' } };
}
