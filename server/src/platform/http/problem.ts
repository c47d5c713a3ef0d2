import type { FieldError, Problem } from '@clinicops/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { recordAudit } from '../audit/record.js';
import { AppError, type ErrorCode, statusOf, titleOf } from '../errors.js';

function problemOf(code: ErrorCode, detail: string, requestId: string, instance: string, errors?: FieldError[]): Problem {
  return {
    type: `https://clinicops.dev/problems/${code.replaceAll('_', '-')}`,
    title: titleOf[code],
    status: statusOf[code],
    detail,
    instance,
    code,
    requestId,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** Field path as the client named it: `body.roles.0` -> `roles[0]`, querystring/params likewise. */
function fieldName(instancePath: string, missing?: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (missing) parts.push(missing);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** Turns any thrown thing into an AppError; unknown ones become a generic 500. */
export function toAppError(error: unknown): { app: AppError; unexpected: boolean } {
  if (error instanceof AppError) return { app: error, unexpected: false };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors: FieldError[] = error.validation.map((v) => ({
      field: fieldName(v.instancePath, (v.params as { missingProperty?: string })?.missingProperty) || '(root)',
      message: v.message ?? 'is invalid',
    }));
    const where = error.validationContext ? ` in ${error.validationContext}` : '';
    return {
      app: new AppError('validation', `Invalid ${errors.map((e) => e.field).join(', ')}${where}`, { errors }),
      unexpected: false,
    };
  }
  const fe = error as FastifyError;
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const byStatus: Record<number, ErrorCode> = {
      413: 'payload_too_large',
      415: 'unsupported_media_type',
      429: 'rate_limited',
      404: 'not_found',
    };
    const code = byStatus[fe.statusCode] ?? 'bad_request';
    // Fastify's own 4xx messages (bad JSON, wrong content type) describe the request, not data.
    return { app: new AppError(code, fe.message), unexpected: false };
  }
  const pgCode = (error as { code?: string })?.code;
  // 22P02 invalid text representation, 22007/22008 bad dates, 22003 out of range: input errors
  // that slipped past a schema; answered as 400 rather than 500.
  if (pgCode && ['22P02', '22007', '22008', '22003', '22001'].includes(pgCode)) {
    return { app: new AppError('bad_request', 'A value in the request has the wrong form'), unexpected: false };
  }
  if (pgCode === '23505') return { app: new AppError('conflict', 'That already exists'), unexpected: false };
  if (pgCode === '23503')
    return { app: new AppError('bad_request', 'The request refers to a record that does not exist'), unexpected: false };
  return {
    app: new AppError('internal', 'An unexpected error occurred; it has been logged with the request id'),
    unexpected: true,
  };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, app: AppError) {
  const body = problemOf(app.code, app.message, request.id, request.url.split('?')[0] ?? request.url, app.errors);
  if (app.code === 'rate_limited' && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
  return reply.status(app.status).type('application/problem+json').send(body);
}

export async function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { app, unexpected } = toAppError(error);
  if (unexpected) {
    // Only the error's class and stack go to the log: messages from drivers can echo values.
    const err = error as Error;
    request.log.error({ err: { type: err?.name, stack: err?.stack } }, 'unexpected error');
  }
  const ctx = request.ctx;
  if (app.code === 'forbidden' && ctx?.actor) {
    // The action was rolled back; the denial is recorded on its own (45 CFR 164.312(b)).
    await recordAudit(ctx, {
      action: 'access.denied',
      outcome: 'denied',
      details: { method: request.method, route: request.routeOptions.url ?? null, ...(app.details ?? {}) },
    }).catch((e) => request.log.error({ err: { type: (e as Error).name } }, 'could not audit a denial'));
  }
  return sendProblem(request, reply, app);
}
