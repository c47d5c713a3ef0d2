import {
  AddToWaitlistRequest,
  Appointment,
  AppointmentQuery,
  AppointmentStepParams,
  AppointmentType,
  AvailabilityException,
  AvailabilityTemplate,
  BookAppointmentRequest,
  BookSeriesRequest,
  CancelRequest,
  CreateAppointmentTypeRequest,
  CreateExceptionRequest,
  CreateResourceRequest,
  CreateTemplateRequest,
  ExceptionQuery,
  FacilityQuery,
  FeedLink,
  IdParams,
  IndicatorQuery,
  RescheduleRequest,
  Resource,
  ResourceQuery,
  SchedulingIndicators,
  SeriesResult,
  SlotQuery,
  SlotSearchResult,
  TemplateQuery,
  ThirdNextAvailable,
  ThirdNextAvailableQuery,
  WaitlistEntry,
} from '@clinicops/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import * as booking from './booking-service.js';
import * as feed from './feed-service.js';
import * as indicators from './indicator-service.js';
import { reminderRoutes } from './reminder-routes.js';
import { setupUpdateRoutes } from './setup-routes.js';
import * as setup from './setup-service.js';
import * as slots from './slot-service.js';
import * as visits from './visit-service.js';
import * as waitlist from './waitlist-service.js';

const tags = ['scheduling'];

export const schedulingRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(reminderRoutes);
  await app.register(setupUpdateRoutes);
  app.get(
    '/api/scheduling/resources',
    {
      schema: {
        tags,
        summary: 'Providers, rooms and equipment that can be booked (needs appointments:read)',
        querystring: ResourceQuery,
        response: { 200: z.array(Resource) },
      },
    },
    async (request) => setup.listResources(request.ctx, request.query),
  );
  app.post(
    '/api/scheduling/resources',
    {
      schema: {
        tags,
        summary: 'Add a bookable provider (a staff member), room or piece of equipment (needs appointments:write)',
        body: CreateResourceRequest,
        response: { 201: Resource },
      },
    },
    async (request, reply) => reply.status(201).send(await setup.createResource(request.ctx, request.body)),
  );
  app.post(
    '/api/scheduling/resources/:id/feed',
    {
      schema: {
        tags,
        summary: "A new private iCalendar URL for a provider's appointments; revokes the previous one (needs appointments:write)",
        params: IdParams,
        response: { 201: FeedLink },
      },
    },
    async (request, reply) => reply.status(201).send(await feed.createFeedLink(request.ctx, request.params.id)),
  );
  // Read by calendar apps, which cannot sign in: the token in the URL is the credential. Not part
  // of the JSON API, so not in its OpenAPI document.
  app.get(
    '/api/scheduling/feed/:token',
    { config: { auth: 'public' }, schema: { hide: true, params: z.object({ token: z.string().max(120) }) } },
    async (request, reply) => {
      const body = await feed.readFeed(request.ctx, request.params.token, request.hostname.split(':')[0] ?? 'clinicops');
      if (body === null) throw new AppError('not_found', 'No such calendar feed');
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .header('content-disposition', 'inline; filename="appointments.ics"')
        .send(body);
    },
  );
  app.get(
    '/api/scheduling/appointment-types',
    {
      schema: {
        tags,
        summary: 'Appointment types with duration, buffer and required resources (needs appointments:read)',
        querystring: FacilityQuery,
        response: { 200: z.array(AppointmentType) },
      },
    },
    async (request) => setup.listTypes(request.ctx, request.query),
  );
  app.post(
    '/api/scheduling/appointment-types',
    {
      schema: {
        tags,
        summary: 'Add an appointment type (needs appointments:write)',
        body: CreateAppointmentTypeRequest,
        response: { 201: AppointmentType },
      },
    },
    async (request, reply) => reply.status(201).send(await setup.createType(request.ctx, request.body)),
  );
  app.get(
    '/api/scheduling/templates',
    {
      schema: {
        tags,
        summary: "Providers' weekly hours (needs appointments:read)",
        querystring: TemplateQuery,
        response: { 200: z.array(AvailabilityTemplate) },
      },
    },
    async (request) => setup.listTemplates(request.ctx, request.query),
  );
  app.post(
    '/api/scheduling/templates',
    {
      schema: {
        tags,
        summary: "Add weekly hours for a provider: an RRULE with local times in the facility's zone (needs appointments:write)",
        body: CreateTemplateRequest,
        response: { 201: AvailabilityTemplate },
      },
    },
    async (request, reply) => reply.status(201).send(await setup.createTemplate(request.ctx, request.body)),
  );
  app.get(
    '/api/scheduling/exceptions',
    {
      schema: {
        tags,
        summary: 'Holidays, leave and blocked time (needs appointments:read)',
        querystring: ExceptionQuery,
        response: { 200: z.array(AvailabilityException) },
      },
    },
    async (request) => setup.listExceptions(request.ctx, request.query),
  );
  app.post(
    '/api/scheduling/exceptions',
    {
      schema: {
        tags,
        summary: 'Close a resource, or with no resource the whole facility, for a time (needs appointments:write)',
        body: CreateExceptionRequest,
        response: { 201: AvailabilityException },
      },
    },
    async (request, reply) => reply.status(201).send(await setup.createException(request.ctx, request.body)),
  );
  app.get(
    '/api/scheduling/slots',
    {
      schema: {
        tags,
        summary: 'Next open slots for an appointment type, every required resource free at once (needs appointments:read)',
        querystring: SlotQuery,
        response: { 200: SlotSearchResult },
      },
    },
    async (request) => slots.searchSlots(request.ctx, request.query),
  );
  app.get(
    '/api/scheduling/third-next-available',
    {
      schema: {
        tags,
        summary: 'Days to the third next available slot per provider (IHI) (needs appointments:read)',
        querystring: ThirdNextAvailableQuery,
        response: { 200: ThirdNextAvailable },
      },
    },
    async (request) => slots.thirdNextAvailable(request.ctx, request.query),
  );
  app.get(
    '/api/scheduling/indicators',
    {
      schema: {
        tags,
        summary: 'No-show rate, utilization, wait and cycle times per provider (rules.md 10) (needs appointments:read)',
        querystring: IndicatorQuery,
        response: { 200: SchedulingIndicators },
      },
    },
    async (request) => indicators.schedulingIndicators(request.ctx, request.query),
  );
  app.get(
    '/api/scheduling/waitlist',
    {
      schema: {
        tags,
        summary: 'Patients waiting for an earlier appointment, first come first; audited (needs appointments:read)',
        querystring: FacilityQuery,
        response: { 200: z.array(WaitlistEntry) },
      },
    },
    async (request) => waitlist.listWaitlist(request.ctx, request.query),
  );
  app.post(
    '/api/scheduling/waitlist',
    {
      schema: {
        tags,
        summary: 'Put a patient on the waitlist for a type, a date window and optionally a provider (needs appointments:write)',
        body: AddToWaitlistRequest,
        response: { 201: WaitlistEntry },
      },
    },
    async (request, reply) => reply.status(201).send(await waitlist.addToWaitlist(request.ctx, request.body)),
  );
  app.post(
    '/api/scheduling/waitlist/:id/remove',
    {
      schema: {
        tags,
        summary: 'Take an entry off the waitlist (needs appointments:write)',
        params: IdParams,
        response: { 200: WaitlistEntry },
      },
    },
    async (request) => waitlist.removeFromWaitlist(request.ctx, request.params.id),
  );
  app.get(
    '/api/appointments/:id/waitlist-proposals',
    {
      schema: {
        tags,
        summary:
          'For a cancelled or missed appointment still ahead, the best waitlist candidates; audited (needs appointments:read)',
        params: IdParams,
        response: { 200: z.array(WaitlistEntry) },
      },
    },
    async (request) => waitlist.waitlistProposals(request.ctx, request.params.id),
  );
  app.get(
    '/api/appointments',
    {
      schema: {
        tags,
        summary: 'Appointments starting on the given local dates, with patient names; audited (needs appointments:read)',
        querystring: AppointmentQuery,
        response: { 200: z.array(Appointment) },
      },
    },
    async (request) => visits.listAppointments(request.ctx, request.query),
  );
  app.post(
    '/api/appointments',
    {
      schema: {
        tags,
        summary:
          'Book an appointment; 409 when the time is taken; overbooking also takes rostering:write (needs appointments:write)',
        body: BookAppointmentRequest,
        response: { 201: Appointment },
      },
    },
    async (request, reply) => reply.status(201).send(await booking.bookAppointment(request.ctx, request.body)),
  );
  app.get(
    '/api/patients/:id/appointments',
    {
      schema: {
        tags,
        summary: "A patient's appointments, newest first, at most 100 (needs appointments:read)",
        params: IdParams,
        response: { 200: z.array(Appointment) },
      },
    },
    async (request) => visits.listPatientAppointments(request.ctx, request.params.id),
  );
  app.post(
    '/api/appointments/series',
    {
      schema: {
        tags,
        summary: 'Book a weekly series, reporting a conflict per occurrence (needs appointments:write)',
        body: BookSeriesRequest,
        response: { 200: SeriesResult },
      },
    },
    async (request) => booking.bookSeries(request.ctx, request.body),
  );
  app.get(
    '/api/appointments/:id',
    {
      schema: {
        tags,
        summary: 'One appointment, audited (needs appointments:read)',
        params: IdParams,
        response: { 200: Appointment },
      },
    },
    async (request) => visits.getAppointment(request.ctx, request.params.id),
  );
  app.post(
    '/api/appointments/:id/reschedule',
    {
      schema: {
        tags,
        summary: 'Move a booked appointment, with the same checks as booking (needs appointments:write)',
        params: IdParams,
        body: RescheduleRequest,
        response: { 200: Appointment },
      },
    },
    async (request) => booking.rescheduleAppointment(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/appointments/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel with a reason; frees the time (needs appointments:write)',
        params: IdParams,
        body: CancelRequest,
        response: { 200: Appointment },
      },
    },
    async (request) => visits.advanceAppointment(request.ctx, request.params.id, 'cancel', request.body.reason),
  );
  app.post(
    '/api/appointments/:id/:step',
    {
      schema: {
        tags,
        summary: 'A front-desk step: check-in, room, see, check-out or no-show, timestamped (needs appointments:write)',
        params: AppointmentStepParams,
        response: { 200: Appointment },
      },
    },
    async (request) => visits.advanceAppointment(request.ctx, request.params.id, request.params.step),
  );
};
