// Reading the OpenAPI document into the operations the contract test walks.
import { type Permission, permissions, type Role, rolePermissions, roles } from '@clinicops/contracts';
import type { JsonSchema, Param, PathValue } from './generate.js';

type OpenApiParameter = { name: string; in: string; required?: boolean; schema?: JsonSchema };
type OpenApiOperation = {
  summary?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, unknown>;
};
export type OpenApiDocument = {
  openapi?: string;
  paths?: Record<string, Record<string, OpenApiOperation | OpenApiParameter[]>>;
};

export type Operation = {
  method: string;
  /** As the document writes it: `/api/users/{id}`. */
  path: string;
  summary: string;
  /** From `(needs xxx:yyy)` in the summary; absent for self-service operations. */
  permission?: string;
  pathParams: Param[];
  queryParams: Param[];
  body?: JsonSchema;
  /** How the body travels: JSON, or multipart/form-data (file uploads) with the same schema's fields. */
  bodyEncoding?: 'json' | 'multipart';
  responses: string[];
};

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Reachable without signing in, on purpose. */
export function isPublic(path: string): boolean {
  return path === '/api/health' || path === '/api/auth/login' || path === '/api/openapi.json' || path.startsWith('/api/docs');
}

export function permissionOf(summary: string): string | undefined {
  return /\bneeds ([a-z_]+:[a-z_]+)/.exec(summary)?.[1];
}

export function isPermission(p: string): p is Permission {
  return (permissions as readonly string[]).includes(p);
}

/** The first role (in the contracts' order) that lacks the permission, if any does. */
export function roleLacking(permission: Permission): Role | undefined {
  return roles.find((r) => !rolePermissions[r].includes(permission));
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const shared = (item.parameters ?? []) as OpenApiParameter[];
    for (const method of METHODS) {
      const op = item[method] as OpenApiOperation | undefined;
      if (!op) continue;
      const params = [...shared, ...(op.parameters ?? [])];
      const toParam = (p: OpenApiParameter): Param => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} });
      const summary = op.summary ?? '';
      const permission = permissionOf(summary);
      const content = op.requestBody?.content;
      const json = content?.['application/json']?.schema;
      const multipart = content?.['multipart/form-data']?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        summary,
        ...(permission ? { permission } : {}),
        pathParams: params.filter((p) => p.in === 'path').map(toParam),
        queryParams: params.filter((p) => p.in === 'query').map(toParam),
        ...(json ? { body: json, bodyEncoding: 'json' as const } : {}),
        ...(!json && multipart ? { body: multipart, bodyEncoding: 'multipart' as const } : {}),
        responses: Object.keys(op.responses ?? {}),
      });
    }
  }
  return ops;
}

/** `/api/users/{id}` with its parameters filled in (URL-encoded) and the query string appended. */
export function urlOf(path: string, pathValues: Record<string, PathValue>, query: Record<string, string | string[] | undefined>) {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = pathValues[name] ?? '';
    return typeof v === 'string' ? encodeURIComponent(v) : v.raw;
  });
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) search.append(k, one);
  }
  const qs = search.toString();
  return qs ? `${filled}?${qs}` : filled;
}
