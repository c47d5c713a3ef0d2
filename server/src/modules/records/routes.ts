import {
  AccessRequest,
  AccessRequestParams,
  CreateAccessRequest,
  ExportQuery,
  IdParams,
  PatientRetention,
  RetentionSettings,
  RetentionSettingsView,
  UpdateAccessRequest,
} from '@clinicops/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as access from './access-service.js';
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
  app.get(
    '/api/patients/:id/access-requests',
    {
      schema: {
        tags: ['patients'],
        summary: "The patient's right-of-access requests with their deadlines (needs patients:read)",
        params: IdParams,
        response: { 200: z.array(AccessRequest) },
      },
    },
    async (request) => access.listAccessRequests(request.ctx, request.params.id),
  );
  app.post(
    '/api/patients/:id/access-requests',
    {
      schema: {
        tags: ['patients'],
        summary: 'Record a right-of-access request; due 30 days after receipt (needs patients:write)',
        params: IdParams,
        body: CreateAccessRequest,
        response: { 201: AccessRequest },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await access.createAccessRequest(request.ctx, request.params.id, request.body)),
  );
  app.patch(
    '/api/patients/:id/access-requests/:requestId',
    {
      schema: {
        tags: ['patients'],
        summary: 'Extend a right-of-access request once by 30 days, or record its fulfilment (needs patients:write)',
        params: AccessRequestParams,
        body: UpdateAccessRequest,
        response: { 200: AccessRequest },
      },
    },
    async (request) => access.updateAccessRequest(request.ctx, request.params.id, request.params.requestId, request.body),
  );
};
