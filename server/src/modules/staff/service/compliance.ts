import type {
  CmmEligibilityRequest,
  CmmEligibilityResult,
  ComplianceMatrix,
  ComplianceQuery,
  CredentialState,
  DashboardCard,
} from '@clinicops/contracts';
import type { Ctx } from '../../../platform/context.js';
import { requirePermission } from '../../../platform/permissions.js';
import { checkCmmEligibility, DEFAULT_CMM_RULE } from '../domain/cmm-eligibility.js';
import { isQualifiedForAll, requirementStatus } from '../domain/qualification.js';
import * as q from '../queries.js';
import { throwIfInvalid, todayIn } from './common.js';
import { heldCredential, requirementCell, toRequirement } from './mappers.js';
import { excludedStaff, screeningCards } from './screening.js';

/** Staff (still employed) with their credentials and their facility's date, in the given facilities. */
async function staffWithCredentials(ctx: Ctx, facilityIds: readonly string[], position?: string) {
  const staff = await q.listStaff(ctx.db, ctx.organizationId, { facilityIds, position });
  const todays = new Map(staff.map((s) => [s.facility_id, todayIn(ctx, s.facility_time_zone)]));
  const active = staff.filter((s) => s.termination_date === null || s.termination_date >= (todays.get(s.facility_id) ?? ''));
  const [credentials, excluded] = await Promise.all([
    q.listCredentials(ctx.db, ctx.organizationId, { facilityIds }),
    excludedStaff(ctx),
  ]);
  // Map.groupBy needs Node 21; Node 20 is supported.
  const byHolder = new Map<string, q.CredentialRow[]>();
  for (const c of credentials) {
    if (c.staff_member_id) byHolder.set(c.staff_member_id, [...(byHolder.get(c.staff_member_id) ?? []), c]);
  }
  return active.map((s) => ({
    row: s,
    today: todays.get(s.facility_id) ?? todayIn(ctx, s.facility_time_zone),
    person: {
      facilityState: s.facility_state,
      credentials: (byHolder.get(s.id) ?? []).map(heldCredential),
      // a confirmed OIG exclusion: never qualified, whatever is held
      excluded: excluded.has(s.id),
    },
  }));
}

export async function complianceMatrix(ctx: Ctx, query: ComplianceQuery): Promise<ComplianceMatrix> {
  const actor = requirePermission(ctx, 'staff:read');
  if (query.facilityId && !actor.facilityIds.includes(query.facilityId)) {
    throwIfInvalid([{ field: 'facilityId', message: 'is not a facility you may see' }]);
  }
  const facilityIds = query.facilityId ? [query.facilityId] : actor.facilityIds;
  const [people, requirementRows] = await Promise.all([
    staffWithCredentials(ctx, facilityIds, query.position),
    q.listRequirements(ctx.db, ctx.organizationId),
  ]);
  const requirements = requirementRows.map(toRequirement);
  const positions = new Set(people.map((p) => p.row.position));
  // Columns that concern the most people come first, so the licences lead and rarities trail.
  const needed = requirements.filter((r) => positions.has(r.position));
  const weight = (family: string) =>
    people.filter((p) => needed.some((r) => r.family === family && r.position === p.row.position)).length;
  const columns = [...new Map(needed.map((r) => [r.family, { family: r.family, label: r.label }])).values()].sort(
    (a, b) => weight(b.family) - weight(a.family) || a.label.localeCompare(b.label),
  );
  const rows = people.map(({ row, today, person }) => {
    const own = requirements.filter((r) => r.position === row.position);
    const cells = columns.map((col) => {
      const req = own.find((r) => r.family === col.family);
      return req ? requirementCell(person, req, today) : null;
    });
    const qualification = isQualifiedForAll(person, own, today);
    return {
      staffMemberId: row.id,
      name: `${row.first_name} ${row.last_name}`,
      position: row.position as ComplianceMatrix['rows'][number]['position'],
      facilityId: row.facility_id,
      qualified: qualification.qualified,
      cells,
    };
  });
  const filtered = query.state ? rows.filter((r) => r.cells.some((c) => c?.state === query.state)) : rows;
  const date = people[0]?.today ?? todayIn(ctx, 'UTC');
  return { date, columns, rows: filtered };
}

/**
 * The dashboard's credential cards. Each credential family a person holds counts once, by its best
 * credential, so a licence renewed early does not also show as expiring.
 */
export async function staffCards(ctx: Ctx): Promise<DashboardCard[]> {
  if (!ctx.actor?.permissions.has('staff:read')) return [];
  const people = await staffWithCredentials(ctx, ctx.actor.facilityIds);
  const counts: Partial<Record<CredentialState, number>> = {};
  for (const { person, today } of people) {
    const families = [...new Set(person.credentials.map((c) => c.family))];
    for (const family of families) {
      const s = requirementStatus(person, { family, label: family, stateBound: false }, today);
      counts[s.state] = (counts[s.state] ?? 0) + 1;
    }
  }
  const card = (key: string, title: string, n: number, tone: DashboardCard['tone'], detail: string): DashboardCard => ({
    key,
    title,
    value: String(n),
    tone: n > 0 ? tone : 'ok',
    detail: n > 0 ? detail : null,
    href: '/staff?view=compliance',
  });
  return [
    ...(await screeningCards(ctx)),
    card(
      'staff.credentials-expiring',
      'Credentials expiring within 30 days',
      counts.expiring_30 ?? 0,
      'warning',
      'Renew before they lapse',
    ),
    card(
      'staff.credentials-expired',
      'Expired credentials',
      counts.expired ?? 0,
      'danger',
      'These people may not work in that role',
    ),
    card(
      'staff.credentials-unverified',
      'Unverified credentials',
      counts.unverified ?? 0,
      'warning',
      'Check them with the issuer',
    ),
  ];
}

export function cmmEligibility(ctx: Ctx, input: CmmEligibilityRequest): CmmEligibilityResult {
  requirePermission(ctx, 'staff:read');
  const rule = input.rule ?? DEFAULT_CMM_RULE;
  return { ...checkCmmEligibility(input, rule), rule };
}
