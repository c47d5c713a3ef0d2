import { randomUUID } from 'node:crypto';
import type {
  CreateEncounterRequest,
  DashboardCard,
  Encounter,
  EncounterProvider,
  FieldError,
  UpdateEncounterRequest,
} from '@clinicops/contracts';
import { CreateEncounterRequest as CreateSchema, UpdateEncounterRequest as UpdateSchema } from '@clinicops/contracts';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction, type TxCtx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { requirePermission, scopeFacilities } from '../../platform/permissions.js';
import { listFacilities } from '../organization/index.js';
import { type MergeStep, requireNotMerged, visiblePatientRef } from '../patients/index.js';
import { isQualifiedForAll, listProviders, PROVIDER_POSITIONS, providerProfile, staffNames } from '../staff/index.js';
import { checkCodes, type NormalizedCodes } from './domain/codes.js';
import { checkVisitTimes, dateInZone, type EncounterStatus, judgeProvider } from './domain/visit-rules.js';
import { toEncounter } from './mapping.js';
import * as q from './queries.js';

// Encounters of a patient. Reads are audited as views of the patient's record; writes lock the
// patient row (as coverages and consents do) so that a merge and an edit of the same record queue.

function throwIfInvalid(errors: FieldError[]) {
  if (errors.length > 0) {
    throw new AppError('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}

async function namesOf(ctx: Ctx, rows: readonly q.EncounterRow[]) {
  const ids = [...new Set(rows.map((r) => r.provider_id).filter((id): id is string => id !== null))];
  return staffNames(ctx, ctx.actor?.facilityIds ?? [], ids);
}

export async function listEncounters(ctx: Ctx, patientId: string): Promise<Encounter[]> {
  const actor = requirePermission(ctx, 'patients:read');
  return inTransaction(ctx, async (tx) => {
    const patient = await visiblePatientRef(tx, patientId);
    const rows = await q.listEncounters(tx.db, ctx.organizationId, actor.facilityIds, patientId);
    const codes = await q.codesOf(
      tx.db,
      ctx.organizationId,
      rows.map((r) => r.id),
    );
    await recordAudit(tx, {
      action: 'patient.encounter.view',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      facilityId: patient.facilityId,
      details: { encounters: rows.length },
    });
    const names = await namesOf(tx, rows);
    const warnings = await openVisitWarnings(tx, rows);
    return rows.map((r) =>
      toEncounter(
        r,
        codes.diagnoses,
        codes.procedures,
        r.provider_id ? (names.get(r.provider_id) ?? null) : null,
        warnings.get(r.id) ?? [],
      ),
    );
  });
}

/**
 * For visits not yet finished: whether their provider could finish them (the same judgement as on
 * save), so the list says which ones need the licence sorted out before they can be billed.
 */
async function openVisitWarnings(ctx: Ctx, rows: readonly q.EncounterRow[]): Promise<Map<string, string[]>> {
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

/** Providers one may name on a visit: physicians, NPs and PAs of the actor's facilities. */
export async function listEncounterProviders(ctx: Ctx): Promise<EncounterProvider[]> {
  const actor = requirePermission(ctx, 'patients:read');
  return listProviders(ctx, actor.facilityIds, ctx.clock.now().toISOString().slice(0, 10));
}

type VisitState = {
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
async function judgeVisit(
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

function codeRows(organizationId: string, encounterId: string, codes: NormalizedCodes) {
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

async function readBack(tx: TxCtx, patientId: string, id: string, warnings: string[]): Promise<Encounter> {
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

export async function createEncounter(ctx: Ctx, patientId: string, body: CreateEncounterRequest): Promise<Encounter> {
  const actor = requirePermission(ctx, 'patients:write');
  const input = CreateSchema.parse(body);
  scopeFacilities(ctx, [input.facilityId]);
  const { violations, codes } = checkCodes(input.diagnoses, input.procedures);
  const state: VisitState = {
    facilityId: input.facilityId,
    providerId: input.providerId,
    status: input.status,
    startsAt: new Date(input.startsAt),
    endsAt: input.endsAt ? new Date(input.endsAt) : null,
  };
  const warnings = await judgeVisit(ctx, state, violations, { checkProvider: true });
  const id = randomUUID();
  return inTransaction(ctx, async (tx) => {
    const patient = await visiblePatientRef(tx, patientId, { lock: true });
    requireNotMerged(patient);
    await q.insertEncounters(tx.db, [
      {
        id,
        organization_id: ctx.organizationId,
        facility_id: input.facilityId,
        patient_id: patientId,
        provider_id: input.providerId,
        status: input.status,
        class: input.class,
        starts_at: state.startsAt,
        ends_at: state.endsAt,
        reason: input.reason?.trim() || null,
        created_by: actor.via === 'system' ? null : actor.userId,
      },
    ]);
    const rows = codeRows(ctx.organizationId, id, codes);
    await q.replaceCodes(tx.db, ctx.organizationId, [], rows.diagnoses, rows.procedures);
    await recordAudit(tx, {
      action: 'patient.encounter.create',
      entityType: 'encounter',
      entityId: id,
      patientId,
      facilityId: input.facilityId,
      details: {
        status: input.status,
        diagnoses: codes.diagnoses.length,
        procedures: codes.procedures.length,
        warnings: warnings.length,
      },
    });
    return readBack(tx, patientId, id, warnings);
  });
}

export async function updateEncounter(
  ctx: Ctx,
  patientId: string,
  encounterId: string,
  body: UpdateEncounterRequest,
): Promise<Encounter> {
  const actor = requirePermission(ctx, 'patients:write');
  const input = UpdateSchema.parse(body);
  const current = await q.lockEncounter(ctx.db, ctx.organizationId, actor.facilityIds, patientId, encounterId);
  if (!current) throw notFound('Encounter');
  const existing = await q.codesOf(ctx.db, ctx.organizationId, [encounterId]);
  const diagnoses = input.diagnoses ?? existing.diagnoses.map((d) => ({ code: d.code, description: d.description }));
  const procedures =
    input.procedures ??
    existing.procedures.map((p) => ({
      code: p.code,
      modifiers: p.modifiers,
      units: p.units,
      diagnosisPointers: p.diagnosis_pointers,
      chargeCents: p.charge_cents === null ? null : Number(p.charge_cents),
      description: p.description,
    }));
  const { violations, codes } = checkCodes(diagnoses, procedures);
  const state: VisitState = {
    facilityId: current.facility_id,
    providerId: input.providerId !== undefined ? input.providerId : current.provider_id,
    status: input.status ?? current.status,
    startsAt: input.startsAt ? new Date(input.startsAt) : current.starts_at,
    endsAt: input.endsAt !== undefined ? (input.endsAt ? new Date(input.endsAt) : null) : current.ends_at,
  };
  // The provider is judged again when who, when or the status changes: a licence that lapses
  // after a visit was finished does not make the finished visit wrong.
  const checkProvider =
    state.providerId !== current.provider_id ||
    state.status !== current.status ||
    state.startsAt.getTime() !== current.starts_at.getTime();
  const warnings = await judgeVisit(ctx, state, violations, { checkProvider });
  return inTransaction(ctx, async (tx) => {
    const patient = await visiblePatientRef(tx, patientId, { lock: true });
    requireNotMerged(patient);
    const locked = await q.lockEncounter(tx.db, ctx.organizationId, actor.facilityIds, patientId, encounterId);
    if (!locked) throw notFound('Encounter');
    await q.updateEncounter(tx.db, ctx.organizationId, encounterId, {
      provider_id: state.providerId,
      status: state.status,
      ...(input.class !== undefined ? { class: input.class } : {}),
      starts_at: state.startsAt,
      ends_at: state.endsAt,
      ...(input.reason !== undefined ? { reason: input.reason?.trim() || null } : {}),
    });
    if (input.diagnoses !== undefined || input.procedures !== undefined) {
      const rows = codeRows(ctx.organizationId, encounterId, codes);
      await q.replaceCodes(tx.db, ctx.organizationId, [encounterId], rows.diagnoses, rows.procedures);
    }
    const statusChanged = state.status !== current.status;
    await recordAudit(tx, {
      action: 'patient.encounter.update',
      entityType: 'encounter',
      entityId: encounterId,
      patientId,
      facilityId: current.facility_id,
      details: { fields: Object.keys(body), ...(statusChanged ? { from: current.status, to: state.status } : {}) },
    });
    return readBack(tx, patientId, encounterId, warnings);
  });
}

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

/** A patient's encounters for an export or another module's view, read in the caller's transaction (not audited here). */
export async function encountersOf(tx: TxCtx, patientId: string): Promise<Encounter[]> {
  const rows = await q.listEncounters(tx.db, tx.organizationId, tx.actor?.facilityIds ?? [], patientId);
  const codes = await q.codesOf(
    tx.db,
    tx.organizationId,
    rows.map((r) => r.id),
  );
  const names = await namesOf(tx, rows);
  return rows.map((r) =>
    toEncounter(r, codes.diagnoses, codes.procedures, r.provider_id ? (names.get(r.provider_id) ?? null) : null),
  );
}
