import type {
  AppointmentType,
  AvailabilityException,
  AvailabilityTemplate,
  CreateAppointmentTypeRequest,
  CreateExceptionRequest,
  CreateResourceRequest,
  CreateTemplateRequest,
  Resource,
  StaffMember,
  UpdateAppointmentTypeRequest,
  UpdateExceptionRequest,
  UpdateResourceRequest,
  UpdateTemplateRequest,
} from '@clinicops/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../lib/api-client';

// The schedule's setup endpoints: resources, appointment types, weekly hours and exceptions.

const id = (s: string) => encodeURIComponent(s);
const facilityQuery = (facilityId: string | null) => (facilityId ? { facilityId } : {});

export const setupApi = {
  createResource: (body: CreateResourceRequest) => request<Resource>('POST', '/api/scheduling/resources', { body }),
  updateResource: (rid: string, body: UpdateResourceRequest) =>
    request<Resource>('PATCH', `/api/scheduling/resources/${id(rid)}`, { body }),
  createType: (body: CreateAppointmentTypeRequest) =>
    request<AppointmentType>('POST', '/api/scheduling/appointment-types', { body }),
  updateType: (tid: string, body: UpdateAppointmentTypeRequest) =>
    request<AppointmentType>('PATCH', `/api/scheduling/appointment-types/${id(tid)}`, { body }),
  templates: (facilityId: string | null) =>
    request<AvailabilityTemplate[]>('GET', '/api/scheduling/templates', { query: facilityQuery(facilityId) }),
  createTemplate: (body: CreateTemplateRequest) => request<AvailabilityTemplate>('POST', '/api/scheduling/templates', { body }),
  updateTemplate: (tid: string, body: UpdateTemplateRequest) =>
    request<AvailabilityTemplate>('PATCH', `/api/scheduling/templates/${id(tid)}`, { body }),
  exceptions: (facilityId: string | null, from: string, to: string) =>
    request<AvailabilityException[]>('GET', '/api/scheduling/exceptions', { query: { ...facilityQuery(facilityId), from, to } }),
  createException: (body: CreateExceptionRequest) =>
    request<AvailabilityException>('POST', '/api/scheduling/exceptions', { body }),
  updateException: (eid: string, body: UpdateExceptionRequest) =>
    request<AvailabilityException>('PATCH', `/api/scheduling/exceptions/${id(eid)}`, { body }),
  deleteException: (eid: string) => request<void>('DELETE', `/api/scheduling/exceptions/${id(eid)}`),
  providersToAdd: (facilityId: string | null) =>
    request<StaffMember[]>('GET', '/api/staff', { query: facilityQuery(facilityId) }).then((list) =>
      list.filter((s) => ['physician', 'nurse_practitioner', 'physician_assistant'].includes(s.position)),
    ),
};

/** Runs a setup change and refreshes everything scheduling shows. */
export function useSetupMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['scheduling'] }) });
}

export function useTemplates(facilityId: string | null) {
  return useQuery({ queryKey: ['scheduling', 'templates', facilityId], queryFn: () => setupApi.templates(facilityId) });
}

export function useExceptions(facilityId: string | null, from: string, to: string) {
  return useQuery({
    queryKey: ['scheduling', 'exceptions', facilityId, from, to],
    queryFn: () => setupApi.exceptions(facilityId, from, to),
  });
}
