import {
  CreatedUser,
  CreateUserRequest,
  Facility,
  IdParams,
  ResetPasswordResult,
  SetWorkweekRequest,
  UpdateUserRequest,
  User,
  UserListQuery,
  Workweek,
} from '@clinicops/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.js';
import { getWorkweek, setWorkweek } from './workweek-service.js';

export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/facilities',
    { schema: { tags: ['organization'], summary: 'Facilities the user may see', response: { 200: z.array(Facility) } } },
    async (request) => service.listFacilities(request.ctx),
  );
  app.get(
    '/api/facilities/:id/workweek',
    {
      schema: {
        tags: ['organization'],
        summary: 'When the facility’s FLSA workweek begins (needs facilities:read)',
        description: 'The day and local hour the 168-hour workweek begins (29 CFR 778.105); Monday 00:00 unless changed.',
        params: IdParams,
        response: { 200: Workweek },
      },
    },
    async (request) => getWorkweek(request.ctx, request.params.id),
  );
  app.put(
    '/api/facilities/:id/workweek',
    {
      schema: {
        tags: ['organization'],
        summary: 'Set when the facility’s FLSA workweek begins (needs facilities:write)',
        description:
          'Overtime projections count hours in this workweek, splitting a shift that crosses its start. `startHour` is the ' +
          'local hour in the facility’s time zone, midnight (0) unless given. Audited with the previous value.',
        params: IdParams,
        body: SetWorkweekRequest,
        response: { 200: Workweek },
      },
    },
    async (request) => setWorkweek(request.ctx, request.params.id, request.body),
  );
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Users (needs users:read)',
        querystring: UserListQuery,
        response: { 200: z.array(User) },
      },
    },
    async (request) => service.listUsers(request.ctx, request.query),
  );
  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Invite a user (needs users:write)',
        body: CreateUserRequest,
        response: { 201: CreatedUser },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createUser(request.ctx, request.body)),
  );
  app.get(
    '/api/users/:id',
    { schema: { tags: ['users'], summary: 'One user (needs users:read)', params: IdParams, response: { 200: User } } },
    async (request) => service.getUser(request.ctx, request.params.id),
  );
  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change roles, facilities, name; deactivate (needs users:write)',
        params: IdParams,
        body: UpdateUserRequest,
        response: { 200: User },
      },
    },
    async (request) => service.updateUser(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        tags: ['users'],
        summary: 'Issue a temporary password (needs users:write)',
        params: IdParams,
        response: { 200: ResetPasswordResult },
      },
    },
    async (request) => service.resetPassword(request.ctx, request.params.id),
  );
};
