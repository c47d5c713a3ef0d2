import { type Issue, issue } from './outcome.js';

// The JSON shape of the elements a write reads, checked before mapping: a Patient whose `telecom`
// is an object, or whose `gender` is not a FHIR code, is malformed and refused naming the element,
// rather than half-read. Elements we do not read are left to the client (we do not store them).

type Shape =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'object'
  | { array: Shape }
  | { object: Record<string, Shape> }
  | { code: readonly string[] };

const str = 'string' as const;
const strings = { array: str } as const;
const coding = { object: { system: str, code: str, display: str } } as const;
const concept = { object: { coding: { array: coding }, text: str } } as const;
const reference = { object: { reference: str, display: str } } as const;
const period = { object: { start: str, end: str } } as const;

export const patientShape: Record<string, Shape> = {
  resourceType: str,
  id: str,
  active: 'boolean',
  identifier: { array: { object: { system: str, value: str, type: concept } } },
  name: { array: { object: { use: str, family: str, given: strings, text: str } } },
  telecom: { array: { object: { system: str, value: str, use: str } } },
  gender: { code: ['male', 'female', 'other', 'unknown'] },
  birthDate: str,
  deceasedBoolean: 'boolean',
  deceasedDateTime: str,
  address: { array: { object: { use: str, line: strings, city: str, state: str, postalCode: str, country: str } } },
  contact: {
    array: {
      object: {
        relationship: { array: concept },
        name: { object: { text: str, family: str, given: strings } },
        telecom: { array: { object: { system: str, value: str } } },
      },
    },
  },
  communication: { array: { object: { language: concept, preferred: 'boolean' } } },
  extension: { array: { object: { url: str, valueReference: reference } } },
};

export const coverageShape: Record<string, Shape> = {
  resourceType: str,
  id: str,
  identifier: { array: { object: { system: str, value: str } } },
  status: { code: ['active', 'cancelled', 'draft', 'entered-in-error'] },
  type: concept,
  subscriber: reference,
  subscriberId: str,
  beneficiary: reference,
  relationship: concept,
  period,
  payor: { array: { object: { reference: str, display: str, identifier: { object: { system: str, value: str } } } } },
  class: { array: { object: { type: concept, value: str, name: str } } },
  order: 'integer',
};

const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function check(value: unknown, shape: Shape, at: string, out: Issue[]) {
  if (value === undefined) return;
  const bad = (expected: string) => {
    out.push(issue('structure', `${at} must be ${expected}, not ${kindOf(value)}`, at));
  };
  if (shape === 'string') {
    if (typeof value !== 'string' || value.trim() === '') bad('a non-empty string');
  } else if (shape === 'boolean') {
    if (typeof value !== 'boolean') bad('true or false');
  } else if (shape === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) bad('a whole number');
  } else if (shape === 'object') {
    if (kindOf(value) !== 'object') bad('an object');
  } else if ('code' in shape) {
    if (typeof value !== 'string' || !shape.code.includes(value))
      out.push(issue('code-invalid', `${at} must be one of ${shape.code.join(', ')}`, at));
  } else if ('array' in shape) {
    if (!Array.isArray(value) || value.length === 0) return bad('a non-empty array');
    for (const [i, v] of value.entries()) check(v, shape.array, `${at}[${i}]`, out);
  } else {
    if (kindOf(value) !== 'object') return bad('an object');
    for (const [k, s] of Object.entries(shape.object)) check((value as Record<string, unknown>)[k], s, `${at}.${k}`, out);
  }
}

/** Issues for the elements of `resource` that do not have the shape the mapping reads. */
export function shapeIssues(type: 'Patient' | 'Coverage', resource: Record<string, unknown>): Issue[] {
  const out: Issue[] = [];
  const shape = type === 'Patient' ? patientShape : coverageShape;
  for (const [k, s] of Object.entries(shape)) check(resource[k], s, `${type}.${k}`, out);
  return out;
}
