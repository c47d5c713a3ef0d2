// Repair mode: after a published roster meets a change (a sick call, a new leave), fill the gap
// with the fewest changes. The same search runs on objective + changeWeight x (assignments that
// differ from the published roster), starting from the published roster with the newly forbidden
// cells emptied and with a cold start temperature, so it stays close to what people were told.
import type { Disallowed, Roster, RosterProblem } from './model.js';
import { annealRoster, type SolveOptions, type SolveResult } from './solver.js';

export type RosterChange = { unavailable: { employee: string; days: readonly number[]; reason?: string }[] };

export type RepairResult = SolveResult & {
  changes: { employee: string; day: number; from: string | null; to: string | null }[];
  /** The problem with the change applied (what the repaired roster was checked against). */
  problem: RosterProblem;
};

/**
 * One changed assignment costs this much by default: a fifth of the usual under-cover weight, so
 * the repair will move up to about five assignments to fill one uncovered place, and leaves
 * request-only improvements (weights 1-3) alone.
 */
export const DEFAULT_CHANGE_WEIGHT = 20;

export function applyChange(problem: RosterProblem, change: RosterChange): RosterProblem {
  const extra: Disallowed[] = change.unavailable.flatMap((u) =>
    u.days.map((day) => ({ employee: u.employee, day, reason: u.reason ?? 'unavailable' })),
  );
  return { ...problem, disallowed: [...(problem.disallowed ?? []), ...extra] };
}

export function repairRoster(
  problem: RosterProblem,
  published: Roster,
  change: RosterChange,
  opts: SolveOptions & { changeWeight?: number } = {},
): RepairResult {
  const changed = applyChange(problem, change);
  const result = annealRoster(changed, {
    heat: 0.05,
    ...opts,
    initial: published,
    reference: { roster: published, changeWeight: opts.changeWeight ?? DEFAULT_CHANGE_WEIGHT },
  });
  const changes: RepairResult['changes'] = [];
  problem.employees.forEach((emp, e) => {
    for (let d = 0; d < problem.horizonDays; d++) {
      const from = published[e]?.[d] ?? null;
      const to = result.roster[e]?.[d] ?? null;
      if (from !== to) changes.push({ employee: emp.id, day: d, from, to });
    }
  });
  return { ...result, changes, problem: changed };
}
