import type {
  AccessRequest,
  CreateAccessRequest,
  PatientRetention,
  RetentionSettings,
  RetentionSettingsView,
  UpdateAccessRequest,
} from '@clinicops/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../lib/api-client';

const id = (s: string) => encodeURIComponent(s);

export const exportHref = (patientId: string, format: 'fhir' | 'pdf') => `/api/patients/${id(patientId)}/export?format=${format}`;

export function usePatientRetention(patientId: string) {
  return useQuery({
    queryKey: ['patients', patientId, 'retention'],
    queryFn: () => request<PatientRetention>('GET', `/api/patients/${id(patientId)}/retention`),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

export function useRetentionSettings(enabled: boolean) {
  return useQuery({
    queryKey: ['retention-settings'],
    queryFn: () => request<RetentionSettingsView>('GET', '/api/retention-settings'),
    enabled,
  });
}

export function useSaveRetentionSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RetentionSettings) => request<RetentionSettingsView>('PUT', '/api/retention-settings', { body }),
    onSuccess: (saved) => qc.setQueryData(['retention-settings'], saved),
  });
}

export function useAccessRequests(patientId: string) {
  return useQuery({
    queryKey: ['patients', patientId, 'access-requests'],
    queryFn: () => request<AccessRequest[]>('GET', `/api/patients/${id(patientId)}/access-requests`),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

export type SaveAccessRequest =
  | { requestId?: undefined; body: CreateAccessRequest }
  | { requestId: string; body: UpdateAccessRequest };

export function useSaveAccessRequest(patientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: SaveAccessRequest) =>
      s.requestId === undefined
        ? request<AccessRequest>('POST', `/api/patients/${id(patientId)}/access-requests`, { body: s.body })
        : request<AccessRequest>('PATCH', `/api/patients/${id(patientId)}/access-requests/${id(s.requestId)}`, { body: s.body }),
    onSuccess: (saved) =>
      qc.setQueryData<AccessRequest[]>(['patients', patientId, 'access-requests'], (list = []) =>
        [saved, ...list.filter((r) => r.id !== saved.id)].sort((a, b) => b.requestedOn.localeCompare(a.requestedOn)),
      ),
  });
}
