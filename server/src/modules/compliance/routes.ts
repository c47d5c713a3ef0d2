import { AuditPage, AuditQuery, BreakGlassAccess, IdParams, ReviewBreakGlassRequest } from '@clinicops/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.js';

const tags = ['compliance'];

export const complianceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags,
        summary: 'Search the audit trail (needs audit:read)',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => service.searchAuditLog(request.ctx, request.query),
  );
  app.get(
    '/api/audit/export.csv',
    {
      schema: {
        tags,
        summary: 'Export the filtered audit trail as CSV (audited; needs audit:read)',
        querystring: AuditQuery,
        produces: ['text/csv'],
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const csv = await service.exportAuditLog(request.ctx, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`)
        .send(csv);
    },
  );
  app.get(
    '/api/audit/break-glass',
    { schema: { tags, summary: 'Emergency accesses (needs audit:read)', response: { 200: z.array(BreakGlassAccess) } } },
    async (request) => service.listBreakGlassAccesses(request.ctx),
  );
  app.post(
    '/api/audit/break-glass/:id/review',
    {
      schema: {
        tags,
        summary: 'Review an emergency access (needs break_glass:review)',
        params: IdParams,
        body: ReviewBreakGlassRequest,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await service.reviewBreakGlassAccess(request.ctx, request.params.id, request.body.note);
      return reply.status(204).send(null);
    },
  );
};
