import { randomUUID } from 'node:crypto';
import type {
  CreateStaffRequest,
  FieldError,
  PayRate,
  StaffDetail,
  StaffListQuery,
  StaffMember,
  UpdateStaffRequest,
} from '@clinicops/contracts';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import { requirePermission } from '../../../platform/permissions.js';
import { npiProblem } from '../domain/npi.js';
import { isQualifiedForAll } from '../domain/qualification.js';
import * as q from '../queries.js';
import { throwIfInvalid, todayIn, visibleStaff } from './common.js';
import {
  currentCeProgress,
  heldCredential,
  requirementCell,
  toCeRecord,
  toCredential,
  toRequirement,
  toStaffMember,
} from './mappers.js';
import { excludedStaff } from './screening.js';

export async function listStaff(ctx: Ctx, query: StaffListQuery): Promise<StaffMember[]> {
  const actor = requirePermission(ctx, 'staff:read');
  // A facility outside the actor's grants filters to nothing rather than revealing whether it exists.
  const facilityIds = query.facilityId ? actor.facilityIds.filter((id) => id === query.facilityId) : actor.facilityIds;
  const rows = await q.listStaff(ctx.db, ctx.organizationId, {
    facilityIds,
    q: query.q,
    position: query.position,
    // Within a day of a termination either answer is fine for a list; the matrix uses facility dates.
    ...(query.includeTerminated === 'true' ? {} : { activeOn: ctx.clock.now().toISOString().slice(0, 10) }),
  });
  return rows.map(toStaffMember);
}

export async function getStaff(ctx: Ctx, id: string): Promise<StaffDetail> {
  const actor = requirePermission(ctx, 'staff:read');
  const row = await visibleStaff(ctx, actor.facilityIds, id);
  const today = todayIn(ctx, row.facility_time_zone);
  const [credentials, ce, pay, requirements, excluded] = await Promise.all([
    q.listCredentials(ctx.db, ctx.organizationId, { facilityIds: actor.facilityIds, staffMemberIds: [id] }),
    q.listCeRecords(ctx.db, ctx.organizationId, id),
    q.listPayRates(ctx.db, ctx.organizationId, id),
    q.listRequirements(ctx.db, ctx.organizationId),
    excludedStaff(ctx, [id]),
  ]);
  const person = {
    facilityState: row.facility_state,
    credentials: credentials.map(heldCredential),
    // a confirmed OIG exclusion (exclusion screening): never qualified, whatever is held
    excluded: excluded.has(id),
  };
  const own = requirements.filter((r) => r.position === row.position).map(toRequirement);
  const cells = own.map((r) => requirementCell(person, r, today));
  const ceRecords = ce.map(toCeRecord);
  const progress = currentCeProgress(credentials, ceRecords, today);
  return {
    ...toStaffMember(row),
    // Colleagues with staff:read (clinicians, auditors) see credentials, not what someone earns.
    payRates: actor.permissions.has('staff:write')
      ? pay.map((p) => ({ amountCents: p.amount_cents, per: p.per, effectiveFrom: p.effective_from }))
      : [],
    // A date of birth is for those who screen and keep the record, not for every colleague.
    screeningIdentity: actor.permissions.has('staff:write')
      ? { dateOfBirth: row.date_of_birth, formerLastNames: row.former_last_names }
      : null,
    credentials: credentials.map((c) => toCredential(c, today)),
    ceRecords,
    ceProgress: progress,
    requirements: cells,
    qualified: isQualifiedForAll(person, own, today).qualified,
  };
}

type StaffFields = Partial<CreateStaffRequest>;

async function checkStaffFields(
  ctx: Ctx,
  input: StaffFields,
  current?: { id: string; hire_date: string; termination_date: string | null },
) {
  const errors: FieldError[] = [];
  if (input.facilityId !== undefined && !ctx.actor?.facilityIds.includes(input.facilityId)) {
    errors.push({ field: 'facilityId', message: 'is not a facility you manage' });
  }
  if (input.npi) {
    const problem = npiProblem(input.npi);
    if (problem === 'format') errors.push({ field: 'npi', message: 'must be 10 digits' });
    if (problem === 'check_digit') errors.push({ field: 'npi', message: 'is not a valid NPI (the check digit does not match)' });
  }
  if (input.userId && !(await q.userInOrganization(ctx.db, ctx.organizationId, input.userId))) {
    errors.push({ field: 'userId', message: 'is not an account of this organization' });
  } else if (input.userId) {
    const linked = await q.staffOfUser(ctx.db, ctx.organizationId, input.userId);
    if (linked && linked.id !== current?.id)
      errors.push({ field: 'userId', message: 'is already linked to another staff member' });
  }
  if (input.dateOfBirth && input.dateOfBirth >= todayIn(ctx, 'UTC')) {
    errors.push({ field: 'dateOfBirth', message: 'must be in the past' });
  } else if (input.dateOfBirth && input.dateOfBirth < '1900-01-01') {
    errors.push({ field: 'dateOfBirth', message: 'must be after 1900' });
  }
  const hire = input.hireDate ?? current?.hire_date;
  const end = input.terminationDate !== undefined ? input.terminationDate : current?.termination_date;
  if (hire && end && end < hire) errors.push({ field: 'terminationDate', message: 'must not be before the hire date' });
  throwIfInvalid(errors);
}

function staffColumns(input: StaffFields) {
  const set: Record<string, unknown> = {};
  const map: [keyof StaffFields, string][] = [
    ['facilityId', 'facility_id'],
    ['userId', 'user_id'],
    ['firstName', 'first_name'],
    ['lastName', 'last_name'],
    ['position', 'position'],
    ['employmentType', 'employment_type'],
    ['flsaExempt', 'flsa_exempt'],
    ['department', 'department'],
    ['costCenter', 'cost_center'],
    ['shift', 'shift'],
    ['hireDate', 'hire_date'],
    ['terminationDate', 'termination_date'],
    ['npi', 'npi'],
    ['dateOfBirth', 'date_of_birth'],
  ];
  for (const [from, to] of map) if (input[from] !== undefined) set[to] = input[from];
  if (input.formerLastNames !== undefined) set.former_last_names = [...new Set(input.formerLastNames)];
  return set;
}

async function addPayRate(ctx: Ctx, staffMemberId: string, rate: PayRate) {
  await q.insertPayRate(ctx.db, {
    id: randomUUID(),
    organization_id: ctx.organizationId,
    staff_member_id: staffMemberId,
    amount_cents: rate.amountCents,
    per: rate.per,
    effective_from: rate.effectiveFrom,
  });
}

export async function createStaff(ctx: Ctx, input: CreateStaffRequest): Promise<StaffDetail> {
  requirePermission(ctx, 'staff:write');
  await checkStaffFields(ctx, input);
  const id = randomUUID();
  await inTransaction(ctx, async (tx) => {
    await q.insertStaff(tx.db, {
      id,
      organization_id: ctx.organizationId,
      facility_id: input.facilityId,
      user_id: input.userId ?? null,
      first_name: input.firstName,
      last_name: input.lastName,
      position: input.position,
      employment_type: input.employmentType,
      flsa_exempt: input.flsaExempt ?? false,
      department: input.department ?? null,
      cost_center: input.costCenter ?? null,
      shift: input.shift ?? null,
      hire_date: input.hireDate,
      termination_date: input.terminationDate ?? null,
      npi: input.npi ?? null,
      date_of_birth: input.dateOfBirth ?? null,
      former_last_names: [...new Set(input.formerLastNames ?? [])],
    });
    if (input.payRate) await addPayRate(tx, id, input.payRate);
    // Pay and the date of birth are kept out of the audit details: the trail is read more widely.
    const { payRate, dateOfBirth, formerLastNames, ...details } = input;
    await recordAudit(tx, {
      action: 'staff.create',
      entityType: 'staff_member',
      entityId: id,
      facilityId: input.facilityId,
      details: {
        ...details,
        payRateChanged: payRate !== undefined,
        dateOfBirthSet: !!dateOfBirth,
        formerLastNames: formerLastNames?.length ?? 0,
      },
    });
  });
  return getStaff(ctx, id);
}

export async function updateStaff(ctx: Ctx, id: string, input: UpdateStaffRequest): Promise<StaffDetail> {
  const actor = requirePermission(ctx, 'staff:write');
  await inTransaction(ctx, async (tx) => {
    const current = await q.lockStaff(tx.db, ctx.organizationId, id, actor.facilityIds);
    if (!current) throw notFound('Staff member');
    await checkStaffFields(tx, input, current);
    const set = staffColumns(input);
    if (Object.keys(set).length > 0) await q.updateStaff(tx.db, ctx.organizationId, id, set);
    if (input.facilityId && input.facilityId !== current.facility_id) {
      await q.moveCredentials(tx.db, ctx.organizationId, id, input.facilityId);
    }
    if (input.payRate) await addPayRate(tx, id, input.payRate);
    const { payRate, dateOfBirth, formerLastNames, ...changes } = input;
    await recordAudit(tx, {
      action: 'staff.update',
      entityType: 'staff_member',
      entityId: id,
      facilityId: input.facilityId ?? current.facility_id,
      details: {
        changes,
        payRateChanged: payRate !== undefined,
        // whether, not what
        ...(dateOfBirth !== undefined ? { dateOfBirthChanged: dateOfBirth !== current.date_of_birth } : {}),
        ...(formerLastNames !== undefined ? { formerLastNames: formerLastNames.length } : {}),
      },
    });
  });
  return getStaff(ctx, id);
}
