import { type Issue, issue } from './outcome.js';

// Search parameters: which each resource type supports (the CapabilityStatement is built from
// this same table, so it lists exactly what works), and their parsing into plain filters.
// Unknown parameters are refused (400) rather than ignored: a client that filters on something
// we do not support would otherwise get every record back and believe it was filtered.

export type ParamType = 'string' | 'token' | 'date' | 'reference';
export type ParamDef = {
  name: string;
  type: ParamType;
  documentation: string;
  /** for references: the resource type referred to (default Patient, or Practitioner on PractitionerRole) */
  target?: 'Patient' | 'Practitioner' | 'Schedule';
  /** for tokens: the codes allowed (a status), instead of an identifier */
  codes?: readonly string[];
};

export const resourceTypes = [
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'Coverage',
  'Encounter',
  'Schedule',
  'Slot',
  'Appointment',
] as const;
export type ResourceType = (typeof resourceTypes)[number];
export const isResourceType = (t: string): t is ResourceType => (resourceTypes as readonly string[]).includes(t);

/** Resource types that accept create and update. */
export const writable: readonly ResourceType[] = ['Patient', 'Coverage'];

const id: ParamDef = { name: '_id', type: 'token', documentation: 'Logical id; several separated by commas' };
const name: ParamDef = {
  name: 'name',
  type: 'string',
  documentation: 'Start of the family or given name, ignoring case and accents',
};
const family: ParamDef = { name: 'family', type: 'string', documentation: 'Start of the family name' };
const given: ParamDef = { name: 'given', type: 'string', documentation: 'Start of the given name' };

export const searchParams: Record<ResourceType, readonly ParamDef[]> = {
  Patient: [
    id,
    name,
    family,
    given,
    { name: 'birthdate', type: 'date', documentation: 'Date of birth; prefixes eq, ne, gt, lt, ge, le' },
    {
      name: 'identifier',
      type: 'token',
      documentation: 'MRN (https://clinicops.dev/fhir/sid/mrn|value) or an imported identifier',
    },
  ],
  Practitioner: [
    id,
    name,
    family,
    given,
    { name: 'identifier', type: 'token', documentation: 'NPI (http://hl7.org/fhir/sid/us-npi|value) or an imported identifier' },
  ],
  PractitionerRole: [id, { name: 'practitioner', type: 'reference', documentation: 'Practitioner/<id>' }],
  Organization: [id, { name: 'name', type: 'string', documentation: 'Start of the name' }],
  Location: [id, { name: 'name', type: 'string', documentation: 'Start of the name' }],
  Coverage: [
    id,
    { name: 'patient', type: 'reference', documentation: 'Patient/<id>' },
    { name: 'beneficiary', type: 'reference', documentation: 'Patient/<id>' },
  ],
  Encounter: [
    id,
    { name: 'patient', type: 'reference', documentation: 'Patient/<id>' },
    { name: 'subject', type: 'reference', documentation: 'Patient/<id>' },
    {
      name: 'date',
      type: 'date',
      documentation: "Start of the visit, as a date in the facility's time zone; prefixes eq, ne, gt, lt, ge, le",
    },
  ],
  Schedule: [
    id,
    {
      name: 'actor',
      type: 'reference',
      target: 'Practitioner',
      documentation: 'Practitioner/<id>: the provider whose schedule it is',
    },
    { name: 'active', type: 'token', codes: ['true', 'false'], documentation: 'true or false' },
  ],
  Slot: [
    { name: 'schedule', type: 'reference', target: 'Schedule', documentation: 'Schedule/<id>; required' },
    {
      name: 'start',
      type: 'date',
      documentation:
        'Local dates are read in UTC; prefixes ge, gt, le, lt, eq give the range (at most 31 days; default the next 7 days)',
    },
    { name: 'status', type: 'token', codes: ['free', 'busy'], documentation: 'free or busy' },
  ],
  Appointment: [
    id,
    { name: 'patient', type: 'reference', documentation: 'Patient/<id>' },
    { name: 'practitioner', type: 'reference', target: 'Practitioner', documentation: 'Practitioner/<id>' },
    { name: 'date', type: 'date', documentation: 'Start of the appointment, in UTC; prefixes eq, ne, gt, lt, ge, le' },
    {
      name: 'status',
      type: 'token',
      codes: ['booked', 'checked-in', 'arrived', 'fulfilled', 'cancelled', 'noshow'],
      documentation: 'booked, checked-in, arrived, fulfilled, cancelled or noshow',
    },
  ],
};

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;

/** A date or date range as [from, to): the instants a date of the given precision covers. */
export type DateFilter = { prefix: 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le'; from: string; to: string };

export type Filters = {
  ids?: string[];
  /** Outer lists are ANDed (repeated parameters), inner ones ORed (commas). */
  name?: string[][];
  family?: string[][];
  given?: string[][];
  birthdate?: DateFilter[][];
  date?: DateFilter[][];
  identifier?: { system: string | null; value: string }[];
  reference?: string[];
  practitioner?: string[];
  schedule?: string[];
  /** token codes (status, active): outer lists ANDed, inner ORed */
  codes?: Record<string, string[][]>;
};

export type ParsedSearch = { filters: Filters; count: number; offset: number; canonical: [string, string][] };

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function nextDay(y: number, m: number, d: number): string {
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return t.toISOString().slice(0, 10);
}

/** `ge2020-03` → the range it covers; null when the value is not a FHIR date. */
export function parseDateParam(raw: string): DateFilter | null {
  const m = /^(eq|ne|gt|lt|ge|le)?(.*)$/.exec(raw);
  const prefix = (m?.[1] ?? 'eq') as DateFilter['prefix'];
  const d = DATE.exec(m?.[2] ?? '');
  if (!d) return null;
  const y = Number(d[1]);
  const mo = d[2] ? Number(d[2]) : undefined;
  const da = d[3] ? Number(d[3]) : undefined;
  if (mo !== undefined && (mo < 1 || mo > 12)) return null;
  if (mo === undefined) return { prefix, from: `${d[1]}-01-01`, to: `${y + 1}-01-01` };
  const mm = String(mo).padStart(2, '0');
  if (da === undefined) {
    const to = mo === 12 ? `${y + 1}-01-01` : `${d[1]}-${String(mo + 1).padStart(2, '0')}-01`;
    return { prefix, from: `${d[1]}-${mm}-01`, to };
  }
  const check = new Date(Date.UTC(y, mo - 1, da));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== da) return null;
  return { prefix, from: `${d[1]}-${mm}-${String(da).padStart(2, '0')}`, to: nextDay(y, mo, da) };
}

/** Whether a date (YYYY-MM-DD) matches; the same rule the SQL applies. */
export function dateMatches(f: DateFilter, date: string): boolean {
  switch (f.prefix) {
    case 'eq':
      return date >= f.from && date < f.to;
    case 'ne':
      return date < f.from || date >= f.to;
    case 'gt':
      return date >= f.to;
    case 'ge':
      return date >= f.from;
    case 'lt':
      return date < f.from;
    case 'le':
      return date < f.to;
  }
}

function referenceId(raw: string, target: string): string | null {
  const m = new RegExp(`^(?:${target}/)?([0-9a-fA-F-]{36})$`).exec(raw);
  return m?.[1] && UUID.test(m[1]) ? m[1].toLowerCase() : null;
}

/**
 * Parses a search's query parameters (repeated ones as repeated pairs: AND; commas inside one
 * value: OR). Returns the filters, or the issues naming each bad parameter.
 */
export function parseSearch(
  type: ResourceType,
  pairs: readonly [string, string][],
): { ok: true; search: ParsedSearch } | { ok: false; issues: Issue[] } {
  const defs = new Map(searchParams[type].map((d) => [d.name, d]));
  const filters: Filters = {};
  const issues: Issue[] = [];
  const canonical: [string, string][] = [];
  let count = DEFAULT_COUNT;
  let offset = 0;
  const push = <K extends Exclude<keyof Filters, 'codes'>>(key: K, values: NonNullable<Filters[K]>) => {
    filters[key] = [...((filters[key] as unknown[]) ?? []), ...values] as Filters[K];
  };
  for (const [key, raw] of pairs) {
    const value = raw.trim();
    if (key === '_count' || key === '_offset') {
      const n = /^\d{1,7}$/.test(value) ? Number(value) : Number.NaN;
      if (Number.isNaN(n) || (key === '_count' && n < 1)) {
        issues.push(issue('invalid', `${key} must be a whole number${key === '_count' ? ' of at least 1' : ''}`, key));
      } else if (key === '_count') count = Math.min(n, MAX_COUNT);
      else offset = n;
      continue;
    }
    if (key === '_format' || key === '_pretty' || key === '_total') continue;
    const [base = '', modifier] = key.split(':');
    const def = defs.get(base);
    if (!def) {
      issues.push(issue('not-supported', `Search parameter ${key} is not supported for ${type}`, key));
      continue;
    }
    if (modifier !== undefined) {
      issues.push(issue('not-supported', `Modifier :${modifier} is not supported on ${base}`, key));
      continue;
    }
    if (value === '') {
      issues.push(issue('invalid', `${key} needs a value`, key));
      continue;
    }
    const parts = value.split(',');
    canonical.push([key, value]);
    if (def.name === '_id') {
      const bad = parts.find((p) => !UUID.test(p));
      // An id that cannot exist matches nothing rather than failing: ids are opaque to clients.
      push('ids', bad ? ['00000000-0000-0000-0000-000000000000'] : parts.map((p) => p.toLowerCase()));
    } else if (def.type === 'string') {
      if (parts.some((p) => p.length > 100)) issues.push(issue('invalid', `${key} is too long`, key));
      else push(base as 'name' | 'family' | 'given', [parts]);
    } else if (def.type === 'date') {
      const parsed = parts.map(parseDateParam);
      if (parsed.some((p) => p === null)) {
        issues.push(
          issue(
            'invalid',
            `${key} must be a date (YYYY, YYYY-MM or YYYY-MM-DD) with an optional prefix eq, ne, gt, lt, ge or le`,
            key,
          ),
        );
      } else push(base === 'birthdate' ? 'birthdate' : 'date', [parsed as DateFilter[]]);
    } else if (def.type === 'token' && def.codes) {
      const allowed = def.codes;
      const bad = parts.find((p) => !allowed.includes(p));
      if (bad !== undefined) issues.push(issue('invalid', `${key} must be one of ${allowed.join(', ')}`, key));
      else filters.codes = { ...filters.codes, [base]: [...(filters.codes?.[base] ?? []), parts] };
    } else if (def.type === 'token') {
      push(
        'identifier',
        parts.map((p) => {
          const bar = p.indexOf('|');
          return bar < 0 ? { system: null, value: p } : { system: p.slice(0, bar), value: p.slice(bar + 1) };
        }),
      );
    } else {
      const target = def.target ?? (type === 'PractitionerRole' ? 'Practitioner' : 'Patient');
      const ids = parts.map((p) => referenceId(p, target));
      const into =
        type === 'PractitionerRole' || target === 'Patient'
          ? 'reference'
          : target === 'Practitioner'
            ? 'practitioner'
            : 'schedule';
      if (ids.some((i) => i === null)) issues.push(issue('invalid', `${key} must be ${target}/<id>`, key));
      else push(into, ids as string[]);
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, search: { filters, count, offset, canonical } };
}
