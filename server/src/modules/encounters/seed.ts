import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { seededRandom } from '../../seed/random.js';
import { seedPatientsOf } from '../patients/index.js';
import { isQualifiedForAll, listProviders, providerProfile } from '../staff/index.js';
import { normalizeIcd10 } from './domain/codes.js';
import * as q from './queries.js';

// Demo visits of the family practice over the last four months, with common primary care codes.
// Codes are facts: each was chosen for what it means, and the pairs are ones a coder would accept.
// - Preventive visits by age: 99391-99394 (established patient, under 1 / 1-4 / 5-11 / 12-17) with
//   Z00.129 (routine child health exam without abnormal findings); 99395 (18-39), 99396 (40-64)
//   with Z00.00 (general adult exam without abnormal findings); Medicare patients of 65 and over get
//   the subsequent annual wellness visit, HCPCS G0439, instead of a preventive E/M code.
// - Problem visits: 99213/99214 (established patient, low/moderate medical decision making) with
//   I10 (essential hypertension), E11.9 (type 2 diabetes without complications), E78.5
//   (hyperlipidemia, unspecified), J06.9 (acute upper respiratory infection, unspecified), M54.50
//   (low back pain, unspecified; M54.5 was split in October 2021).
// - Labs drawn in the office: 36415 (venipuncture), 80053 (comprehensive metabolic panel), 83036
//   (hemoglobin A1c).
// - Influenza vaccine: 90656 (IIV3, preservative free, 0.5 mL, IM) with 90471 (first vaccine
//   administration) and Z23 (encounter for immunization). Trivalent, not 90686 (quadrivalent): US
//   seasonal vaccines have been trivalent since the 2024-25 season. Medicare patients (65 and over
//   here) get the high-dose vaccine, 90662, and Medicare's own administration code, G0008, in place
//   of 90471.

type Line = { code: string; modifiers?: string[]; pointers: number[] };
type Template = { reason: string; dx: [string, string][]; px: Line[] };

function preventive(age: number, medicare: boolean): Template {
  if (age < 18) {
    const code = age < 1 ? '99391' : age < 5 ? '99392' : age < 12 ? '99393' : '99394';
    return {
      reason: 'Well-child visit',
      dx: [['Z00.129', 'Encounter for routine child health examination without abnormal findings']],
      px: [{ code, pointers: [1] }],
    };
  }
  if (age >= 65 && medicare) {
    return {
      reason: 'Annual wellness visit',
      dx: [['Z00.00', 'Encounter for general adult medical examination without abnormal findings']],
      px: [{ code: 'G0439', pointers: [1] }],
    };
  }
  return {
    reason: 'Annual physical',
    dx: [['Z00.00', 'Encounter for general adult medical examination without abnormal findings']],
    px: [
      { code: age < 40 ? '99395' : '99396', pointers: [1] },
      { code: '36415', pointers: [1] },
      { code: '80053', pointers: [1] },
    ],
  };
}

const PROBLEMS: Template[] = [
  {
    reason: 'Blood pressure follow-up',
    dx: [['I10', 'Essential (primary) hypertension']],
    px: [{ code: '99213', pointers: [1] }],
  },
  {
    reason: 'Hypertension and cholesterol follow-up, labs',
    dx: [
      ['I10', 'Essential (primary) hypertension'],
      ['E78.5', 'Hyperlipidemia, unspecified'],
    ],
    px: [
      { code: '99214', pointers: [1, 2] },
      { code: '36415', pointers: [1, 2] },
      { code: '80053', pointers: [1, 2] },
    ],
  },
  {
    reason: 'Diabetes follow-up',
    dx: [
      ['E11.9', 'Type 2 diabetes mellitus without complications'],
      ['I10', 'Essential (primary) hypertension'],
    ],
    px: [
      { code: '99214', pointers: [1, 2] },
      { code: '36415', pointers: [1] },
      { code: '83036', pointers: [1] },
    ],
  },
  {
    reason: 'Sore throat and cough',
    dx: [['J06.9', 'Acute upper respiratory infection, unspecified']],
    px: [{ code: '99213', pointers: [1] }],
  },
  {
    reason: 'Low back pain',
    dx: [['M54.50', 'Low back pain, unspecified']],
    px: [{ code: '99213', pointers: [1] }],
  },
];

const FLU: Template = {
  reason: 'Flu shot',
  dx: [['Z23', 'Encounter for immunization']],
  px: [
    { code: '90471', pointers: [1] },
    { code: '90656', pointers: [1] },
  ],
};

const FLU_MEDICARE: Template = {
  reason: 'Flu shot',
  dx: [['Z23', 'Encounter for immunization']],
  px: [
    { code: 'G0008', pointers: [1] },
    { code: '90662', pointers: [1] },
  ],
};

const DAY = 86_400_000;

/** ~1-4 visits for four in five of the clinic's patients; a few planned ones ahead and a few left open. */
export async function seedEncounters(ctx: Ctx, clinicId: string, seed = 20_261_128): Promise<number> {
  const rnd = seededRandom(seed);
  const now = ctx.clock.now();
  const today = now.toISOString().slice(0, 10);
  return inTransaction(ctx, async (tx) => {
    const listed = await listProviders(tx, [clinicId], today);
    const profiles = (await Promise.all(listed.map((p) => providerProfile(tx, [clinicId], p.id)))).filter((p) => p !== undefined);
    // A finished visit names a provider qualified on its date, as the API requires (staff isQualified).
    const qualifiedOn = (date: string) =>
      profiles.filter(
        (p) =>
          p.hireDate <= date &&
          (p.terminationDate === null || p.terminationDate >= date) &&
          isQualifiedForAll(p.person, p.requirements, date).qualified,
      );
    if (profiles.length === 0) return 0;
    const patients = await seedPatientsOf(tx, clinicId);
    const encounters: q.NewEncounter[] = [];
    const diagnoses: q.NewDiagnosis[] = [];
    const procedures: q.NewProcedure[] = [];
    for (const p of patients) {
      if (rnd.next() < 0.2) continue;
      // Demo patients always have a birth date; an unknown one (never in the seed) counts as an adult.
      const age = p.date_of_birth ? Math.floor((now.getTime() - Date.parse(p.date_of_birth)) / (365.25 * DAY)) : 40;
      const visits = rnd.int(1, 4);
      for (let v = 0; v < visits; v++) {
        const daysAgo = rnd.int(-14, 120);
        // Clinic hours in Columbus (13:00-21:00 UTC is 8:00-16:00 EST, 9:00-17:00 EDT), on the quarter hour.
        const day = new Date(now.getTime() - daysAgo * DAY);
        const start = new Date(
          Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), rnd.int(13, 20), rnd.pick([0, 15, 30, 45])),
        );
        const future = start.getTime() > now.getTime();
        const roll = rnd.next();
        const t =
          v === 0 && roll < 0.3
            ? preventive(age, age >= 65)
            : roll < 0.45 && daysAgo < 75 && age >= 1
              ? age >= 65
                ? FLU_MEDICARE
                : FLU
              : age >= 18
                ? rnd.pick(PROBLEMS)
                : (PROBLEMS[3] as Template);
        // A few visits of the last days were never closed: the dashboard's "unfinished" card.
        const status = future
          ? 'planned'
          : daysAgo <= 3 && rnd.next() < 0.15
            ? 'in_progress'
            : rnd.next() < 0.04
              ? 'cancelled'
              : 'finished';
        const providers = future ? profiles : qualifiedOn(start.toISOString().slice(0, 10));
        if (providers.length === 0) continue;
        const id = randomUUID();
        encounters.push({
          id,
          organization_id: ctx.organizationId,
          facility_id: clinicId,
          patient_id: p.id,
          provider_id: rnd.pick(providers).id,
          status,
          class: 'ambulatory',
          starts_at: start,
          ends_at: status === 'finished' ? new Date(start.getTime() + rnd.pick([15, 20, 25, 30, 40]) * 60_000) : null,
          reason: t.reason,
          created_by: null,
        });
        if (status === 'planned' || status === 'cancelled') continue;
        t.dx.forEach(([code, description], i) => {
          diagnoses.push({
            organization_id: ctx.organizationId,
            encounter_id: id,
            position: i + 1,
            code: normalizeIcd10(code) ?? code,
            description,
          });
        });
        t.px.forEach((line, i) => {
          procedures.push({
            organization_id: ctx.organizationId,
            encounter_id: id,
            position: i + 1,
            code: line.code,
            modifiers: line.modifiers ?? [],
            units: 1,
            diagnosis_pointers: line.pointers,
            charge_cents: null,
            description: null,
          });
        });
      }
    }
    for (let i = 0; i < encounters.length; i += 500) await q.insertEncounters(tx.db, encounters.slice(i, i + 500));
    for (let i = 0; i < diagnoses.length; i += 1000)
      await q.replaceCodes(tx.db, ctx.organizationId, [], diagnoses.slice(i, i + 1000), []);
    for (let i = 0; i < procedures.length; i += 1000)
      await q.replaceCodes(tx.db, ctx.organizationId, [], [], procedures.slice(i, i + 1000));
    for (const e of encounters) {
      await recordAudit(tx, {
        action: 'patient.encounter.create',
        entityType: 'encounter',
        entityId: e.id,
        patientId: e.patient_id,
        facilityId: clinicId,
        details: { status: e.status, seeded: true },
      });
    }
    return encounters.length;
  });
}
