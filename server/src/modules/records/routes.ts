import { ExportQuery, IdParams, PatientRetention, RetentionSettings, RetentionSettingsView } from '@clinicops/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.js';

const FhirBundle = z.looseObject({ resourceType: z.literal('Bundle'), type: z.literal('collection') });

export const recordRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/patients/:id/export',
    {
      schema: {
        tags: ['patients'],
        summary:
          "Export a patient's record (right of access): format=fhir gives a FHIR R4 Bundle, format=pdf a readable summary; recorded as a disclosure (needs patients:read)",
        params: IdParams,
        querystring: ExportQuery,
        response: { 200: FhirBundle.describe('A FHIR R4 Bundle (collection), or application/pdf for format=pdf') },
      },
    },
    async (request, reply) => {
      const r = await service.exportPatientRecord(request.ctx, request.params.id, request.query.format);
      reply.header('cache-control', 'no-store');
      if (r.format === 'pdf') {
        return (
          reply
            .type('application/pdf')
            .header('content-disposition', `attachment; filename="record-${r.mrn}.pdf"`)
            // A Buffer is sent as it is (Fastify serializes only objects); the schema documents the JSON answer.
            .send(r.pdf as unknown as z.infer<typeof FhirBundle>)
        );
      }
      reply.header('content-disposition', `attachment; filename="record-${r.mrn}.fhir.json"`);
      return reply.type('application/fhir+json').send(r.bundle as z.infer<typeof FhirBundle>);
    },
  );
  app.get(
    '/api/patients/:id/retention',
    {
      schema: {
        tags: ['patients'],
        summary: "Until when this patient's record is kept under the organization's retention settings (needs patients:read)",
        params: IdParams,
        response: { 200: PatientRetention },
      },
    },
    async (request) => service.patientRetention(request.ctx, request.params.id),
  );
  app.get(
    '/api/retention-settings',
    {
      schema: {
        tags: ['patients'],
        summary: 'Record retention settings of the organization (needs patients:read)',
        response: { 200: RetentionSettingsView },
      },
    },
    async (request) => service.getRetentionSettings(request.ctx),
  );
  app.put(
    '/api/retention-settings',
    {
      schema: {
        tags: ['patients'],
        summary: 'Change the record retention settings; nothing is ever purged by them (needs users:write)',
        body: RetentionSettings,
        response: { 200: RetentionSettingsView },
      },
    },
    async (request) => service.updateRetentionSettings(request.ctx, request.body),
  );
};
