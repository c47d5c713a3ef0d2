import type {
  AddToWaitlistRequest,
  Appointment,
  AppointmentStep,
  AppointmentType,
  BookAppointmentRequest,
  BookSeriesRequest,
  FeedLink,
  PatientSummary,
  RescheduleRequest,
  Resource,
  SeriesResult,
  SlotSearchResult,
  WaitlistEntry,
} from '@clinicops/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../lib/api-client';

// The scheduling module's endpoints and hooks (kept in the module, like the patients module's).

const id = (s: string) => encodeURIComponent(s);
const facilityQuery = (facilityId: string | null) => (facilityId ? { facilityId } : {});

export const schedulingApi = {
  resources: (facilityId: string | null) =>
    request<Resource[]>('GET', '/api/scheduling/resources', { query: facilityQuery(facilityId) }),
  types: (facilityId: string | null) =>
    request<AppointmentType[]>('GET', '/api/scheduling/appointment-types', { query: facilityQuery(facilityId) }),
  appointments: (facilityId: string | null, from: string, to: string) =>
    request<Appointment[]>('GET', '/api/appointments', { query: { ...facilityQuery(facilityId), from, to } }),
  slots: (q: { appointmentTypeId: string; from: string; days: number; providerResourceId?: string }) =>
    request<SlotSearchResult>('GET', '/api/scheduling/slots', { query: { ...q, limit: 40 } }),
  book: (body: BookAppointmentRequest) => request<Appointment>('POST', '/api/appointments', { body }),
  bookSeries: (body: BookSeriesRequest) => request<SeriesResult>('POST', '/api/appointments/series', { body }),
  reschedule: (appointmentId: string, body: RescheduleRequest) =>
    request<Appointment>('POST', `/api/appointments/${id(appointmentId)}/reschedule`, { body }),
  step: (appointmentId: string, step: AppointmentStep) =>
    request<Appointment>('POST', `/api/appointments/${id(appointmentId)}/${step}`),
  cancel: (appointmentId: string, reason: string) =>
    request<Appointment>('POST', `/api/appointments/${id(appointmentId)}/cancel`, { body: { reason } }),
  waitlist: (facilityId: string | null) =>
    request<WaitlistEntry[]>('GET', '/api/scheduling/waitlist', { query: facilityQuery(facilityId) }),
  addToWaitlist: (body: AddToWaitlistRequest) => request<WaitlistEntry>('POST', '/api/scheduling/waitlist', { body }),
  proposals: (appointmentId: string) =>
    request<WaitlistEntry[]>('GET', `/api/appointments/${id(appointmentId)}/waitlist-proposals`),
  feedLink: (resourceId: string) => request<FeedLink>('POST', `/api/scheduling/resources/${id(resourceId)}/feed`),
  searchPatients: (q: string) => request<PatientSummary[]>('GET', '/api/patients', { query: { q, limit: 10 } }),
};

export function useResources(facilityId: string | null) {
  return useQuery({ queryKey: ['scheduling', 'resources', facilityId], queryFn: () => schedulingApi.resources(facilityId) });
}

export function useAppointmentTypes(facilityId: string | null) {
  return useQuery({ queryKey: ['scheduling', 'types', facilityId], queryFn: () => schedulingApi.types(facilityId) });
}

/** The schedule shows patient names, so each load is an audited read: refreshed each minute, not on every focus. */
export function useAppointments(facilityId: string | null, from: string, to: string) {
  return useQuery({
    queryKey: ['scheduling', 'appointments', facilityId, from, to],
    queryFn: () => schedulingApi.appointments(facilityId, from, to),
    refetchInterval: 60_000,
    refetchOnWindowFocus: false,
    placeholderData: (prev) => prev,
  });
}

export function useSlots(q: { appointmentTypeId: string | null; from: string; days: number; providerResourceId: string | null }) {
  return useQuery({
    queryKey: ['scheduling', 'slots', q],
    enabled: q.appointmentTypeId !== null,
    queryFn: () =>
      schedulingApi.slots({
        appointmentTypeId: q.appointmentTypeId ?? '',
        from: q.from,
        days: q.days,
        ...(q.providerResourceId ? { providerResourceId: q.providerResourceId } : {}),
      }),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['scheduling'] });
}

export function useBook() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: schedulingApi.book, onSuccess: invalidate });
}

export function useReschedule() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: string; body: RescheduleRequest }) => schedulingApi.reschedule(v.id, v.body),
    onSettled: invalidate,
  });
}

export function useStep() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: string; step: AppointmentStep | 'cancel'; reason?: string }) =>
      v.step === 'cancel' ? schedulingApi.cancel(v.id, v.reason ?? '') : schedulingApi.step(v.id, v.step),
    onSuccess: invalidate,
  });
}

/** Waitlist candidates for a freed slot (an audited read of their names): loaded when asked for. */
export function useProposals(appointmentId: string | null) {
  return useQuery({
    queryKey: ['scheduling', 'proposals', appointmentId],
    queryFn: () => schedulingApi.proposals(appointmentId ?? ''),
    enabled: appointmentId !== null,
    staleTime: 30_000,
  });
}

export function useAddToWaitlist() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: schedulingApi.addToWaitlist, onSuccess: invalidate });
}
