import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Health } from '@clinicops/contracts';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { Config } from './config.js';
import type { Db } from './db/pool.js';
import { complianceRoutes } from './modules/compliance/index.js';
import { dashboardRoutes } from './modules/dashboard/index.js';
import { documentMergeStep, documentRoutes } from './modules/documents/index.js';
import { encounterMergeStep, encounterRoutes } from './modules/encounters/index.js';
import { fhirMergeStep, fhirRoutes, isFhirRequest, sendFhirUrlError } from './modules/fhir/index.js';
import { organizationRoutes } from './modules/organization/index.js';
import { type MergeStep, patientRecordRoutes, patientRoutes } from './modules/patients/index.js';
import { accessRequestMergeStep, recordRoutes } from './modules/records/index.js';
import { rosteringRoutes } from './modules/rostering/index.js';
import { appointmentMergeStep, schedulingRoutes, waitlistMergeStep } from './modules/scheduling/index.js';
import { staffRoutes } from './modules/staff/index.js';
import { authRoutes } from './platform/auth/routes.js';
import { type Clock, systemClock } from './platform/clock.js';
import { emailRoutes } from './platform/email/routes.js';
import { AppError } from './platform/errors.js';
import { handleError, sendProblem } from './platform/http/problem.js';
import { registerRequestContext } from './platform/http/request-context.js';
import { registerSecurityHeaders } from './platform/http/security.js';
import type { JobQueue } from './platform/jobs.js';

export const VERSION = '0.1.0';

/** `jobs`: where background work is queued (solves); absent, the features that need it answer 503. */
export type AppDeps = { db: Db; clock?: Clock; jobs?: JobQueue };

// Fields that may carry secrets or patient data never reach the log.
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'];

/**
 * Rows of other modules that follow a merged duplicate patient to the survivor, in the merge's
 * transaction. Documents: add the documents module's step here when it lands.
 */
const PATIENT_MERGE_STEPS: MergeStep[] = [
  encounterMergeStep,
  accessRequestMergeStep,
  documentMergeStep,
  appointmentMergeStep,
  waitlistMergeStep,
  fhirMergeStep,
];

export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' } },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Fastify's own URL errors (bad percent-encoding, over-long parameters) answer like ours.
    frameworkErrors: (error, request, reply) => {
      // The FHIR API answers in its own error format.
      if (isFhirRequest(request.url)) return sendFhirUrlError(request, reply);
      reply.header('x-request-id', request.id);
      return sendProblem(request, reply, new AppError('bad_request', error.message.slice(0, 200)));
    },
    // Request lines carry query strings, which may hold a searched name: logged only when debugging.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // Only JSON bodies: anything else is a 415, not a string handed to a schema.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'ClinicOps API', version: VERSION, description: 'Operations platform for healthcare office managers.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'clinicops_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await registerSecurityHeaders(app, config);
  await app.register(cookie);
  registerRequestContext(app, { db: deps.db, config, clock: deps.clock ?? systemClock });
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/api/health',
    {
      config: { auth: 'public' },
      schema: { tags: ['platform'], summary: 'Liveness and database status', response: { 200: Health, 503: Health } },
    },
    async (_request, reply) => {
      const started = performance.now();
      try {
        await sql`SELECT 1`.execute(deps.db);
        return {
          status: 'ok',
          database: { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10 },
          version: VERSION,
        } as const;
      } catch {
        return reply.status(503).send({ status: 'degraded', database: { status: 'down' }, version: VERSION });
      }
    },
  );

  await app.register(authRoutes, { config });
  await app.register(organizationRoutes);
  await app.register(emailRoutes);
  await app.register(complianceRoutes);
  await app.register(patientRoutes);
  await app.register(patientRecordRoutes, { mergeSteps: PATIENT_MERGE_STEPS });
  await app.register(encounterRoutes);
  await app.register(recordRoutes);
  await app.register(staffRoutes);
  await app.register(rosteringRoutes, deps.jobs ? { jobs: deps.jobs } : {});
  await app.register(documentRoutes(config.documentMaxBytes));
  await app.register(schedulingRoutes);
  await app.register(dashboardRoutes);
  await app.register(fhirRoutes, { prefix: '/fhir/R4', version: VERSION });

  await registerWebApp(app, config);
  return app;
}

/** Serves the built web app, with the SPA's index.html for client-side routes. */
async function registerWebApp(app: FastifyInstance, config: Config) {
  const hasWeb = existsSync(`${config.webDir}/index.html`);
  if (hasWeb) await app.register(fastifyStatic, { root: config.webDir, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url.startsWith('/fhir/');
    if (!isApi && hasWeb && request.method === 'GET') return reply.type('text/html').sendFile('index.html');
    return sendProblem(request, reply, new AppError('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`));
  });
}
