import type { Ctx } from '../../platform/context.js';
import { addDays, addMonths } from '../../shared/calendar.js';
import { addCredential, verifyCredential } from './service/credentials.js';
import { createStaff } from './service/staff.js';

// Extra demo nurses and aides for a facility, each holding every credential their position
// requires (valid, verified), so a demo roster can be covered. Used by the rostering seed.

export type QualifiedStaffSeed = {
  first: string;
  last: string;
  position: 'rn' | 'lpn' | 'cna';
  employmentType: 'full_time' | 'part_time' | 'per_diem';
  shift: 'day' | 'evening' | 'night';
  hourlyCents: number;
  /** Days until the licences expire (spread so the alerts stay plausible). */
  expiresInDays: number;
};

export async function seedQualifiedStaff(ctx: Ctx, facilityId: string, people: readonly QualifiedStaffSeed[], today: string) {
  const requirements = await ctx.db
    .selectFrom('position_requirements as r')
    .innerJoin('credential_types as t', 't.id', 'r.credential_type_id')
    .select(['r.position', 'r.credential_type_id', 't.family', 't.renewal_cycle_months'])
    .where('r.organization_id', '=', ctx.organizationId)
    .execute();
  const ids: string[] = [];
  for (const [i, p] of people.entries()) {
    const staff = await createStaff(ctx, {
      facilityId,
      userId: null,
      firstName: p.first,
      lastName: p.last,
      position: p.position,
      employmentType: p.employmentType,
      flsaExempt: false,
      department: 'Nursing',
      costCenter: 'CC-200',
      shift: p.shift,
      hireDate: addDays(today, -200 - i * 37),
      npi: null,
      payRate: { amountCents: p.hourlyCents, per: 'hour', effectiveFrom: addDays(today, -120) },
    });
    ids.push(staff.id);
    for (const r of requirements.filter((x) => x.position === p.position)) {
      const expiresOn = addDays(today, p.expiresInDays);
      const credential = await addCredential(ctx, staff.id, {
        credentialTypeId: r.credential_type_id,
        number: `${r.family}.${700000 + i * 13}`,
        issuedOn: addMonths(expiresOn, -(r.renewal_cycle_months ?? 24)),
        expiresOn,
      });
      await verifyCredential(ctx, credential.id, { method: r.family === 'BLS' ? 'document' : 'primary_source' });
    }
  }
  return ids;
}
