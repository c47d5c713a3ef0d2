import { Dashboard, type DashboardCard } from '@clinicops/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { complianceCards } from '../compliance/index.js';
import { encounterCards } from '../encounters/index.js';
import { organizationCards } from '../organization/index.js';
import { patientCards } from '../patients/index.js';
import { accessRequestCards } from '../records/index.js';
import { rosteringCards } from '../rostering/index.js';
import { indicatorCards, schedulingCards } from '../scheduling/index.js';
import { staffCards } from '../staff/index.js';

/** Each module that has something to say on the dashboard adds its card provider here. */
const providers: ((ctx: Ctx) => Promise<DashboardCard[]>)[] = [
  organizationCards,
  complianceCards,
  patientCards,
  encounterCards,
  accessRequestCards,
  staffCards,
  schedulingCards,
  rosteringCards,
  indicatorCards,
];

async function loadDashboard(ctx: Ctx) {
  if (!ctx.actor) throw new AppError('unauthenticated', 'Sign in first');
  const cards = (await Promise.all(providers.map((p) => p(ctx)))).flat();
  return { cards };
}

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dashboard',
    { schema: { tags: ['dashboard'], summary: 'Cards for the signed-in user', response: { 200: Dashboard } } },
    async (request) => loadDashboard(request.ctx),
  );
};
