import { randomUUID } from 'node:crypto';
import type { CmmEligibilityRule, CreatePayBenchmarkRequest, PayBenchmark, StoredCmmRule } from '@clinicops/contracts';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { requirePermission } from '../../../platform/permissions.js';
import { DEFAULT_CMM_RULE } from '../domain/cmm-eligibility.js';
import * as q from '../queries.js';

// Rule and reference data an organization keeps: its CMM eligibility rule (rules.md 6.1 could not
// confirm the certifying body's own, so it is data) and the reference pay of the manager's role.

type RuleRow = NonNullable<Awaited<ReturnType<typeof q.getCmmRule>>>;

const toRule = (r: RuleRow | undefined): StoredCmmRule =>
  r
    ? {
        minYearsExperience: Number(r.min_years_experience),
        creditsRequired: Number(r.credits_required),
        creditsWaivedPerExtraYear: Number(r.credits_waived_per_extra_year),
        isDefault: false,
        updatedAt: r.updated_at.toISOString(),
      }
    : { ...DEFAULT_CMM_RULE, isDefault: true, updatedAt: null };

/** The rule the calculator uses: the organization's, else the product default. */
export async function storedCmmRule(ctx: Ctx): Promise<StoredCmmRule> {
  requirePermission(ctx, 'staff:read');
  return toRule(await q.getCmmRule(ctx.db, ctx.organizationId));
}

export async function setCmmRule(ctx: Ctx, input: CmmEligibilityRule): Promise<StoredCmmRule> {
  const actor = requirePermission(ctx, 'staff:write');
  return inTransaction(ctx, async (tx) => {
    const before = toRule(await q.getCmmRule(tx.db, ctx.organizationId));
    await q.upsertCmmRule(tx.db, {
      organization_id: ctx.organizationId,
      min_years_experience: input.minYearsExperience,
      credits_required: input.creditsRequired,
      credits_waived_per_extra_year: input.creditsWaivedPerExtraYear,
      updated_by: actor.via === 'system' ? null : actor.userId,
    });
    const { isDefault, updatedAt, ...previous } = before;
    await recordAudit(tx, {
      action: 'staff.cmm_rule.update',
      entityType: 'cmm_eligibility_rule',
      entityId: ctx.organizationId,
      details: { previous, previousWasDefault: isDefault, rule: input },
    });
    return toRule(await q.getCmmRule(tx.db, ctx.organizationId));
  });
}

type BenchmarkRow = Awaited<ReturnType<typeof q.listPayBenchmarks>>[number];

const toBenchmark = (r: BenchmarkRow): PayBenchmark => ({
  id: r.id,
  occupation: r.occupation,
  referenceDate: r.reference_date,
  industry: r.industry,
  medianAnnualCents: r.median_annual_cents,
  projectedGrowthPercent: r.projected_growth_percent === null ? null : Number(r.projected_growth_percent),
  projectionPeriod: r.projection_period,
  source: r.source,
  sourceUrl: r.source_url,
  shipped: r.organization_id === null,
});

export async function listPayBenchmarks(ctx: Ctx): Promise<PayBenchmark[]> {
  requirePermission(ctx, 'staff:read');
  return (await q.listPayBenchmarks(ctx.db, ctx.organizationId)).map(toBenchmark);
}

/** A newer (or corrected) figure as the organization's own row; the shipped ones stay as they are. */
export async function addPayBenchmark(ctx: Ctx, input: CreatePayBenchmarkRequest): Promise<PayBenchmark> {
  const actor = requirePermission(ctx, 'staff:write');
  const id = randomUUID();
  return inTransaction(ctx, async (tx) => {
    const inserted = await q.insertPayBenchmark(tx.db, {
      id,
      organization_id: ctx.organizationId,
      occupation: input.occupation,
      reference_date: input.referenceDate,
      industry: input.industry,
      median_annual_cents: input.medianAnnualCents,
      projected_growth_percent: input.projectedGrowthPercent ?? null,
      projection_period: input.projectionPeriod ?? null,
      source: input.source,
      source_url: input.sourceUrl ?? null,
      created_by: actor.via === 'system' ? null : actor.userId,
    });
    if (!inserted) {
      throw new AppError('conflict', 'There is already a figure for that occupation, date and industry', {
        errors: [{ field: 'referenceDate', message: 'already has a figure for this occupation and industry' }],
      });
    }
    await recordAudit(tx, {
      action: 'staff.pay_benchmark.create',
      entityType: 'pay_benchmark',
      entityId: id,
      details: { ...input },
    });
    const row = (await q.listPayBenchmarks(tx.db, ctx.organizationId)).find((r) => r.id === id);
    if (!row) throw new AppError('internal', 'The figure was not stored');
    return toBenchmark(row);
  });
}
