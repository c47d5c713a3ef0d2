import {
  Colleague,
  ColleaguesQuery,
  CoverageDemand,
  CreateCoverageDemandRequest,
  CreateLeaveRequest,
  CreateRosterRequest,
  CreateRosterUnitRequest,
  CreateShiftRequestRequest,
  CreateShiftTypeRequest,
  CreateSwapRequest,
  DateRangeQuery,
  DecideSwapRequest,
  EvaluateDraftRequest,
  IdParams,
  Leave,
  MyShifts,
  MyShiftsQuery,
  OpenShift,
  OpenShiftQuery,
  RosterDetail,
  RosterEvaluation,
  RosterQuery,
  RosterSummary,
  RosterUnit,
  RosterUnitQuery,
  SetStaffContractRequest,
  ShiftFeedLink,
  ShiftRequest,
  ShiftType,
  StaffContract,
  SwapRequest,
  UnitQuery,
  UpdateAssignmentsRequest,
  UpdateRosterUnitRequest,
  UpdateShiftTypeRequest,
  VersionRequest,
} from '@clinicops/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import type { JobQueue } from '../../platform/jobs.js';
import * as contracts from './service/contracts.js';
import * as rosters from './service/rosters.js';
import * as self from './service/self.js';
import * as setup from './service/setup.js';
import { solveRoutes } from './solve-routes.js';

const tags = ['rostering'];

/** `jobs`: the queue solves go to (solve-routes.ts); without it (a test app without jobs) solving answers 503. */
export const rosteringRoutes: FastifyPluginAsyncZod<{ jobs?: JobQueue }> = async (app, opts) => {
  app.get(
    '/api/rostering/units',
    {
      schema: {
        tags,
        summary: 'Units of the facilities you see (needs rostering:read)',
        querystring: RosterUnitQuery,
        response: { 200: z.array(RosterUnit) },
      },
    },
    async (request) => setup.listUnits(request.ctx, request.query.facilityId),
  );
  app.post(
    '/api/rostering/units',
    {
      schema: {
        tags,
        summary: 'Create a unit (needs rostering:write)',
        body: CreateRosterUnitRequest,
        response: { 201: RosterUnit },
      },
    },
    async (request, reply) => reply.status(201).send(await setup.createUnit(request.ctx, request.body)),
  );
  app.patch(
    '/api/rostering/units/:id',
    {
      schema: {
        tags,
        summary: 'Rename a unit or change its minimum rest between shifts (needs rostering:write)',
        params: IdParams,
        body: UpdateRosterUnitRequest,
        response: { 200: RosterUnit },
      },
    },
    async (request) => setup.updateUnit(request.ctx, request.params.id, request.body),
  );
  app.get(
    '/api/rostering/shift-types',
    {
      schema: {
        tags,
        summary: 'Shift types of a unit (needs rostering:read)',
        querystring: UnitQuery,
        response: { 200: z.array(ShiftType) },
      },
    },
    async (request) => setup.listShiftTypes(request.ctx, request.query.unitId),
  );
  app.post(
    '/api/rostering/shift-types',
    {
      schema: {
        tags,
        summary: 'Create a shift type (needs rostering:write)',
        body: CreateShiftTypeRequest,
        response: { 201: ShiftType },
      },
    },
    async (request, reply) => reply.status(201).send(await setup.createShiftType(request.ctx, request.body)),
  );
  app.patch(
    '/api/rostering/shift-types/:id',
    {
      schema: {
        tags,
        summary: 'Change a shift type (needs rostering:write)',
        params: IdParams,
        body: UpdateShiftTypeRequest,
        response: { 200: ShiftType },
      },
    },
    async (request) => setup.updateShiftType(request.ctx, request.params.id, request.body),
  );
  app.get(
    '/api/rostering/demand',
    {
      schema: {
        tags,
        summary: 'Coverage demand of a unit (needs rostering:read)',
        querystring: UnitQuery,
        response: { 200: z.array(CoverageDemand) },
      },
    },
    async (request) => setup.listDemands(request.ctx, request.query.unitId),
  );
  app.put(
    '/api/rostering/demand',
    {
      schema: {
        tags,
        summary: 'Set the demand of a shift and position for a weekday or a date (needs rostering:write)',
        body: CreateCoverageDemandRequest,
        response: { 200: CoverageDemand },
      },
    },
    async (request) => setup.setDemand(request.ctx, request.body),
  );
  app.delete(
    '/api/rostering/demand/:id',
    {
      schema: {
        tags,
        summary: 'Remove a date exception of the demand (needs rostering:write)',
        description:
          'Deletes the demand row `id` set for one date (`onDate`), so that the date is required its weekday’s figure ' +
          'again. A weekday figure cannot be removed (409): set it to 0 for no demand. The ids are those of GET ' +
          '/api/rostering/demand; setting a figure again with PUT replaces the row and gives it a new id.',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await setup.removeDemandException(request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/rostering/leave',
    {
      schema: {
        tags,
        summary: 'Approved leave in a facility between two dates (needs rostering:write)',
        querystring: DateRangeQuery,
        response: { 200: z.array(Leave) },
      },
    },
    async (request) => setup.listLeave(request.ctx, request.query.facilityId, request.query.from, request.query.to),
  );
  app.post(
    '/api/rostering/leave',
    {
      schema: {
        tags,
        summary: 'Record approved leave (hard for the roster) (needs rostering:write)',
        body: CreateLeaveRequest,
        response: { 201: Leave },
      },
    },
    async (request, reply) => reply.status(201).send(await setup.createLeave(request.ctx, request.body)),
  );
  app.get(
    '/api/rostering/requests',
    {
      schema: {
        tags,
        summary: 'Shift requests in a facility between two dates (needs rostering:write)',
        querystring: DateRangeQuery,
        response: { 200: z.array(ShiftRequest) },
      },
    },
    async (request) => setup.listShiftRequests(request.ctx, request.query.facilityId, request.query.from, request.query.to),
  );
  app.post(
    '/api/rostering/requests',
    {
      schema: {
        tags,
        summary: 'Record a request to work or not work a shift (soft, weighted) (needs rostering:write)',
        body: CreateShiftRequestRequest,
        response: { 201: ShiftRequest },
      },
    },
    async (request, reply) => reply.status(201).send(await setup.createShiftRequest(request.ctx, request.body)),
  );
  app.get(
    '/api/rostering/contracts/:id',
    {
      schema: {
        tags,
        summary: 'A staff member’s contract limits (their own or their employment type’s defaults) (needs rostering:read)',
        params: IdParams,
        response: { 200: StaffContract },
      },
    },
    async (request) => contracts.getContract(request.ctx, request.params.id),
  );
  app.put(
    '/api/rostering/contracts/:id',
    {
      schema: {
        tags,
        summary: 'Set a staff member’s own contract limits (needs rostering:write)',
        params: IdParams,
        body: SetStaffContractRequest,
        response: { 200: StaffContract },
      },
    },
    async (request) => contracts.setContract(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/rosters',
    {
      schema: {
        tags,
        summary: 'Rosters of the facilities you see (needs rostering:read)',
        querystring: RosterQuery,
        response: { 200: z.array(RosterSummary) },
      },
    },
    async (request) => rosters.listRosters(request.ctx, request.query.facilityId),
  );
  app.post(
    '/api/rosters',
    {
      schema: {
        tags,
        summary: 'Create an empty draft roster for a unit (needs rostering:write)',
        body: CreateRosterRequest,
        response: { 201: RosterDetail },
      },
    },
    async (request, reply) => reply.status(201).send(await rosters.createRoster(request.ctx, request.body)),
  );
  app.get(
    '/api/rosters/:id',
    {
      schema: {
        tags,
        summary: 'A roster with its assignments and the evaluator’s verdict (needs rostering:write)',
        params: IdParams,
        response: { 200: RosterDetail },
      },
    },
    async (request) => rosters.getRoster(request.ctx, request.params.id),
  );
  app.post(
    '/api/rosters/:id/evaluate',
    {
      schema: {
        tags,
        summary:
          'Evaluate a draft of the roster without storing it: violations, penalty, coverage, overtime (needs rostering:write)',
        params: IdParams,
        body: EvaluateDraftRequest,
        response: { 200: RosterEvaluation },
      },
    },
    async (request) => rosters.evaluateDraft(request.ctx, request.params.id, request.body),
  );
  app.patch(
    '/api/rosters/:id/assignments',
    {
      schema: {
        tags,
        summary: 'Change assignments; 409 when the roster changed since the version sent (needs rostering:write)',
        params: IdParams,
        body: UpdateAssignmentsRequest,
        response: { 200: RosterDetail },
      },
    },
    async (request) => rosters.updateAssignments(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/rosters/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish the roster to its people (needs rostering:write)',
        params: IdParams,
        body: VersionRequest,
        response: { 200: RosterDetail },
      },
    },
    async (request) => rosters.publishRoster(request.ctx, request.params.id, request.body.version),
  );
  await app.register(solveRoutes, opts);

  app.get(
    '/api/my/shifts',
    {
      schema: {
        tags,
        summary: 'Your published shifts (needs rostering:read)',
        querystring: MyShiftsQuery,
        response: { 200: MyShifts },
      },
    },
    async (request) => self.myShifts(request.ctx, request.query),
  );
  app.get(
    '/api/my/colleagues',
    {
      schema: {
        tags,
        summary: 'Colleagues in your position on a published roster, to ask for a swap (needs rostering:read)',
        querystring: ColleaguesQuery,
        response: { 200: z.array(Colleague) },
      },
    },
    async (request) => self.myColleagues(request.ctx, request.query.rosterId),
  );
  app.post(
    '/api/my/shifts/feed',
    {
      schema: {
        tags,
        summary: 'A new private iCalendar feed URL of your shifts; the old one stops working (needs rostering:read)',
        response: { 200: ShiftFeedLink },
      },
    },
    async (request) => self.createFeedLink(request.ctx),
  );
  app.get(
    '/api/rostering/feed/:token',
    {
      config: { auth: 'public' },
      schema: { hide: true, params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{32}\.ics$/) }) },
    },
    async (request, reply) => {
      const ics = await self.feedCalendar(request.ctx.db, request.params.token.replace(/\.ics$/, ''), request.ctx.clock.now());
      if (ics === null) throw notFound('Calendar feed');
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(ics);
    },
  );
  app.get(
    '/api/open-shifts',
    {
      schema: {
        tags,
        summary: 'Open shifts of the facilities you see (needs rostering:read)',
        querystring: OpenShiftQuery,
        response: { 200: z.array(OpenShift) },
      },
    },
    async (request) => self.listOpenShifts(request.ctx, request.query.status),
  );
  app.post(
    '/api/open-shifts/:id/claim',
    {
      schema: {
        tags,
        summary: 'Take an open shift if you are qualified and free (needs self:write)',
        params: IdParams,
        response: { 200: OpenShift },
      },
    },
    async (request) => self.claimOpenShift(request.ctx, request.params.id),
  );
  app.get(
    '/api/swap-requests',
    {
      schema: {
        tags,
        summary: 'Swap requests: all for managers, your own otherwise (needs rostering:read)',
        response: { 200: z.array(SwapRequest) },
      },
    },
    async (request) => self.listSwaps(request.ctx),
  );
  app.post(
    '/api/swap-requests',
    {
      schema: {
        tags,
        summary: 'Ask to hand your shift on a date to a colleague (needs self:write)',
        body: CreateSwapRequest,
        response: { 201: SwapRequest },
      },
    },
    async (request, reply) => reply.status(201).send(await self.requestSwap(request.ctx, request.body)),
  );
  app.post(
    '/api/swap-requests/:id/decision',
    {
      schema: {
        tags,
        summary: 'Approve or reject a swap, re-checked by the evaluator and the credential gate (needs rostering:write)',
        params: IdParams,
        body: DecideSwapRequest,
        response: { 200: SwapRequest },
      },
    },
    async (request) => self.decideSwap(request.ctx, request.params.id, request.body),
  );
};
