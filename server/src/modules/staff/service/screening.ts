import { randomUUID } from 'node:crypto';
import type {
  DashboardCard,
  LeieStatus,
  ReviewScreeningRequest,
  RunScreeningRequest,
  Screening,
  ScreeningIdentity,
  ScreeningMatch,
  ScreeningRun,
  ScreeningSearched,
} from '@clinicops/contracts';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { requirePermission } from '../../../platform/permissions.js';
import { lastNameKeys, matchPerson, type ScreenedPerson } from '../domain/leie-match.js';
import * as q from '../queries.js';
import * as sq from '../screening-queries.js';
import { todayIn, visibleStaff } from './common.js';

// Exclusion screening against the imported OIG LEIE (rules.md 3.1, 3.3): every search is kept
// with what was searched, against which file, and what came back; every hit waits for a person
// who verifies it in the online search and records the decision.

const toImport = (r: NonNullable<Awaited<ReturnType<typeof sq.latestImport>>>) => ({
  id: r.id,
  fileName: r.file_name,
  checksum: r.checksum,
  rows: r.rows,
  importedAt: r.imported_at.toISOString(),
});

function toMatch(row: sq.LeieRow, m: NonNullable<ReturnType<typeof matchPerson>>): ScreeningMatch {
  return {
    ...m,
    row: {
      lastName: row.last_name,
      firstName: row.first_name,
      midName: row.mid_name,
      busName: row.bus_name,
      general: row.general,
      specialty: row.specialty,
      npi: row.npi,
      dob: row.dob,
      address: row.address,
      city: row.city,
      state: row.state,
      zip: row.zip,
      exclType: row.excl_type,
      exclDate: row.excl_date,
      waiverDate: row.waiver_date,
      waiverState: row.waiver_state,
    },
  };
}

/**
 * Screening results are about a colleague and a federal exclusion list, and a possible match is
 * usually someone else with the same name: those who act on them (staff:write) and compliance
 * auditors (audit:read) see them; colleagues who may only look up credentials (staff:read) do not.
 */
function requireScreeningReader(ctx: Ctx) {
  const actor = requirePermission(ctx, 'staff:read');
  if (!actor.permissions.has('staff:write') && !actor.permissions.has('audit:read')) {
    throw new AppError('forbidden', 'Your role does not allow this (needs staff:write or audit:read)', {
      details: { permission: 'staff:write' },
    });
  }
  return actor;
}

const canReadScreenings = (ctx: Ctx) =>
  !!ctx.actor?.permissions.has('staff:read') &&
  (ctx.actor.permissions.has('staff:write') || ctx.actor.permissions.has('audit:read'));

function toScreening(r: sq.ScreeningRow): Screening {
  const searched = r.searched as ScreeningSearched;
  return {
    id: r.id,
    staffMemberId: r.staff_member_id,
    staffName: `${r.first_name} ${r.last_name}`,
    facilityId: r.facility_id,
    runAt: r.run_at.toISOString(),
    leieImportId: r.leie_import_id,
    leieChecksum: r.leie_checksum,
    searched,
    matches: r.matches as ScreeningMatch[],
    status: r.status,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
    note: r.note,
  };
}

export async function leieStatus(ctx: Ctx): Promise<LeieStatus> {
  requirePermission(ctx, 'staff:read');
  const latest = await sq.latestImport(ctx.db);
  return { latest: latest ? toImport(latest) : null };
}

/** Screens everyone still employed in the actor's facilities, or one person, and keeps the evidence. */
export async function runScreening(ctx: Ctx, input: RunScreeningRequest): Promise<ScreeningRun> {
  const actor = requirePermission(ctx, 'staff:write');
  const leie = await sq.latestImport(ctx.db);
  // Without a list every search would come back clear, which is worse than no search.
  if (!leie) throw new AppError('conflict', 'No LEIE file has been imported yet: run `clinicops import leie FILE` first');
  let people: q.StaffRow[];
  if (input.staffMemberId) {
    people = [await visibleStaff(ctx, actor.facilityIds, input.staffMemberId)];
  } else {
    const all = await q.listStaff(ctx.db, ctx.organizationId, { facilityIds: actor.facilityIds });
    people = all.filter((s) => s.termination_date === null || s.termination_date >= todayIn(ctx, s.facility_time_zone));
  }
  const persons = new Map<string, ScreenedPerson>(
    people.map((s) => [
      s.id,
      {
        firstName: s.first_name,
        lastName: s.last_name,
        formerLastNames: s.former_last_names,
        dateOfBirth: s.date_of_birth,
        npi: s.npi,
      },
    ]),
  );
  const candidates = await sq.leieCandidates(ctx.db, {
    npis: [...new Set(people.map((s) => s.npi).filter((n): n is string => n !== null))],
    lastKeys: [...new Set([...persons.values()].flatMap(lastNameKeys))],
  });
  // Each person is compared with the rows sharing their NPI or a last-name key only.
  const byKey = new Map<string, sq.LeieRow[]>();
  const add = (key: string, row: sq.LeieRow) => byKey.set(key, [...(byKey.get(key) ?? []), row]);
  for (const c of candidates) {
    if (c.npi) add(`npi:${c.npi}`, c);
    if (c.last_key) add(`last:${c.last_key}`, c);
  }
  const runAt = ctx.clock.now();
  const rows = people.map((s) => {
    const person = persons.get(s.id) as ScreenedPerson;
    const mine = new Set([
      ...(person.npi ? (byKey.get(`npi:${person.npi}`) ?? []) : []),
      ...lastNameKeys(person).flatMap((k) => byKey.get(`last:${k}`) ?? []),
    ]);
    const matches: ScreeningMatch[] = [];
    for (const c of [...mine].sort((a, b) => a.line_no - b.line_no)) {
      const m = matchPerson(person, {
        npi: c.npi,
        dob: c.dob,
        lastKey: c.last_key,
        firstKey: c.first_key,
        busKey: c.bus_key,
        waiverDate: c.waiver_date,
        waiverState: c.waiver_state,
      });
      if (m) matches.push(toMatch(c, m));
    }
    matches.sort((a, b) => (a.strength === b.strength ? 0 : a.strength === 'strong' ? -1 : 1));
    const searched: ScreeningSearched = {
      names: [person.lastName, ...person.formerLastNames].map((last) => `${last}, ${person.firstName}`),
      dateOfBirthSearched: person.dateOfBirth !== null,
      dateOfBirth: person.dateOfBirth,
      npi: person.npi,
    };
    return {
      id: randomUUID(),
      organization_id: ctx.organizationId,
      staff_member_id: s.id,
      facility_id: s.facility_id,
      run_at: runAt,
      leie_import_id: leie.id,
      leie_checksum: leie.checksum,
      searched: JSON.stringify(searched),
      matches: JSON.stringify(matches),
      status: matches.length > 0 ? ('possible_match' as const) : ('clear' as const),
      strong: matches.some((m) => m.strength === 'strong'),
      count: matches.length,
    };
  });
  await inTransaction(ctx, async (tx) => {
    await sq.insertScreenings(
      tx.db,
      rows.map(({ strong, count, ...r }) => r),
    );
    for (const r of rows) {
      // The evidence of the search: when, against which file, what came back (names stay in the row).
      await recordAudit(tx, {
        action: 'staff.exclusion_screening',
        entityType: 'exclusion_screening',
        entityId: r.id,
        facilityId: r.facility_id,
        details: {
          staffMemberId: r.staff_member_id,
          status: r.status,
          matches: r.count,
          strong: r.strong,
          leieImportId: leie.id,
          leieChecksum: leie.checksum,
        },
      });
    }
  });
  const stored = await sq.listScreenings(ctx.db, ctx.organizationId, {
    facilityIds: actor.facilityIds,
    ids: rows.map((r) => r.id),
  });
  const screenings = stored.map((r) => toScreening(r));
  return {
    runAt: runAt.toISOString(),
    leie: toImport(leie),
    screened: rows.length,
    clear: rows.filter((r) => r.status === 'clear').length,
    possibleMatches: rows.filter((r) => r.status === 'possible_match').length,
    screenings,
  };
}

export async function reviewQueue(ctx: Ctx): Promise<Screening[]> {
  const actor = requireScreeningReader(ctx);
  return (await sq.reviewQueue(ctx.db, ctx.organizationId, actor.facilityIds)).map((r) => toScreening(r));
}

export async function staffScreenings(ctx: Ctx, staffMemberId: string): Promise<Screening[]> {
  const actor = requireScreeningReader(ctx);
  await visibleStaff(ctx, actor.facilityIds, staffMemberId);
  const rows = await sq.listScreenings(ctx.db, ctx.organizationId, { facilityIds: actor.facilityIds, staffMemberId });
  return rows.map((r) => toScreening(r));
}

/** A person's decision on a possible match, after checking the SSN in the online LEIE search. */
export async function reviewScreening(ctx: Ctx, id: string, input: ReviewScreeningRequest): Promise<Screening> {
  const actor = requirePermission(ctx, 'staff:write');
  await inTransaction(ctx, async (tx) => {
    const current = await sq.lockScreening(tx.db, ctx.organizationId, id, actor.facilityIds);
    if (!current) throw notFound('Screening');
    if (current.status !== 'possible_match') {
      throw new AppError(
        'conflict',
        `This screening is ${current.status.replaceAll('_', ' ')}; only possible matches are reviewed`,
      );
    }
    const status = input.decision === 'confirm' ? 'confirmed' : 'cleared_by_review';
    await sq.reviewScreening(tx.db, ctx.organizationId, id, {
      status,
      reviewed_by: actor.via === 'system' ? null : actor.userId,
      reviewed_at: ctx.clock.now(),
      note: input.note,
    });
    // The note stays in the screening row: it may quote what was checked (an SSN's last digits).
    await recordAudit(tx, {
      action: 'staff.exclusion_screening.review',
      entityType: 'exclusion_screening',
      entityId: id,
      facilityId: current.facility_id,
      details: { staffMemberId: current.staff_member_id, decision: input.decision, status },
    });
  });
  const [row] = await sq.listScreenings(ctx.db, ctx.organizationId, { facilityIds: actor.facilityIds, ids: [id] });
  if (!row) throw notFound('Screening');
  return toScreening(row);
}

/** Date of birth and former names: what a search needs beyond the staff record. */
export async function setScreeningIdentity(
  ctx: Ctx,
  staffMemberId: string,
  input: ScreeningIdentity,
): Promise<ScreeningIdentity> {
  const actor = requirePermission(ctx, 'staff:write');
  await inTransaction(ctx, async (tx) => {
    const current = await q.lockStaff(tx.db, ctx.organizationId, staffMemberId, actor.facilityIds);
    if (!current) throw notFound('Staff member');
    const formerLastNames = [...new Set(input.formerLastNames)];
    await sq.updateScreeningIdentity(tx.db, ctx.organizationId, staffMemberId, {
      date_of_birth: input.dateOfBirth,
      former_last_names: formerLastNames,
    });
    // Whether, not what: the trail is read more widely than a date of birth should be.
    await recordAudit(tx, {
      action: 'staff.screening_identity.update',
      entityType: 'staff_member',
      entityId: staffMemberId,
      facilityId: current.facility_id,
      details: {
        dateOfBirthChanged: current.date_of_birth !== input.dateOfBirth,
        formerLastNames: formerLastNames.length,
      },
    });
  });
  return { dateOfBirth: input.dateOfBirth, formerLastNames: [...new Set(input.formerLastNames)] };
}

/** Whether each of these people is a confirmed exclusion (for isQualified's `excluded`). */
export const excludedStaff = (ctx: Ctx, staffMemberIds?: readonly string[]) =>
  sq.excludedStaffIds(ctx.db, ctx.organizationId, staffMemberIds);

export async function screeningCards(ctx: Ctx): Promise<DashboardCard[]> {
  if (!ctx.actor || !canReadScreenings(ctx)) return [];
  const waiting = (await sq.reviewQueue(ctx.db, ctx.organizationId, ctx.actor.facilityIds)).length;
  return [
    {
      key: 'staff.exclusion-review',
      title: 'Exclusion screening matches to review',
      value: String(waiting),
      tone: waiting > 0 ? 'danger' : 'ok',
      detail: waiting > 0 ? 'Verify each in the OIG online search and record the decision' : null,
      href: '/staff?view=screening',
    },
  ];
}
