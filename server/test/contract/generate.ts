// Input generation for the contract test: pure functions of a JSON schema, as the OpenAPI
// document renders the routes' zod schemas. One minimal valid value, and malformed variants that
// each break exactly one thing and say which field the server should name in its answer.

export type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: readonly unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  multipleOf?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
};

export type GenOptions = {
  /** Makes a fresh uuid (random in tests, fixed in unit tests). */
  uuid?: () => string;
  /** A real id of the caller's own organization for a property or parameter named like `*Id`/`*Ids`. */
  ownId?: (name: string) => string | undefined;
  /** Another organization's id for a property or parameter named like `*Id`/`*Ids`. */
  foreignId?: (name: string) => string | undefined;
};

/** One malformed input: the value to send, and the field a validation error should name. */
export type MalformedCase = {
  name: string;
  /** The property or parameter broken; a 400 `validation` answer must name it in `errors[].field`. */
  field?: string;
  value: unknown;
};

const FIXED_UUID = '6f1c1c1e-8a3b-4c55-9d2e-0b7f3e5a9c41';
export const UNBOUNDED_LENGTH = 100_000;
export const MALFORMED_IDS = ['not-a-uuid', "1' OR '1'='1"] as const;

export const isIdName = (name: string) => /Ids?$/.test(name) || name === 'id';

// ---------------------------------------------------------------------------------------------
// Reading schemas

/** Flattens `allOf` and picks the first non-null branch of `anyOf`/`oneOf`. */
export function resolve(schema: JsonSchema): JsonSchema {
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map(resolve), { ...schema, allOf: undefined });
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) {
    const first = branches.find((b) => !typesOf(b).includes('null')) ?? branches[0];
    return first ? resolve(first) : {};
  }
  return schema;
}

/** The JSON types a schema accepts (empty when it does not say). */
export function typesOf(schema: JsonSchema): string[] {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return [...new Set(branches.flatMap(typesOf))];
  if (schema.allOf?.length) return typesOf(resolve(schema));
  const declared = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const fromEnum = declared.length === 0 && schema.enum ? schema.enum.map(jsonTypeOf) : [];
  const types = [...declared, ...fromEnum];
  if (schema.nullable) types.push('null');
  return [...new Set(types)];
}

function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function accepts(types: string[], v: unknown): boolean {
  const t = jsonTypeOf(v);
  return types.includes(t) || (t === 'integer' && types.includes('number'));
}

const mainType = (schema: JsonSchema) => typesOf(schema).find((t) => t !== 'null');

// ---------------------------------------------------------------------------------------------
// Valid values

const FORMATTED: Record<string, string> = {
  email: 'someone@example.org',
  date: '2024-01-15',
  'date-time': '2024-01-15T12:00:00.000Z',
  time: '12:00:00',
  uri: 'https://example.org/',
  url: 'https://example.org/',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  hostname: 'example.org',
};

/** A string the schema accepts: by format, else the shortest simple string matching the pattern. */
export function validString(schema: JsonSchema, opts: GenOptions = {}): string {
  if (schema.format === 'uuid') return (opts.uuid ?? (() => FIXED_UUID))();
  const formatted = schema.format ? FORMATTED[schema.format] : undefined;
  if (formatted !== undefined) return formatted;
  const min = Math.max(schema.minLength ?? 0, 1);
  const max = schema.maxLength ?? Number.POSITIVE_INFINITY;
  const fits = (s: string) => s.length <= max && (!schema.pattern || new RegExp(schema.pattern, 'u').test(s));
  for (let len = min; len <= min + 40; len++) {
    for (const ch of ['x', '0', 'a', 'A', '1']) {
      const s = ch.repeat(len);
      if (fits(s)) return s;
    }
  }
  return 'x'.repeat(min);
}

function validNumber(schema: JsonSchema, integer: boolean): number {
  const exclusiveMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  let v = 0;
  if (schema.minimum !== undefined) v = schema.minimum + (schema.exclusiveMinimum === true ? 1 : 0);
  else if (exclusiveMin !== undefined) v = exclusiveMin + 1;
  else if (schema.maximum !== undefined && schema.maximum < 0) v = schema.maximum;
  if (integer) v = Math.ceil(v);
  if (schema.multipleOf) v = Math.ceil(v / schema.multipleOf) * schema.multipleOf;
  return v;
}

/**
 * The minimal value a schema accepts: only required properties, `minItems` items, strings of
 * `minLength`, the first enum value. `name` lets id-like properties use the caller's real ids.
 */
export function validValue(input: JsonSchema, opts: GenOptions = {}, name?: string): unknown {
  const schema = resolve(input);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const own = name !== undefined && isIdName(name) ? opts.ownId?.(name) : undefined;
  switch (mainType(schema) ?? (schema.properties ? 'object' : undefined)) {
    case 'string':
      return own ?? validString(schema, opts);
    case 'integer':
      return validNumber(schema, true);
    case 'number':
      return validNumber(schema, false);
    case 'boolean':
      return false;
    case 'array': {
      const n = schema.minItems ?? 0;
      const itemName = name?.replace(/s$/, '');
      if (own !== undefined && n <= 1) return [own];
      return Array.from({ length: n }, () => validValue(schema.items ?? {}, opts, itemName));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        const prop = schema.properties?.[key];
        if (prop) out[key] = validValue(prop, opts, key);
      }
      return out;
    }
    case 'null':
      return null;
    default:
      return 'x';
  }
}

// ---------------------------------------------------------------------------------------------
// Malformed values of one schema (no object recursion: see malformedBodies)

/** A value of a JSON type the schema does not accept, or undefined when it accepts anything. */
export function wrongTypeValue(schema: JsonSchema): unknown {
  const types = typesOf(schema);
  if (types.length === 0) return undefined;
  return [12345, 'wrong-type', true, { wrong: 'type' }, ['wrong-type']].find((v) => !accepts(types, v));
}

/** A string just over `maxLength`, or 100 000 characters when the schema sets no bound. */
export function oversizedString(schema: JsonSchema): string {
  const length = schema.maxLength === undefined ? UNBOUNDED_LENGTH : schema.maxLength + 1;
  const domain = '@example.org';
  // An email stays email-shaped so that only its length is wrong.
  if (schema.format === 'email' && length > domain.length + 1) return 'a'.repeat(length - domain.length) + domain;
  return 'x'.repeat(length);
}

/** Every way to break one value on its own, as it would be sent in JSON. */
export function malformedValuesOf(input: JsonSchema, name: string, opts: GenOptions = {}): MalformedCase[] {
  const schema = resolve(input);
  const type = mainType(schema);
  const cases: MalformedCase[] = [];
  const add = (what: string, value: unknown) => cases.push({ name: `${name}: ${what}`, field: name, value });

  const wrong = wrongTypeValue(input);
  if (wrong !== undefined) add(`wrong type (${JSON.stringify(wrong)})`, wrong);
  if (type === 'string') {
    add('oversized string', oversizedString(schema));
    if (schema.enum) add('not one of the choices', 'not-one-of-the-choices');
    if (schema.format === 'uuid') for (const id of MALFORMED_IDS) add(`malformed id ${JSON.stringify(id)}`, id);
    if (schema.format === 'date' || schema.format === 'date-time') add('impossible date', '2024-02-30');
  }
  if (type === 'integer' || type === 'number') {
    if (schema.maximum !== undefined) add('above maximum', schema.maximum + 1);
    if (schema.minimum !== undefined) add('below minimum', schema.minimum - 1);
    if (type === 'integer') add('fractional', validNumber(schema, true) + 0.5);
  }
  if (type === 'array' && schema.items) {
    const item = resolve(schema.items);
    const wrongItem = wrongTypeValue(schema.items);
    if (wrongItem !== undefined) add(`item of wrong type (${JSON.stringify(wrongItem)})`, [wrongItem]);
    if (mainType(item) === 'string') add('oversized item', [oversizedString(item)]);
    if (item.format === 'uuid') add('malformed id item', [MALFORMED_IDS[0]]);
    if (schema.minItems && schema.minItems > 0) add('too few items', []);
  }
  const foreign = isIdName(name) ? opts.foreignId?.(name) : undefined;
  if (foreign !== undefined && (type === 'string' || type === 'array')) {
    add("another organization's id", type === 'array' ? [foreign] : foreign);
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Request bodies

const REMOVE = Symbol('remove');

/** A copy of `root` with the value at `path` replaced (or removed), creating valid parents on the way. */
function withAt(root: unknown, schema: JsonSchema, path: string[], value: unknown, opts: GenOptions): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  const s = resolve(schema);
  const obj = { ...(root as Record<string, unknown>) };
  const child = s.properties?.[key] ?? {};
  if (rest.length === 0) {
    if (value === REMOVE) delete obj[key];
    else obj[key] = value;
  } else {
    obj[key] = withAt(obj[key] ?? validValue(child, opts, key), child, rest, value, opts);
  }
  return obj;
}

/**
 * Malformed bodies for an object schema: each property of a wrong type, out of bounds, oversized,
 * a malformed or foreign id; each required property missing. Nested objects are walked too.
 */
export function malformedBodies(schema: JsonSchema, opts: GenOptions = {}): MalformedCase[] {
  const base = validValue(schema, opts);
  const cases: MalformedCase[] = [];
  const walk = (s: JsonSchema, path: string[]) => {
    const r = resolve(s);
    if (!r.properties) return;
    for (const [key, prop] of Object.entries(r.properties)) {
      const at = [...path, key];
      const dotted = at.join('.');
      for (const c of malformedValuesOf(prop, key, opts)) {
        const name = path.length > 0 ? `${path.join('.')}.${c.name}` : c.name;
        cases.push({ name, field: key, value: withAt(base, schema, at, c.value, opts) });
      }
      if (r.required?.includes(key)) {
        cases.push({ name: `${dotted}: required, missing`, field: key, value: withAt(base, schema, at, REMOVE, opts) });
      }
      walk(prop, at);
    }
  };
  walk(schema, []);
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Query and path parameters: everything arrives as a string

export type Param = { name: string; required: boolean; schema: JsonSchema };
export type QueryValue = string | string[];

/** The value of a parameter as it goes in a URL. */
export function validParam(p: Param, opts: GenOptions = {}): string {
  const v = validValue(p.schema, opts, p.name);
  return Array.isArray(v) ? String(v[0]) : String(v);
}

/** Required query parameters only, with valid values. */
export function validQuery(params: readonly Param[], opts: GenOptions = {}): Record<string, QueryValue> {
  return Object.fromEntries(params.filter((p) => p.required).map((p) => [p.name, validParam(p, opts)]));
}

/** Malformed values of one URL parameter (query or path): a string, or repeated for a query. */
export function malformedParamValues(p: Param, opts: GenOptions = {}): MalformedCase[] {
  const schema = resolve(p.schema);
  const type = mainType(schema);
  const cases: MalformedCase[] = [];
  const add = (what: string, value: QueryValue | undefined) => cases.push({ name: `${p.name}: ${what}`, field: p.name, value });
  if (type === 'integer' || type === 'number') {
    add('not a number', 'not-a-number');
    if (schema.maximum !== undefined) add('above maximum', String(schema.maximum + 1));
    if (schema.minimum !== undefined) add('below minimum', String(schema.minimum - 1));
    if (type === 'integer') add('fractional', `${validNumber(schema, true)}.5`);
  } else if (type === 'boolean') {
    add('not a boolean', 'not-a-boolean');
  } else if (type === 'string') {
    if (schema.enum) add('not one of the choices', 'not-one-of-the-choices');
    if (schema.format === 'uuid') for (const id of MALFORMED_IDS) add(`malformed id ${JSON.stringify(id)}`, id);
    if (schema.format === 'date' || schema.format === 'date-time') add('impossible date', '2024-02-30');
    // A repeated key arrives as an array where one string is expected.
    add('given twice', [validParam(p, opts), validParam(p, opts)]);
    add('oversized string', oversizedString(schema));
  }
  const foreign = isIdName(p.name) ? opts.foreignId?.(p.name) : undefined;
  if (foreign !== undefined) add("another organization's id", foreign);
  // `undefined`: the parameter is left out of the request.
  if (p.required) add('required, missing', undefined);
  return cases;
}

/** A path segment, URL-encoded when sent, or `raw` as it stands (to send a broken encoding). */
export type PathValue = string | { raw: string };

/** Path parameters: unknown, malformed and foreign ids, a broken encoding, and an oversized value. */
export function malformedPathValues(p: Param, opts: GenOptions = {}): MalformedCase[] {
  const schema = resolve(p.schema);
  const cases: MalformedCase[] = [];
  const add = (what: string, value: PathValue) => cases.push({ name: `${p.name}: ${what}`, field: p.name, value });
  if (schema.format === 'uuid') add('unknown id', (opts.uuid ?? (() => FIXED_UUID))());
  for (const id of MALFORMED_IDS) add(`malformed id ${JSON.stringify(id)}`, id);
  add('broken percent-encoding', { raw: '%E0%A4%A' });
  if (mainType(schema) === 'integer' || mainType(schema) === 'number') add('not a number', 'not-a-number');
  add('oversized', oversizedString(schema));
  const foreign = opts.foreignId?.(p.name);
  if (foreign !== undefined) add("another organization's id", foreign);
  return cases;
}
