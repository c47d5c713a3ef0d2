import type { Encounter, FieldError } from '@clinicops/contracts';
import { type Ctx, type TxCtx } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { listFacilities } from '../../organization/index.js';
import { isQualifiedForAll, PROVIDER_POSITIONS, providerProfile, staffNames } from '../../staff/index.js';
import { type NormalizedCodes } from '../domain/codes.js';
import { checkVisitTimes, dateInZone, type EncounterStatus, judgeProvider } from '../domain/visit-rules.js';
import { toEncounter } from '../mapping.js';
import * as q from '../queries.js';

// Shared steps of the encounter use cases: field errors, names, the judgement of a visit.

export function throwIfInvalid(errors: FieldError[]) {
  if (errors.length > 0) {
    throw new AppError('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}

export async function namesOf(ctx: Ctx, rows: readonly q.EncounterRow[]) {
  const ids = [...new Set(rows.map((r) => r.provider_id).filter((id): id is string => id !== null))];
  return staffNames(ctx, ctx.actor?.facilityIds ?? [], ids);
}

/**
 * For visits not yet finished: whether their provider could finish them (the same judgement as on
 * save), so the list says which ones need the licence sorted out before they can be billed.
 */
export async function openVisitWarnings(ctx: Ctx, rows: readonly q.EncounterRow[]): Promise<Map<string, string[]>> {
  const open = rows.filter((r) => (r.status === 'planned' || r.status === 'in_progress') && r.provider_id !== null);
  const out = new Map<string, string[]>();
  if (open.length === 0) return out;
  const facilities = await listFacilities(ctx);
  const profiles = new Map<string, Awaited<ReturnType<typeof providerProfile>>>();
  for (const r of open) {
    const providerId = r.provider_id as string;
    if (!profiles.has(providerId)) profiles.set(providerId, await providerProfile(ctx, ctx.actor?.facilityIds ?? [], providerId));
    const profile = profiles.get(providerId);
    const zone = facilities.find((f) => f.id === r.facility_id)?.timeZone;
    if (!profile || !zone) continue;
    const date = dateInZone(r.starts_at, zone);
    const judged = judgeProvider(r.status, date, {
      name: profile.name,
      hireDate: profile.hireDate,
      terminationDate: profile.terminationDate,
      qualification: isQualifiedForAll(profile.person, profile.requirements, date),
    });
    if (judged.warning) out.set(r.id, [judged.warning]);
  }
  return out;
}

export type VisitState = {
  facilityId: string;
  providerId: string | null;
  status: EncounterStatus;
  startsAt: Date;
  endsAt: Date | null;
};

/**
 * Every problem with a visit at once: times against status, the provider on the date of service
 * (refused for a finished visit, a warning otherwise), the codes. Returns the warnings.
 */
export async function judgeVisit(
  ctx: Ctx,
  v: VisitState,
  codeErrors: FieldError[],
  opts: { checkProvider: boolean },
): Promise<string[]> {
  const errors: FieldError[] = [...checkVisitTimes({ ...v, now: ctx.clock.now() }), ...codeErrors];
  const warnings: string[] = [];
  const facility = (await listFacilities(ctx)).find((f) => f.id === v.facilityId);
  if (!facility) errors.push({ field: 'facilityId', message: 'is not a facility you work at' });
  if (opts.checkProvider && v.providerId !== null && facility) {
    const profile = await providerProfile(ctx, ctx.actor?.facilityIds ?? [], v.providerId);
    if (!profile) errors.push({ field: 'providerId', message: 'is not a staff member of your facilities' });
    else if (!(PROVIDER_POSITIONS as readonly string[]).includes(profile.position)) {
      errors.push({ field: 'providerId', message: 'is not a provider (a physician, nurse practitioner or physician assistant)' });
    } else {
      const visitDate = dateInZone(v.startsAt, facility.timeZone);
      const judged = judgeProvider(v.status, visitDate, {
        name: profile.name,
        hireDate: profile.hireDate,
        terminationDate: profile.terminationDate,
        qualification: isQualifiedForAll(profile.person, profile.requirements, visitDate),
      });
      if (judged.violation) errors.push(judged.violation);
      if (judged.warning) warnings.push(judged.warning);
    }
  }
  throwIfInvalid(errors);
  return warnings;
}

export function codeRows(organizationId: string, encounterId: string, codes: NormalizedCodes) {
  return {
    diagnoses: codes.diagnoses.map((d) => ({
      organization_id: organizationId,
      encounter_id: encounterId,
      position: d.position,
      code: d.code,
      description: d.description,
    })),
    procedures: codes.procedures.map((p) => ({
      organization_id: organizationId,
      encounter_id: encounterId,
      position: p.position,
      code: p.code,
      modifiers: p.modifiers,
      units: p.units,
      diagnosis_pointers: p.diagnosisPointers,
      charge_cents: p.chargeCents,
      description: p.description,
    })),
  };
}

export async function readBack(tx: TxCtx, patientId: string, id: string, warnings: string[]): Promise<Encounter> {
  const row = await q.lockEncounter(tx.db, tx.organizationId, tx.actor?.facilityIds ?? [], patientId, id);
  if (!row) throw notFound('Encounter');
  const codes = await q.codesOf(tx.db, tx.organizationId, [id]);
  const names = await namesOf(tx, [row]);
  return toEncounter(
    row,
    codes.diagnoses,
    codes.procedures,
    row.provider_id ? (names.get(row.provider_id) ?? null) : null,
    warnings,
  );
}
