import { AppointmentLinkAction, AppointmentLinkView, ReminderRun, ReminderSettings } from '@clinicops/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { outboxSmsSender } from '../../platform/sms/sms.js';
import * as reminders from './reminder-service.js';

const tags = ['scheduling'];
const Token = z.object({ token: z.string().max(300) });

export const reminderRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/scheduling/reminder-settings',
    {
      schema: {
        tags,
        summary: 'When appointment reminders go out (minutes before the start) and over which channels (needs appointments:read)',
        response: { 200: ReminderSettings },
      },
    },
    async (request) => reminders.getReminderSettings(request.ctx),
  );
  app.put(
    '/api/scheduling/reminder-settings',
    {
      schema: {
        tags,
        summary: "Change the organization's reminder offsets and channels (needs rostering:write)",
        body: ReminderSettings,
        response: { 200: ReminderSettings },
      },
    },
    async (request) => reminders.updateReminderSettings(request.ctx, request.body),
  );
  app.post(
    '/api/scheduling/reminders/run',
    {
      schema: {
        tags,
        summary: 'Queue the reminders due now, as the five-minute job does; nothing is queued twice (needs appointments:write)',
        response: { 200: ReminderRun },
      },
    },
    async (request) => reminders.sendDueReminders(request.ctx, outboxSmsSender),
  );
  // The patient's link from a reminder: no sign-in, the signed token is the credential. Not part
  // of the JSON API for staff, so not in its OpenAPI document (like the calendar feed).
  app.get(
    '/api/appointment-links/:token',
    { config: { auth: 'public' }, schema: { hide: true, params: Token, response: { 200: AppointmentLinkView } } },
    async (request) => reminders.readAppointmentLink(request.ctx, request.params.token),
  );
  app.post(
    '/api/appointment-links/:token/:action',
    {
      config: { auth: 'public' },
      schema: { hide: true, params: Token.extend({ action: AppointmentLinkAction }), response: { 200: AppointmentLinkView } },
    },
    async (request) => reminders.actOnAppointmentLink(request.ctx, request.params.token, request.params.action),
  );
};
