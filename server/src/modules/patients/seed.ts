import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { encryptField } from '../../platform/crypto.js';
import { seededRandom } from '../../seed/random.js';
import { FEMALE_GIVEN_NAMES as FEMALE, MALE_GIVEN_NAMES as MALE } from './demo-names.js';
import { formatMrn } from './domain/mrn.js';
import * as q from './queries.js';

// Demo patients: invented names (some accented, to show accent-insensitive search), phone
// numbers in the 555-01xx range reserved for fiction, SSNs only in the 9xx area the SSA never
// issues. Deterministic from a fixed seed, so screenshots and tests see the same people.

const FAMILY = [
  'Abernathy',
  'Brightwater',
  'Castellanos',
  'Dunmore',
  'Ellery',
  'Fairbanks',
  'García',
  'Hollis',
  'Iverson',
  'Jankowski',
  'Kettering',
  'Lindqvist',
  'Müller',
  'Núñez',
  'Okonkwo',
  'Pemberton',
  'Quintero',
  'Rasmussen',
  'Sánchez',
  'Thornbury',
  'Underhill',
  'Vasquez',
  'Whitcombe',
  'Yamada',
  'Zeller',
  'Brönner',
  'Côté',
  'Delacroix',
  'Åberg',
  "O'Malley",
];
const STREETS = ['Elm Street', 'Oak Avenue', 'Hillcrest Drive', 'Mill Road', 'Lakeview Court', 'Cedar Lane', 'Park Place'];
const LANGUAGES = ['English', 'English', 'English', 'English', 'Spanish', 'French', 'German', 'Somali', 'Japanese'];
const COMMERCIAL = [
  ['Buckeye Meadow Health Plan', 'PPO Gold'],
  ['Lakeshore Mutual', 'HMO Select'],
  ['Great Prairie Benefits', 'EPO Standard'],
  ['Summit Choice Insurance', 'High Deductible'],
] as const;

export type SeedFacilities = { clinicId: string; nursingHomeId?: string | undefined };

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** ~300 clinic patients and ~60 nursing-home residents with coverages and consents, each create audited. */
export async function seedPatients(ctx: Ctx, facilities: SeedFacilities, seed = 20_261_127): Promise<number> {
  const rnd = seededRandom(seed);
  const now = ctx.clock.now();
  const plan: { facilityId: string; resident: boolean }[] = [
    ...Array.from({ length: 300 }, () => ({ facilityId: facilities.clinicId, resident: false })),
    ...(facilities.nursingHomeId
      ? Array.from({ length: 60 }, () => ({ facilityId: facilities.nursingHomeId as string, resident: true }))
      : []),
  ];
  return inTransaction(ctx, async (tx) => {
    const first = await q.reserveMrnSequences(tx.db, ctx.organizationId, plan.length);
    const patients: q.NewPatient[] = [];
    const coverages: q.NewCoverage[] = [];
    const consents: Parameters<typeof q.insertConsents>[1] = [];
    for (const [i, p] of plan.entries()) {
      const id = randomUUID();
      const female = rnd.next() < 0.55;
      const age = p.resident ? rnd.int(68, 99) : rnd.pick([rnd.int(0, 17), rnd.int(18, 64), rnd.int(18, 64), rnd.int(65, 92)]);
      const birth = new Date(now.getTime() - (age * 365.25 + rnd.int(0, 364)) * DAY);
      const family = rnd.pick(FAMILY);
      const phone = rnd.next() < 0.92 ? `(614) 555-01${String(rnd.int(0, 99)).padStart(2, '0')}` : null;
      const ssn = rnd.next() < 0.3 ? `9${rnd.int(0, 9)}${rnd.int(0, 9)}${rnd.int(10, 99)}${rnd.int(1000, 9999)}` : null;
      const registered = new Date(now.getTime() - (i % 40 === 0 ? rnd.int(0, 6) : rnd.int(8, 700)) * DAY);
      const sms = phone !== null && rnd.next() < 0.6;
      patients.push({
        id,
        organization_id: ctx.organizationId,
        facility_id: p.facilityId,
        mrn: formatMrn(first + i),
        given_name: rnd.pick(female ? FEMALE : MALE),
        family_name: family,
        preferred_name: rnd.next() < 0.05 ? 'Sunny' : null,
        date_of_birth: isoDay(birth),
        sex_at_birth: female ? 'female' : 'male',
        gender_identity: null,
        phone,
        email: rnd.next() < 0.5 ? `patient${first + i}@example.org` : null,
        address_line1: `${rnd.int(10, 9999)} ${rnd.pick(STREETS)}`,
        address_line2: null,
        city: p.resident ? 'Dayton' : 'Columbus',
        state: 'OH',
        postal_code: p.resident ? '45402' : '43215',
        preferred_language: rnd.pick(LANGUAGES),
        sms_consent: sms,
        email_consent: rnd.next() < 0.4,
        emergency_contact_name: rnd.next() < 0.7 ? `${rnd.pick(FEMALE)} ${family}` : null,
        emergency_contact_relationship: 'family',
        emergency_contact_phone: `(614) 555-01${String(rnd.int(0, 99)).padStart(2, '0')}`,
        status: p.resident || rnd.next() < 0.9 ? 'active' : rnd.pick(['inactive', 'inactive', 'deceased'] as const),
        ssn_encrypted: ssn ? encryptField(ctx.config, ssn, id) : null,
        ssn_last4: ssn ? ssn.slice(-4) : null,
        notes: null,
        alerts: rnd.next() < 0.08 ? [rnd.pick(['Latex allergy', 'Hard of hearing', 'Needs interpreter', 'Fall risk'])] : [],
        created_at: registered,
        updated_at: registered,
      });
      const from = isoDay(new Date(registered.getTime() - rnd.int(0, 365) * DAY));
      const cover = (order: number, payerKind: q.NewCoverage['payer_kind'], payer: string, planName: string | null) =>
        coverages.push({
          id: randomUUID(),
          organization_id: ctx.organizationId,
          patient_id: id,
          payer_name: payer,
          payer_kind: payerKind,
          plan_name: planName,
          member_id: payerKind === 'self_pay' ? null : `${payer.slice(0, 3).toUpperCase()}${rnd.int(100000, 999999)}`,
          group_id: payerKind === 'commercial' ? `G${rnd.int(1000, 9999)}` : null,
          subscriber_name: null,
          relationship: age < 18 ? 'child' : 'self',
          coverage_order: order,
          effective_from: from,
          effective_to: null,
        });
      const roll = rnd.next();
      if (age >= 65) {
        cover(1, 'medicare', 'Medicare', p.resident ? 'Part A and B' : 'Part B');
        if (p.resident && roll < 0.6) cover(2, 'medicaid', 'Ohio Medicaid', 'Long-term care');
        else if (roll < 0.5) cover(2, 'commercial', 'Lakeshore Mutual', 'Medigap Plan G');
      } else if (roll < 0.68) {
        const [payer, planName] = rnd.pick(COMMERCIAL);
        cover(1, 'commercial', payer, planName);
      } else if (roll < 0.88) cover(1, 'medicaid', 'Ohio Medicaid', 'Managed care');
      else cover(1, 'self_pay', 'Self-pay', null);
      const signed = isoDay(registered);
      consents.push({
        id: randomUUID(),
        organization_id: ctx.organizationId,
        patient_id: id,
        kind: 'npp',
        signed_on: signed,
        note: null,
        recorded_by: null,
      });
      if (rnd.next() < 0.9)
        consents.push({
          id: randomUUID(),
          organization_id: ctx.organizationId,
          patient_id: id,
          kind: 'treatment',
          signed_on: signed,
          note: null,
          recorded_by: null,
        });
      if (sms)
        consents.push({
          id: randomUUID(),
          organization_id: ctx.organizationId,
          patient_id: id,
          kind: 'communication',
          signed_on: signed,
          note: 'SMS reminders',
          recorded_by: null,
        });
    }
    for (let i = 0; i < patients.length; i += 100) await q.insertPatients(tx.db, patients.slice(i, i + 100));
    for (let i = 0; i < coverages.length; i += 200) await q.insertCoverages(tx.db, coverages.slice(i, i + 200));
    for (let i = 0; i < consents.length; i += 200) await q.insertConsents(tx.db, consents.slice(i, i + 200));
    for (const p of patients) {
      await recordAudit(tx, {
        action: 'patient.create',
        entityType: 'patient',
        entityId: p.id,
        patientId: p.id,
        facilityId: p.facility_id,
        details: { source: 'demo seed' },
      });
    }
    return patients.length;
  });
}
