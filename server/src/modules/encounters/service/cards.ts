import type { DashboardCard } from '@clinicops/contracts';
import { type Ctx } from '../../../platform/context.js';
import { type MergeStep } from '../../patients/index.js';
import * as q from '../queries.js';

/** Moves the duplicate's encounters to the survivor when two patient records are merged. */
export const encounterMergeStep: MergeStep = {
  name: 'encounters',
  async move(tx, from, to) {
    return q.reassignEncounters(tx.db, tx.organizationId, from, to);
  },
};

export async function encounterCards(ctx: Ctx): Promise<DashboardCard[]> {
  if (!ctx.actor?.permissions.has('patients:read')) return [];
  const now = ctx.clock.now();
  const c = await q.encounterCounts(
    ctx.db,
    ctx.organizationId,
    ctx.actor.facilityIds,
    new Date(now.getTime() - 7 * 86_400_000),
    now,
  );
  const open = Number(c.open);
  return [
    {
      key: 'encounters.finished-week',
      title: 'Visits this week',
      value: String(Number(c.finishedWeek)),
      tone: 'neutral',
      detail: 'Finished visits in the last 7 days, across your facilities',
      href: '/patients',
    },
    {
      key: 'encounters.unfinished',
      title: 'Unfinished encounters',
      value: String(open),
      tone: open > 0 ? 'warning' : 'ok',
      detail: open > 0 ? 'In progress, or planned with a start in the past: finish or cancel them so they can be billed' : null,
      href: '/patients',
    },
  ];
}
