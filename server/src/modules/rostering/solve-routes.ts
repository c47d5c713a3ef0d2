import {
  IdParams,
  RepairResult,
  SickCallRequest,
  SolveRequest,
  SolveRun,
  SolveRunParams,
  SolveRunQuery,
} from '@clinicops/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { JobQueue } from '../../platform/jobs.js';
import * as solve from './service/solve.js';

// The solver's routes: a roster's background solves (start, watch, list, stop) and the sick-call
// repair, which runs the same engine in repair mode. Registered by routes.ts.

const tags = ['rostering'];

/** `jobs`: the queue solves go to; without it (a test app without jobs) solving answers 503. */
export const solveRoutes: FastifyPluginAsyncZod<{ jobs?: JobQueue }> = async (app, opts) => {
  app.post(
    '/api/rosters/:id/solve',
    {
      schema: {
        tags,
        summary: 'Start the solver in the background with a time limit (needs rostering:write)',
        description:
          'Queues a solve job (status `queued` until a worker takes it, then `running`). One queued or running solve ' +
          'per roster: another answers 409. A run whose server stopped while solving becomes `interrupted` (found ' +
          'by this request, a read of the run or a server starting), and then no longer blocks a new solve.',
        params: IdParams,
        body: SolveRequest,
        response: { 202: SolveRun },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await solve.startSolve(request.ctx, opts.jobs, request.params.id, request.body)),
  );
  app.get(
    '/api/rosters/:id/solve-runs',
    {
      schema: {
        tags,
        summary: 'The roster’s solves, newest first (needs rostering:read)',
        description:
          'Each run as `GET .../solve-runs/:runId` answers it. `limit=1` gives the latest: what a page reloaded ' +
          'mid-solve polls again, or the last result it showed. A roster never solved answers an empty list.',
        params: IdParams,
        querystring: SolveRunQuery,
        response: { 200: z.array(SolveRun) },
      },
    },
    async (request) => solve.listRuns(request.ctx, request.params.id, request.query.limit),
  );
  app.get(
    '/api/rosters/:id/solve-runs/:runId',
    {
      schema: {
        tags,
        summary: 'Progress of a solve (needs rostering:read)',
        params: SolveRunParams,
        response: { 200: SolveRun },
      },
    },
    async (request) => solve.getRun(request.ctx, request.params.id, request.params.runId),
  );
  app.post(
    '/api/rosters/:id/solve-runs/:runId/stop',
    {
      schema: {
        tags,
        summary: 'Stop a solve; the best roster so far is kept (needs rostering:write)',
        params: SolveRunParams,
        response: { 200: SolveRun },
      },
    },
    async (request) => solve.stopRun(request.ctx, request.params.id, request.params.runId),
  );
  app.post(
    '/api/rosters/:id/sick-call',
    {
      schema: {
        tags,
        summary:
          'Record a sick call and repair the roster with the fewest changes; gaps become open shifts (needs rostering:write)',
        params: IdParams,
        body: SickCallRequest,
        response: { 200: RepairResult },
      },
    },
    async (request) => solve.sickCall(request.ctx, request.params.id, request.body),
  );
};
