import {
  CreateEncounterRequest,
  Encounter,
  EncounterParams,
  EncounterProvider,
  IdParams,
  UpdateEncounterRequest,
} from '@clinicops/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service/index.js';

const tags = ['encounters'];

export const encounterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/patients/:id/encounters',
    {
      schema: {
        tags,
        summary: "A patient's encounters (visits) with diagnoses and procedures, audited (needs patients:read)",
        params: IdParams,
        response: { 200: z.array(Encounter) },
      },
    },
    async (request) => service.listEncounters(request.ctx, request.params.id),
  );
  app.post(
    '/api/patients/:id/encounters',
    {
      schema: {
        tags,
        summary: 'Record an encounter with ICD-10-CM diagnoses and CPT/HCPCS procedures (needs patients:write)',
        params: IdParams,
        body: CreateEncounterRequest,
        response: { 201: Encounter },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createEncounter(request.ctx, request.params.id, request.body)),
  );
  app.patch(
    '/api/patients/:id/encounters/:encounterId',
    {
      schema: {
        tags,
        summary: 'Change an encounter; diagnoses and procedures, when sent, replace the lists (needs patients:write)',
        params: EncounterParams,
        body: UpdateEncounterRequest,
        response: { 200: Encounter },
      },
    },
    async (request) => service.updateEncounter(request.ctx, request.params.id, request.params.encounterId, request.body),
  );
  app.get(
    '/api/encounter-providers',
    {
      schema: {
        tags,
        summary: 'Providers who can be named on a visit in your facilities (needs patients:read)',
        response: { 200: z.array(EncounterProvider) },
      },
    },
    async (request) => service.listEncounterProviders(request.ctx),
  );
};
