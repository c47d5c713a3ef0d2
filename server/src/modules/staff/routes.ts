import {
  AlertRun,
  CeRecord,
  CmmEligibilityRequest,
  CmmEligibilityResult,
  CmmEligibilityRule,
  ComplianceMatrix,
  ComplianceQuery,
  CreateCeRecordRequest,
  CreateCredentialRequest,
  CreateFacilityCredentialRequest,
  CreatePayBenchmarkRequest,
  CreateStaffRequest,
  Credential,
  CredentialType,
  FacilityCredentialsQuery,
  IdParams,
  PayBenchmark,
  SendAlertsRequest,
  StaffAlert,
  StaffDetail,
  StaffListQuery,
  StaffMember,
  StoredCmmRule,
  UpdateCredentialRequest,
  UpdateStaffRequest,
  VerifyCredentialRequest,
} from '@clinicops/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { screeningRoutes } from './screening-routes.js';
import { listAlerts, sendCredentialAlerts } from './service/alerts.js';
import { cmmEligibility, complianceMatrix } from './service/compliance.js';
import { addCeRecord, addCredential, listCredentialTypes, updateCredential, verifyCredential } from './service/credentials.js';
import { addFacilityCredential, listFacilityCredentials } from './service/facility-credentials.js';
import { addPayBenchmark, listPayBenchmarks, setCmmRule, storedCmmRule } from './service/reference.js';
import { createStaff, getStaff, listStaff, updateStaff } from './service/staff.js';

const tags = ['staff'];

export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(screeningRoutes);
  app.get(
    '/api/staff',
    {
      schema: {
        tags,
        summary: 'Staff of the facilities you may see (needs staff:read)',
        querystring: StaffListQuery,
        response: { 200: z.array(StaffMember) },
      },
    },
    async (request) => listStaff(request.ctx, request.query),
  );
  app.post(
    '/api/staff',
    {
      schema: {
        tags,
        summary: 'Add a staff member (needs staff:write)',
        body: CreateStaffRequest,
        response: { 201: StaffDetail },
      },
    },
    async (request, reply) => reply.status(201).send(await createStaff(request.ctx, request.body)),
  );
  app.get(
    '/api/staff/credential-types',
    { schema: { tags, summary: 'The credential catalogue (needs staff:read)', response: { 200: z.array(CredentialType) } } },
    async (request) => listCredentialTypes(request.ctx),
  );
  app.get(
    '/api/staff/compliance',
    {
      schema: {
        tags,
        summary: 'Compliance matrix: staff by required credentials, with status (needs staff:read)',
        querystring: ComplianceQuery,
        response: { 200: ComplianceMatrix },
      },
    },
    async (request) => complianceMatrix(request.ctx, request.query),
  );
  app.get(
    '/api/staff/alerts',
    {
      schema: {
        tags,
        summary:
          'Credential alerts due today: expiring within 90/60/30 days or expired, CE behind, exclusion matches to review (needs staff:read)',
        response: { 200: z.array(StaffAlert) },
      },
    },
    async (request) => listAlerts(request.ctx),
  );
  app.post(
    '/api/staff/alerts/send',
    {
      schema: {
        tags,
        summary:
          "Queue today's alert emails now, as the daily job does; nothing already mailed is mailed again (needs staff:write)",
        body: SendAlertsRequest,
        response: { 200: AlertRun },
      },
    },
    async (request) => sendCredentialAlerts(request.ctx),
  );
  app.get(
    '/api/staff/cmm-rule',
    {
      schema: {
        tags,
        summary: "The organization's CMM eligibility rule (the product default until changed) (needs staff:read)",
        response: { 200: StoredCmmRule },
      },
    },
    async (request) => storedCmmRule(request.ctx),
  );
  app.put(
    '/api/staff/cmm-rule',
    {
      schema: {
        tags,
        summary:
          "Change the organization's CMM eligibility rule: experience, credits, credits waived per extra year (needs staff:write)",
        body: CmmEligibilityRule,
        response: { 200: StoredCmmRule },
      },
    },
    async (request) => setCmmRule(request.ctx, request.body),
  );
  app.get(
    '/api/staff/pay-benchmarks',
    {
      schema: {
        tags,
        summary:
          'Reference pay (BLS medians) for the manager positions, dated and with their source, newest first (needs staff:read)',
        response: { 200: z.array(PayBenchmark) },
      },
    },
    async (request) => listPayBenchmarks(request.ctx),
  );
  app.post(
    '/api/staff/pay-benchmarks',
    {
      schema: {
        tags,
        summary: 'Add a newer reference pay figure with its date and source (needs staff:write)',
        body: CreatePayBenchmarkRequest,
        response: { 201: PayBenchmark },
      },
    },
    async (request, reply) => reply.status(201).send(await addPayBenchmark(request.ctx, request.body)),
  );
  app.get(
    '/api/staff/facility-credentials',
    {
      schema: {
        tags,
        summary: "Facilities' own credentials (CLIA certificates) in the facilities you may see (needs staff:read)",
        querystring: FacilityCredentialsQuery,
        response: { 200: z.array(Credential) },
      },
    },
    async (request) => listFacilityCredentials(request.ctx, request.query),
  );
  app.post(
    '/api/staff/facility-credentials',
    {
      schema: {
        tags,
        summary: "Record a facility's own credential, such as its CLIA certificate (needs staff:write)",
        body: CreateFacilityCredentialRequest,
        response: { 201: Credential },
      },
    },
    async (request, reply) => reply.status(201).send(await addFacilityCredential(request.ctx, request.body)),
  );
  app.post(
    '/api/staff/cmm-eligibility',
    {
      schema: {
        tags,
        summary: 'Certified Medical Manager eligibility calculator (needs staff:read)',
        body: CmmEligibilityRequest,
        response: { 200: CmmEligibilityResult },
      },
    },
    async (request) => cmmEligibility(request.ctx, request.body),
  );
  app.get(
    '/api/staff/:id',
    {
      schema: {
        tags,
        summary: 'One staff member with credentials and CE (needs staff:read)',
        params: IdParams,
        response: { 200: StaffDetail },
      },
    },
    async (request) => getStaff(request.ctx, request.params.id),
  );
  app.patch(
    '/api/staff/:id',
    {
      schema: {
        tags,
        summary: 'Change a staff member (needs staff:write)',
        params: IdParams,
        body: UpdateStaffRequest,
        response: { 200: StaffDetail },
      },
    },
    async (request) => updateStaff(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/staff/:id/credentials',
    {
      schema: {
        tags,
        summary: 'Record a credential (needs staff:write)',
        params: IdParams,
        body: CreateCredentialRequest,
        response: { 201: Credential },
      },
    },
    async (request, reply) => reply.status(201).send(await addCredential(request.ctx, request.params.id, request.body)),
  );
  app.post(
    '/api/staff/:id/ce-records',
    {
      schema: {
        tags,
        summary: 'Record continuing education (needs staff:write)',
        params: IdParams,
        body: CreateCeRecordRequest,
        response: { 201: CeRecord },
      },
    },
    async (request, reply) => reply.status(201).send(await addCeRecord(request.ctx, request.params.id, request.body)),
  );
  app.patch(
    '/api/staff/credentials/:id',
    {
      schema: {
        tags,
        summary: 'Change or renew a credential (needs staff:write)',
        params: IdParams,
        body: UpdateCredentialRequest,
        response: { 200: Credential },
      },
    },
    async (request) => updateCredential(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/staff/credentials/:id/verify',
    {
      schema: {
        tags,
        summary: 'Mark a credential verified (needs staff:write)',
        params: IdParams,
        body: VerifyCredentialRequest,
        response: { 200: Credential },
      },
    },
    async (request) => verifyCredential(request.ctx, request.params.id, request.body),
  );
};
