import { IdParams, MergePatientRequest, MergeResult } from '@clinicops/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type MergeStep, mergePatients } from './merge-service.js';

const tags = ['patients'];

/** Merge of duplicate records; `mergeSteps` are other modules' rows that follow the duplicate. */
export const patientRecordRoutes: FastifyPluginAsyncZod<{ mergeSteps: MergeStep[] }> = async (app, opts) => {
  app.post(
    '/api/patients/:id/merge',
    {
      schema: {
        tags,
        summary:
          'Merge a duplicate record into this one (field by field; coverages, consents and encounters move; the duplicate is kept, marked merged) (needs patients:write)',
        params: IdParams,
        body: MergePatientRequest,
        response: { 200: MergeResult },
      },
    },
    async (request) => mergePatients(request.ctx, request.params.id, request.body, opts.mergeSteps),
  );
};
