import { randomUUID } from 'node:crypto';
import type { StaffPosition } from '@clinicops/contracts';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { seededRandom } from '../../seed/random.js';
import { addDays, addMonths } from '../../shared/calendar.js';
import { dateIn } from './domain/dates.js';
import { isValidNpi } from './domain/npi.js';
import * as q from './queries.js';
import { CATALOGUE, REQUIREMENTS } from './seed-catalogue.js';
import { addCeRecord, addCredential, verifyCredential } from './service/credentials.js';
import { createStaff } from './service/staff.js';

/** Every organization starts with the credential catalogue and the position requirements. */
export async function seedCredentialCatalogue(ctx: Ctx): Promise<Map<string, string>> {
  const ids = new Map(CATALOGUE.map((c) => [c.code, randomUUID()]));
  await inTransaction(ctx, async (tx) => {
    await q.insertCredentialTypes(
      tx.db,
      CATALOGUE.map((c) => ({
        id: ids.get(c.code) ?? randomUUID(),
        organization_id: ctx.organizationId,
        code: c.code,
        name: c.name,
        family: c.family,
        category: c.category,
        jurisdiction: c.jurisdiction,
        state_bound: c.stateBound,
        renewal_cycle_months: c.cycleMonths,
        ce_units_required: c.ceUnits,
        ce_approved_min: c.ceApproved,
        renewal_window_days: c.windowDays,
        expiry_rule: c.expiryRule,
      })),
    );
    await q.insertRequirements(
      tx.db,
      REQUIREMENTS.map(([position, code, stateBound]) => ({
        id: randomUUID(),
        organization_id: ctx.organizationId,
        position,
        credential_type_id: ids.get(code) ?? '',
        state_bound: stateBound,
      })),
    );
    await recordAudit(tx, {
      action: 'staff.catalogue.seed',
      entityType: 'credential_type',
      details: { types: CATALOGUE.length },
    });
  });
  return ids;
}

const POSITION_OF_TITLE: [RegExp, StaffPosition][] = [
  [/nursing home administrator/i, 'nursing_home_administrator'],
  [/director of nursing/i, 'director_of_nursing'],
  [/office manager/i, 'office_manager'],
  [/^physician \(/i, 'physician'],
  [/nurse practitioner/i, 'nurse_practitioner'],
  [/physician assistant/i, 'physician_assistant'],
  [/medical assistant/i, 'medical_assistant'],
  [/^RN/, 'rn'],
  [/^LPN/, 'lpn'],
  [/^CNA/, 'cna'],
  [/scheduler/i, 'scheduler'],
  [/biller/i, 'biller'],
  [/coder/i, 'coder'],
  [/compliance/i, 'compliance_officer'],
  [/front desk|receptionist/i, 'front_desk'],
];

export type SeedAccount = { name: string; title: string; userId: string; facility: 'clinic' | 'nursing_home' };

type Person = {
  first: string;
  last: string;
  position: StaffPosition;
  facility: 'clinic' | 'nursing_home';
  userId: string | null;
  shift?: 'day' | 'evening' | 'night';
};

// Riverside's nurses and aides without accounts, by shift (names invented).
const RIVERSIDE: [string, StaffPosition, 'day' | 'evening' | 'night'][] = [
  ['Janelle Brooks', 'rn', 'day'],
  ['Omar Haddad', 'rn', 'evening'],
  ['Linda Carver', 'rn', 'night'],
  ['Sofia Petrov', 'rn', 'night'],
  ['Derrick Young', 'lpn', 'day'],
  ['Kim Nguyen', 'lpn', 'day'],
  ['Paula Reyes', 'lpn', 'evening'],
  ['Travis Monroe', 'lpn', 'night'],
  ['Alicia Grant', 'cna', 'day'],
  ['Ben Whitaker', 'cna', 'day'],
  ['Chloe Ramirez', 'cna', 'day'],
  ['Devon Price', 'cna', 'evening'],
  ['Erin McAllister', 'cna', 'evening'],
  ['Faith Osei', 'cna', 'evening'],
  ['Gabriel Stone', 'cna', 'night'],
  ['Hope Jimenez', 'cna', 'night'],
  ['Ruth Adler', 'social_worker', 'day'],
];

/** Days until expiry for the credentials the dashboard should talk about; others are random. */
const FORCED: Record<string, Record<string, number>> = {
  'Ana Ruiz': { RN: -25 },
  'Brian Foster': { BLS: 12 },
  'Grace Lin': { LPN: 20 },
  'Devon Price': { CNA: 27 },
  'Samuel Okafor': { DEA: 45 },
};
const UNVERIFIED = new Set(['Sofia Petrov']);
// A Kentucky compact (multistate) licence, which Ohio accepts.
const COMPACT = new Set(['Omar Haddad']);

/** The demo organization's staff, credentials and CE, deterministic for a given day. */
export async function seedStaff(
  ctx: Ctx,
  facilities: { clinic: string; nursing_home: string },
  accounts: readonly SeedAccount[],
) {
  const rnd = seededRandom(4);
  const today = dateIn(ctx.clock.now(), 'America/New_York');
  await inTransaction(ctx, async (tx) => {
    const typeIds = await seedCredentialCatalogue(tx);
    const people: Person[] = [
      ...accounts.map((a) => {
        const [first = '', ...rest] = a.name.replace(/^Dr\.\s+/, '').split(' ');
        const position = POSITION_OF_TITLE.find(([re]) => re.test(a.title))?.[1] ?? 'front_desk';
        return { first, last: rest.join(' '), position, facility: a.facility, userId: a.userId };
      }),
      ...RIVERSIDE.map(([name, position, shift]) => {
        const [first = '', last = ''] = name.split(' ');
        return { first, last, position, facility: 'nursing_home' as const, userId: null, shift };
      }),
    ];
    for (const p of people) {
      const name = `${p.first} ${p.last}`;
      const clinical = ['physician', 'nurse_practitioner', 'physician_assistant'].includes(p.position);
      const exempt = clinical || ['office_manager', 'nursing_home_administrator', 'director_of_nursing'].includes(p.position);
      const staff = await createStaff(tx, {
        facilityId: facilities[p.facility],
        userId: p.userId,
        firstName: p.first,
        lastName: p.last,
        position: p.position,
        employmentType: p.position === 'cna' && rnd.next() < 0.3 ? 'per_diem' : rnd.next() < 0.15 ? 'part_time' : 'full_time',
        flsaExempt: exempt,
        department:
          p.facility === 'clinic'
            ? clinical
              ? 'Providers'
              : 'Clinic operations'
            : p.position === 'social_worker'
              ? 'Social services'
              : 'Nursing',
        costCenter: p.facility === 'clinic' ? 'CC-100' : 'CC-200',
        shift: p.shift ?? (p.facility === 'nursing_home' && ['rn', 'lpn', 'cna'].includes(p.position) ? 'day' : null),
        hireDate: addDays(today, -rnd.int(200, 4000)),
        npi: clinical ? demoNpi(rnd.int(100000000, 199999999)) : null,
        payRate: exempt
          ? { amountCents: rnd.int(70, 240) * 100_000, per: 'year', effectiveFrom: addDays(today, -rnd.int(30, 300)) }
          : { amountCents: rnd.int(1700, 4600), per: 'hour', effectiveFrom: addDays(today, -rnd.int(30, 300)) },
      });
      const codes = REQUIREMENTS.filter(([position]) => position === p.position).map(([, code]) => code);
      if (p.position === 'office_manager') codes.push('CMM');
      for (const code of codes) {
        const family = code.split('-')[0] ?? code;
        const entry = CATALOGUE.find((c) => c.code === code);
        const months = entry?.cycleMonths ?? 24;
        const forced = FORCED[name]?.[family];
        const expiresOn = addDays(today, forced ?? rnd.int(70, 640));
        const compact = COMPACT.has(name) && family === 'RN';
        const credential = await addCredential(tx, staff.id, {
          credentialTypeId: typeIds.get(compact ? 'RN-KY' : code) ?? '',
          number: `${family}.${rnd.int(100000, 999999)}`,
          issuedOn: addMonths(expiresOn, -months),
          expiresOn,
          multistate: compact,
          issuingBody: entry?.category === 'certification' ? 'American Heart Association' : null,
        });
        if (!UNVERIFIED.has(name))
          await verifyCredential(tx, credential.id, { method: family === 'BLS' ? 'document' : 'primary_source' });
        if (code === 'CMM') await seedCmmCredits(tx, staff.id, credential.id, credential.issuedOn, rnd);
      }
    }
    await seedClia(tx, facilities.clinic, typeIds.get('CLIA-WAIVER') ?? '', today);
  });
}

async function seedCmmCredits(
  ctx: Ctx,
  staffMemberId: string,
  credentialId: string,
  cycleStart: string,
  rnd: ReturnType<typeof seededRandom>,
) {
  const courses = ['Managing payer contracts', 'HIPAA privacy update', 'Leading a front-desk team', 'Revenue cycle metrics'];
  for (const [i, title] of courses.entries()) {
    await addCeRecord(ctx, staffMemberId, {
      credentialId,
      completedOn: addDays(cycleStart, 40 + i * 90 + rnd.int(0, 30)),
      provider: i % 2 === 0 ? 'PAHCOM' : 'State medical group management association',
      title,
      units: i % 2 === 0 ? 3 : 2,
      category: i % 2 === 0 ? 'approved' : 'recognized',
    });
  }
}

/** The clinic's CLIA waiver is the facility's, not a person's. */
async function seedClia(ctx: Ctx, facilityId: string, typeId: string, today: string) {
  const id = randomUUID();
  const issuedOn = addMonths(today, -9);
  await q.insertCredential(ctx.db, {
    id,
    organization_id: ctx.organizationId,
    facility_id: facilityId,
    staff_member_id: null,
    credential_type_id: typeId,
    number: '36D0000000',
    issuing_state: 'OH',
    issuing_body: 'CMS',
    issued_on: issuedOn,
    expires_on: addDays(addMonths(issuedOn, 24), -1),
    verified_at: ctx.clock.now(),
    verification_method: 'document',
  });
  await recordAudit(ctx, { action: 'staff.credential.create', entityType: 'staff_credential', entityId: id, facilityId });
}

/** A valid NPI for invented people: the nine digits given, plus the check digit. */
function demoNpi(base: number): string {
  for (let check = 0; check < 10; check++) if (isValidNpi(`${base}${check}`)) return `${base}${check}`;
  throw new Error('unreachable: one check digit always fits');
}
