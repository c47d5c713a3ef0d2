import type {
  CmmEligibilityRequest,
  CmmEligibilityResult,
  ComplianceMatrix,
  ComplianceQuery,
  DashboardCard,
} from '@clinicops/contracts';
import type { Ctx } from '../../../platform/context.js';
import { requirePermission } from '../../../platform/permissions.js';
import { checkCmmEligibility } from '../domain/cmm-eligibility.js';
import { isQualifiedForAll, requirementStatus } from '../domain/qualification.js';
import * as q from '../queries.js';
import { alertsForDashboard } from './alerts.js';
import { throwIfInvalid, todayIn } from './common.js';
import { heldCredential, requirementCell, toRequirement } from './mappers.js';
import { storedCmmRule } from './reference.js';
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
  const [people, alerts] = await Promise.all([staffWithCredentials(ctx, ctx.actor.facilityIds), alertsForDashboard(ctx)]);
  let unverified = 0;
  for (const { person, today } of people) {
    const families = [...new Set(person.credentials.map((c) => c.family))];
    for (const family of families) {
      const s = requirementStatus(person, { family, label: family, stateBound: false }, today);
      if (s.state === 'unverified') unverified++;
    }
  }
  // The expiry cards count the alerts (alerts.ts), so they agree with the alert list and the
  // emails, and include the facilities' own credentials (CLIA).
  const count = (kind: string, threshold?: number | null) =>
    alerts.filter((a) => a.kind === kind && (threshold === undefined || a.threshold === threshold)).length;
  const within30 = count('credential_expiring', 30);
  const later = count('credential_expiring') - within30;
  const ceBehind = count('ce_at_risk');
  const expired = count('credential_expired');
  const more = [later > 0 ? `${later} more within 90 days` : null, ceBehind > 0 ? `${ceBehind} behind on CE` : null].filter(
    Boolean,
  );
  return [
    ...(await screeningCards(ctx)),
    {
      key: 'staff.credentials-expiring',
      title: 'Credentials expiring within 30 days',
      value: String(within30),
      tone: within30 > 0 ? 'warning' : 'ok',
      detail:
        within30 > 0 || more.length > 0
          ? [within30 > 0 ? 'Renew before they lapse' : null, ...more].filter(Boolean).join('; ')
          : null,
      href: '/staff?view=alerts',
    },
    {
      key: 'staff.credentials-expired',
      title: 'Expired credentials',
      value: String(expired),
      tone: expired > 0 ? 'danger' : 'ok',
      detail: expired > 0 ? 'These people may not work in that role' : null,
      href: '/staff?view=alerts',
    },
    {
      key: 'staff.credentials-unverified',
      title: 'Unverified credentials',
      value: String(unverified),
      tone: unverified > 0 ? 'warning' : 'ok',
      detail: unverified > 0 ? 'Check them with the issuer' : null,
      href: '/staff?view=compliance',
    },
  ];
}

/** With the organization's stored rule, unless the request tries another one ("what if"). */
export async function cmmEligibility(ctx: Ctx, input: CmmEligibilityRequest): Promise<CmmEligibilityResult> {
  requirePermission(ctx, 'staff:read');
  const { isDefault, updatedAt, ...stored } = await storedCmmRule(ctx);
  const rule = input.rule ?? stored;
  return { ...checkCmmEligibility(input, rule), rule };
}
