import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit/record.js';
import { AppError } from '../../platform/errors.js';
import { toAppError } from '../../platform/http/problem.js';
import { capabilityStatement } from './domain/capability.js';
import { type Issue, issue, operationOutcome } from './domain/outcome.js';
import { isResourceType, type ResourceType, writable } from './domain/search.js';
import { FHIR_JSON } from './domain/systems.js';
import { issuesOf } from './service/errors.js';
import { readResource, searchResources } from './service/read.js';
import { createFhirCoverage, createFhirPatient, updateFhirCoverage, updateFhirPatient } from './service/write.js';

// The FHIR R4 facade at /fhir/R4. Not part of the OpenAPI document (its shapes are FHIR's, and
// its errors OperationOutcomes rather than problem+json); test/fhir-api.int.test.ts holds it to
// the same contract: 401 without sign-in, 403 without the permission, malformed input refused
// naming the element, nothing stored. Sign-in, CSRF and the request context are the API's own.

const issueCodeOf: Record<string, Issue['code']> = {
  unauthenticated: 'login',
  session_expired: 'login',
  csrf: 'security',
  password_change_required: 'security',
  forbidden: 'forbidden',
  not_found: 'not-found',
  conflict: 'conflict',
  payload_too_large: 'too-costly',
  unsupported_media_type: 'not-supported',
  rate_limited: 'throttled',
  validation: 'invalid',
  bad_request: 'invalid',
};

function send(reply: FastifyReply, status: number, body: unknown) {
  return reply
    .status(status)
    .header('content-type', `${FHIR_JSON}; charset=utf-8`)
    .header('cache-control', 'no-store')
    .send(JSON.stringify(body));
}

const sendOutcome = (reply: FastifyReply, status: number, issues: Issue[]) => send(reply, status, operationOutcome(issues));

async function handleFhirError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { app, unexpected } = toAppError(error);
  if (unexpected) {
    const err = error as Error;
    request.log.error({ err: { type: err?.name, stack: err?.stack } }, 'unexpected error');
  }
  if (app.code === 'forbidden' && request.ctx?.actor) {
    // As in the REST API: the denied action was rolled back, the denial is recorded on its own.
    await recordAudit(request.ctx, {
      action: 'access.denied',
      outcome: 'denied',
      details: {
        method: request.method,
        route: request.routeOptions.url ?? null,
        ...(app.details?.permission ? { permission: app.details.permission } : {}),
      },
    }).catch((e) => request.log.error({ err: { type: (e as Error).name } }, 'could not audit a denial'));
  }
  const issues =
    issuesOf(app) ??
    (app.errors?.length
      ? app.errors.map((e) => issue('invalid', `${e.field}: ${e.message}`, e.field))
      : [issue(issueCodeOf[app.code] ?? 'exception', app.message)]);
  const status = app.details?.unprocessable ? 422 : app.status;
  reply.header('x-request-id', request.id);
  return sendOutcome(reply, status, issues);
}

const baseOf = (request: FastifyRequest) => `${request.protocol}://${request.host}/fhir/R4`;

function typeOf(raw: string): ResourceType {
  if (isResourceType(raw)) return raw;
  throw new AppError('not_found', `Resource type ${raw.slice(0, 40)} is not supported here; see /fhir/R4/metadata`, {
    details: {
      issues: [issue('not-supported', `Resource type ${raw.slice(0, 40)} is not supported here; see /fhir/R4/metadata`)],
    },
  });
}

const ACCEPTABLE = /(^|,)\s*(\*\/\*|application\/\*|application\/(fhir\+)?json)\s*(;|,|$)/i;

/** Whether a request is one for the FHIR API (which answers in OperationOutcomes). */
export const isFhirRequest = (url: string) => url === '/fhir/R4' || url.startsWith('/fhir/R4/') || url.startsWith('/fhir/R4?');

/**
 * Fastify's own URL errors (bad percent-encoding, an over-long parameter) on a FHIR URL, answered
 * as an OperationOutcome like every other FHIR error. The URL is not echoed: it may hold a name.
 */
export function sendFhirUrlError(request: FastifyRequest, reply: FastifyReply) {
  reply.header('x-request-id', request.id);
  return sendOutcome(reply, 400, [
    issue('invalid', 'The URL is not valid (check its percent-encoding: a % must be followed by two hex digits)'),
  ]);
}

export async function fhirRoutes(app: FastifyInstance, opts: { version: string }) {
  // Bodies are JSON (application/fhir+json or application/json); a parse error never echoes
  // the body, which would be patient data.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['application/json', FHIR_JSON], { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(
        new AppError('bad_request', 'The body is not valid JSON', {
          details: { issues: [issue('structure', 'The body is not valid JSON')] },
        }),
      );
    }
  });
  app.setErrorHandler(handleFhirError);
  app.setNotFoundHandler((request, reply) => {
    reply.header('x-request-id', request.id);
    return sendOutcome(reply, 404, [
      issue('not-found', `No FHIR interaction at ${request.method} ${request.url.split('?')[0]?.slice(0, 80)}`),
    ]);
  });
  app.addHook('preHandler', async (request, reply) => {
    const accept = request.headers.accept;
    if (accept && !ACCEPTABLE.test(accept)) {
      return sendOutcome(reply, 406, [
        issue('not-supported', 'Only JSON is served: accept application/fhir+json or application/json'),
      ]);
    }
  });
  const route = { schema: { hide: true } };

  app.get('/metadata', { ...route, config: { auth: 'public' } }, async (request, reply) =>
    send(reply, 200, capabilityStatement(baseOf(request), opts.version, request.ctx.clock.now().toISOString().slice(0, 10))),
  );

  app.get<{ Params: { type: string } }>('/:type', route, async (request, reply) => {
    const type = typeOf(request.params.type);
    const pairs = [...new URLSearchParams(request.url.split('?')[1] ?? '').entries()];
    return send(reply, 200, await searchResources(request.ctx, type, pairs, baseOf(request)));
  });

  app.get<{ Params: { type: string; id: string } }>('/:type/:id', route, async (request, reply) => {
    const type = typeOf(request.params.type);
    return send(reply, 200, await readResource(request.ctx, type, request.params.id));
  });

  app.post<{ Params: { type: string } }>('/:type', route, async (request, reply) => {
    const type = typeOf(request.params.type);
    if (!writable.includes(type)) return sendOutcome(reply, 405, [issue('not-supported', `${type} is read-only here`)]);
    const written =
      type === 'Patient'
        ? await createFhirPatient(request.ctx, request.body, {
            confirmNotDuplicate: request.headers['clinicops-confirm-not-duplicate'] === 'true',
          })
        : await createFhirCoverage(request.ctx, request.body);
    reply.header('location', `${baseOf(request)}/${type}/${written.resource.id}`);
    return send(reply, 201, written.resource);
  });

  app.put<{ Params: { type: string; id: string } }>('/:type/:id', route, async (request, reply) => {
    const type = typeOf(request.params.type);
    if (!writable.includes(type)) return sendOutcome(reply, 405, [issue('not-supported', `${type} is read-only here`)]);
    const written =
      type === 'Patient'
        ? await updateFhirPatient(request.ctx, request.params.id, request.body)
        : await updateFhirCoverage(request.ctx, request.params.id, request.body);
    return send(reply, 200, written.resource);
  });
}
