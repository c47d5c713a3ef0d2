// Encoding a generated body as multipart/form-data, for operations that take file uploads. The
// generator's values stay what they are (valid or broken one at a time); only the transport changes:
// a string for a `format: binary` property becomes a file part, anything else a text field.
import type { JsonSchema } from './generate.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A text field's value: strings as they are, null as empty, other JSON values as their JSON text. */
export function fieldText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  return JSON.stringify(v);
}

/**
 * The multipart body for a generated value, or undefined when the value is not an object (a JSON
 * array, null or string: those attempts test the JSON parser and are sent as JSON).
 */
export async function multipartOf(
  value: unknown,
  schema: JsonSchema,
): Promise<{ contentType: string; payload: Buffer } | undefined> {
  if (!isPlainObject(value)) return undefined;
  const form = new FormData();
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const binary = schema.properties?.[key]?.format === 'binary';
    if (binary && typeof v === 'string')
      form.append(key, new Blob([v], { type: 'application/octet-stream' }), 'contract-test.bin');
    else form.append(key, fieldText(v));
  }
  const encoded = new Response(form);
  return { contentType: encoded.headers.get('content-type') ?? '', payload: Buffer.from(await encoded.arrayBuffer()) };
}
