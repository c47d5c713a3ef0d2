import {
  AppointmentType,
  AvailabilityException,
  AvailabilityTemplate,
  IdParams,
  Resource,
  UpdateAppointmentTypeRequest,
  UpdateExceptionRequest,
  UpdateResourceRequest,
  UpdateTemplateRequest,
} from '@clinicops/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as setup from './setup-update-service.js';

const tags = ['scheduling'];

export const setupUpdateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/api/scheduling/resources/:id',
    {
      schema: {
        tags,
        summary: 'Rename a resource, or deactivate it so it is no longer offered (needs appointments:write)',
        params: IdParams,
        body: UpdateResourceRequest,
        response: { 200: Resource },
      },
    },
    async (request) => setup.updateResource(request.ctx, request.params.id, request.body),
  );
  app.patch(
    '/api/scheduling/appointment-types/:id',
    {
      schema: {
        tags,
        summary: 'Change an appointment type, or deactivate it; booked appointments keep their times (needs appointments:write)',
        params: IdParams,
        body: UpdateAppointmentTypeRequest,
        response: { 200: AppointmentType },
      },
    },
    async (request) => setup.updateType(request.ctx, request.params.id, request.body),
  );
  app.patch(
    '/api/scheduling/templates/:id',
    {
      schema: {
        tags,
        summary: 'Change weekly hours, or end them on a date (needs appointments:write)',
        params: IdParams,
        body: UpdateTemplateRequest,
        response: { 200: AvailabilityTemplate },
      },
    },
    async (request) => setup.updateTemplate(request.ctx, request.params.id, request.body),
  );
  app.patch(
    '/api/scheduling/exceptions/:id',
    {
      schema: {
        tags,
        summary: 'Change a closure, leave or blocked time (needs appointments:write)',
        params: IdParams,
        body: UpdateExceptionRequest,
        response: { 200: AvailabilityException },
      },
    },
    async (request) => setup.updateException(request.ctx, request.params.id, request.body),
  );
  app.delete(
    '/api/scheduling/exceptions/:id',
    {
      schema: {
        tags,
        summary: 'Remove a closure, leave or blocked time entered by mistake (needs appointments:write)',
        params: IdParams,
      },
    },
    async (request, reply) => {
      await setup.deleteException(request.ctx, request.params.id);
      return reply.status(204).send();
    },
  );
};
