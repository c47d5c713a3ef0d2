import {
  AccessHistoryQuery,
  AuditPage,
  Consent,
  Coverage,
  CoverageParams,
  CreateConsentRequest,
  CreateCoverageRequest,
  CreatePatientRequest,
  IdParams,
  Patient,
  PatientSearchQuery,
  PatientSummary,
  PossibleDuplicates,
  UpdateCoverageRequest,
  UpdatePatientRequest,
} from '@clinicops/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as records from './records-service.js';
import * as service from './service.js';

const tags = ['patients'];

export const patientRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/patients',
    {
      schema: {
        tags,
        summary: 'Search patients by name, date of birth, MRN or phone (needs patients:read)',
        querystring: PatientSearchQuery,
        response: { 200: z.array(PatientSummary) },
      },
    },
    async (request) => service.searchPatients(request.ctx, request.query),
  );
  app.post(
    '/api/patients',
    {
      schema: {
        tags,
        summary: 'Register a patient; 409 lists possible duplicates unless confirmNotDuplicate (needs patients:write)',
        body: CreatePatientRequest,
        response: { 201: Patient, 409: PossibleDuplicates },
      },
    },
    async (request, reply) => {
      const result = await service.createPatient(request.ctx, request.body);
      if (result.status === 'created') return reply.status(201).send(result.patient);
      return reply
        .status(409)
        .type('application/problem+json')
        .send({
          type: 'https://clinicops.dev/problems/possible-duplicates',
          title: 'Possible duplicates',
          status: 409,
          detail: 'Patients like this one exist; check them, then resend with confirmNotDuplicate: true',
          instance: request.url.split('?')[0] ?? request.url,
          code: 'possible_duplicates',
          requestId: request.id,
          duplicates: result.duplicates,
        });
    },
  );
  app.get(
    '/api/patients/:id',
    {
      schema: {
        tags,
        summary: 'One patient record, audited (needs patients:read)',
        params: IdParams,
        response: { 200: Patient },
      },
    },
    async (request) => service.getPatient(request.ctx, request.params.id),
  );
  app.patch(
    '/api/patients/:id',
    {
      schema: {
        tags,
        summary: 'Change demographics, SSN or status (needs patients:write)',
        params: IdParams,
        body: UpdatePatientRequest,
        response: { 200: Patient },
      },
    },
    async (request) => service.updatePatient(request.ctx, request.params.id, request.body),
  );
  app.get(
    '/api/patients/:id/coverages',
    {
      schema: {
        tags,
        summary: "A patient's insurance coverages (needs patients:read)",
        params: IdParams,
        response: { 200: z.array(Coverage) },
      },
    },
    async (request) => records.listCoverages(request.ctx, request.params.id),
  );
  app.post(
    '/api/patients/:id/coverages',
    {
      schema: {
        tags,
        summary: 'Add an insurance coverage (needs patients:write)',
        params: IdParams,
        body: CreateCoverageRequest,
        response: { 201: Coverage },
      },
    },
    async (request, reply) => reply.status(201).send(await records.addCoverage(request.ctx, request.params.id, request.body)),
  );
  app.patch(
    '/api/patients/:id/coverages/:coverageId',
    {
      schema: {
        tags,
        summary: 'Change or end an insurance coverage (needs patients:write)',
        params: CoverageParams,
        body: UpdateCoverageRequest,
        response: { 200: Coverage },
      },
    },
    async (request) => records.updateCoverage(request.ctx, request.params.id, request.params.coverageId, request.body),
  );
  app.get(
    '/api/patients/:id/consents',
    {
      schema: {
        tags,
        summary: "A patient's consents (needs patients:read)",
        params: IdParams,
        response: { 200: z.array(Consent) },
      },
    },
    async (request) => records.listConsents(request.ctx, request.params.id),
  );
  app.post(
    '/api/patients/:id/consents',
    {
      schema: {
        tags,
        summary: 'Record a signed consent or acknowledgment (needs patients:write)',
        params: IdParams,
        body: CreateConsentRequest,
        response: { 201: Consent },
      },
    },
    async (request, reply) => reply.status(201).send(await records.addConsent(request.ctx, request.params.id, request.body)),
  );
  app.get(
    '/api/patients/:id/access-history',
    {
      schema: {
        tags,
        summary: 'Who accessed this patient record (needs audit:read)',
        params: IdParams,
        querystring: AccessHistoryQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => records.accessHistory(request.ctx, request.params.id, request.query),
  );
};
