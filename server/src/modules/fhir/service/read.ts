import type { Resource } from '@medplum/fhirtypes';
import { recordAudit } from '../../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../../platform/context.js';
import { requirePermission, scopeFacilities } from '../../../platform/permissions.js';
import { searchBundle } from '../domain/bundle.js';
import { issue } from '../domain/outcome.js';
import { toFhirAppointment, toFhirSchedule } from '../domain/scheduling-to-fhir.js';
import { type Filters, parseSearch, type ResourceType } from '../domain/search.js';
import { MRN_SYSTEM, NPI_SYSTEM } from '../domain/systems.js';
import {
  toFhirCoverage,
  toFhirEncounter,
  toFhirLocation,
  toFhirOrganization,
  toFhirPatient,
  toFhirPractitioner,
  toFhirPractitionerRole,
} from '../domain/to-fhir.js';
import * as q from '../queries.js';
import { searchAppointments, searchSchedules } from '../scheduling-queries.js';
import { fhirError } from './errors.js';
import { findSlots, isSlotId } from './slots.js';

// Read and search. Each resource type has its permission; patient data (Patient, Coverage,
// Encounter) is audited in the transaction of the read, naming the patients returned, never the
// searched values (a name or a birth date is itself patient data).

const permissionOf = {
  Patient: 'patients:read',
  Coverage: 'patients:read',
  Encounter: 'patients:read',
  Practitioner: 'staff:read',
  PractitionerRole: 'staff:read',
  Organization: 'facilities:read',
  Location: 'facilities:read',
  Schedule: 'appointments:read',
  Slot: 'appointments:read',
  Appointment: 'appointments:read',
} as const;

type Found = { total: number; resources: Resource[]; patientIds: string[]; facilityIds?: string[] };

async function find(ctx: Ctx, type: ResourceType, f: Filters, paging: q.Paging): Promise<Found> {
  const facilities = scopeFacilities(ctx);
  const db = ctx.db;
  const org = ctx.organizationId;
  const today = ctx.clock.now().toISOString().slice(0, 10);
  switch (type) {
    case 'Patient': {
      const r = await q.searchPatients(db, org, facilities, f, paging, MRN_SYSTEM);
      const ext = await q.externalIdsOf(
        db,
        org,
        'Patient',
        r.rows.map((x) => x.id),
      );
      return {
        total: r.total,
        resources: r.rows.map((x) => toFhirPatient(x, ext.get(x.id))),
        patientIds: r.rows.map((x) => x.id),
        facilityIds: r.rows.map((x) => x.facility_id),
      };
    }
    case 'Coverage': {
      const r = await q.searchCoverages(db, org, facilities, f, paging);
      const ext = await q.externalIdsOf(
        db,
        org,
        'Coverage',
        r.rows.map((x) => x.id),
      );
      return {
        total: r.total,
        resources: r.rows.map((x) => toFhirCoverage(x, ext.get(x.id))),
        patientIds: r.rows.map((x) => x.patient_id),
        facilityIds: r.rows.map((x) => x.facility_id),
      };
    }
    case 'Encounter': {
      const r = await q.searchEncounters(db, org, facilities, f, paging);
      const ext = await q.externalIdsOf(
        db,
        org,
        'Encounter',
        r.rows.map((x) => x.id),
      );
      return {
        total: r.total,
        resources: r.rows.map((x) => toFhirEncounter(x, ext.get(x.id))),
        patientIds: r.rows.map((x) => x.patient_id),
        facilityIds: r.rows.map((x) => x.facility_id),
      };
    }
    case 'Practitioner':
    case 'PractitionerRole': {
      const r = await q.searchStaff(db, org, facilities, f, paging, NPI_SYSTEM);
      if (type === 'PractitionerRole') {
        return { total: r.total, resources: r.rows.map((x) => toFhirPractitionerRole(x, org, today)), patientIds: [] };
      }
      const ext = await q.externalIdsOf(
        db,
        org,
        'Practitioner',
        r.rows.map((x) => x.id),
      );
      return { total: r.total, resources: r.rows.map((x) => toFhirPractitioner(x, today, ext.get(x.id))), patientIds: [] };
    }
    case 'Location': {
      const r = await q.searchFacilities(db, org, facilities, f, paging);
      return { total: r.total, resources: r.rows.map(toFhirLocation), patientIds: [] };
    }
    case 'Schedule': {
      const r = await searchSchedules(db, org, facilities, f, paging);
      return { total: r.total, resources: r.rows.map(toFhirSchedule), patientIds: [] };
    }
    case 'Slot':
      return { ...(await findSlots(ctx, f, paging)), patientIds: [] };
    case 'Appointment': {
      const r = await searchAppointments(db, org, facilities, f, paging);
      return {
        total: r.total,
        resources: r.rows.map(toFhirAppointment),
        patientIds: r.rows.map((x) => x.patient_id),
        facilityIds: r.rows.map((x) => x.facility_id),
      };
    }
    case 'Organization': {
      // The organization is the only one a user sees: theirs.
      const o = await q.findOrganization(db, org);
      const prefix = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      const matches =
        o !== undefined &&
        (!f.ids || f.ids.includes(o.id)) &&
        (f.name ?? []).every((group) => group.some((n) => prefix(o.name).startsWith(prefix(n))));
      const all = matches && o ? [toFhirOrganization(o)] : [];
      return { total: all.length, resources: all.slice(paging.offset, paging.offset + paging.count), patientIds: [] };
    }
  }
}

async function auditRead(ctx: Ctx, type: ResourceType, found: Found, read: { id: string } | { params: string[] }) {
  const via = { via: 'fhir', resourceType: type };
  if (type === 'Appointment') {
    // as the REST API's appointment reads: the appointment, or the list with the patients shown
    await recordAudit(
      ctx,
      'id' in read
        ? {
            action: 'appointment.view',
            entityType: 'appointment',
            entityId: read.id,
            patientId: found.patientIds[0] ?? null,
            facilityId: found.facilityIds?.[0] ?? null,
            details: via,
          }
        : {
            action: 'appointment.list',
            entityType: 'appointment',
            details: { ...via, by: read.params, results: found.resources.length, patientIds: [...new Set(found.patientIds)] },
          },
    );
    return;
  }
  if (type !== 'Patient' && type !== 'Coverage' && type !== 'Encounter') return;
  if ('id' in read) {
    const patientId = found.patientIds[0] ?? null;
    await recordAudit(ctx, {
      action: type === 'Patient' ? 'patient.view' : type === 'Coverage' ? 'patient.coverage.view' : 'patient.encounter.view',
      entityType: type === 'Patient' ? 'patient' : type.toLowerCase(),
      entityId: read.id,
      patientId,
      facilityId: found.facilityIds?.[0] ?? null,
      details: via,
    });
    return;
  }
  await recordAudit(ctx, {
    action: 'patient.search',
    entityType: 'patient',
    details: { ...via, by: read.params, results: found.resources.length, patientIds: [...new Set(found.patientIds)] },
  });
}

export async function readResource(ctx: Ctx, type: ResourceType, id: string): Promise<Resource> {
  requirePermission(ctx, permissionOf[type]);
  const notFound = fhirError('not_found', [issue('not-found', `${type}/${id} is not known`, `${type}.id`)]);
  if (type === 'Slot' ? !isSlotId(id) : !/^[0-9a-fA-F-]{36}$/.test(id)) throw notFound;
  return inTransaction(ctx, async (tx) => {
    const found = await find(tx, type, { ids: [type === 'Slot' ? id : id.toLowerCase()] }, { count: 1, offset: 0 });
    const resource = found.resources[0];
    // Another organization's or facility's record is "not known": existence is not disclosed.
    if (!resource) throw notFound;
    await auditRead(tx, type, found, { id: resource.id as string });
    return resource;
  });
}

export async function searchResources(ctx: Ctx, type: ResourceType, pairs: [string, string][], base: string) {
  requirePermission(ctx, permissionOf[type]);
  const parsed = parseSearch(type, pairs);
  if (!parsed.ok) throw fhirError('bad_request', parsed.issues);
  const { filters, count, offset, canonical } = parsed.search;
  return inTransaction(ctx, async (tx) => {
    const found = await find(tx, type, filters, { count, offset });
    await auditRead(tx, type, found, { params: [...new Set(canonical.map(([k]) => k))] });
    return searchBundle({ base, type, canonical, count, offset, total: found.total }, found.resources);
  });
}

/** A record just written, read back for the response (the write itself was audited). */
export async function writtenResource(ctx: Ctx, type: 'Patient' | 'Coverage', id: string): Promise<Resource> {
  const found = await find(ctx, type, { ids: [id] }, { count: 1, offset: 0 });
  const resource = found.resources[0];
  if (!resource) throw fhirError('not_found', [issue('not-found', `${type}/${id} is not known`, `${type}.id`)]);
  return resource;
}
