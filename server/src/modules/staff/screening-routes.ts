import {
  IdParams,
  LeieStatus,
  ReviewScreeningRequest,
  RunScreeningRequest,
  Screening,
  ScreeningIdentity,
  ScreeningRun,
} from '@clinicops/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  leieStatus,
  reviewQueue,
  reviewScreening,
  runScreening,
  setScreeningIdentity,
  staffScreenings,
} from './service/screening.js';

const tags = ['staff'];

// OIG LEIE exclusion screening. Importing the list is a command (`clinicops import leie FILE`):
// it replaces installation-wide data, which no one organization's user should do.
export const screeningRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/staff/leie',
    {
      schema: {
        tags,
        summary: 'The LEIE list screenings run against: file, checksum, rows, when imported (needs staff:read)',
        response: { 200: LeieStatus },
      },
    },
    async (request) => leieStatus(request.ctx),
  );
  app.post(
    '/api/staff/screenings',
    {
      schema: {
        tags,
        summary: 'Screen active staff (or one person) against the OIG exclusion list, keeping the evidence (needs staff:write)',
        body: RunScreeningRequest,
        response: { 201: ScreeningRun },
      },
    },
    async (request, reply) => reply.status(201).send(await runScreening(request.ctx, request.body)),
  );
  app.get(
    '/api/staff/screenings/review-queue',
    {
      schema: {
        tags,
        summary: 'Possible exclusion matches waiting for review, oldest first; managers and auditors (needs staff:read)',
        response: { 200: z.array(Screening) },
      },
    },
    async (request) => reviewQueue(request.ctx),
  );
  app.post(
    '/api/staff/screenings/:id/review',
    {
      schema: {
        tags,
        summary: 'Decide a possible exclusion match: confirm or clear, with a note (needs staff:write)',
        params: IdParams,
        body: ReviewScreeningRequest,
        response: { 200: Screening },
      },
    },
    async (request) => reviewScreening(request.ctx, request.params.id, request.body),
  );
  app.get(
    '/api/staff/:id/screenings',
    {
      schema: {
        tags,
        summary: "A staff member's exclusion screenings, newest first; managers and auditors (needs staff:read)",
        params: IdParams,
        response: { 200: z.array(Screening) },
      },
    },
    async (request) => staffScreenings(request.ctx, request.params.id),
  );
  app.put(
    '/api/staff/:id/screening-identity',
    {
      schema: {
        tags,
        summary: 'Set the date of birth and former last names searched in exclusion screening (needs staff:write)',
        params: IdParams,
        body: ScreeningIdentity,
        response: { 200: ScreeningIdentity },
      },
    },
    async (request) => setScreeningIdentity(request.ctx, request.params.id, request.body),
  );
};
