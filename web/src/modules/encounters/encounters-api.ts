import type { CreateEncounterRequest, Encounter, EncounterProvider, UpdateEncounterRequest } from '@clinicops/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../lib/api-client';

const id = (s: string) => encodeURIComponent(s);

export const encountersApi = {
  list: (patientId: string) => request<Encounter[]>('GET', `/api/patients/${id(patientId)}/encounters`),
  create: (patientId: string, body: CreateEncounterRequest) =>
    request<Encounter>('POST', `/api/patients/${id(patientId)}/encounters`, { body }),
  update: (patientId: string, encounterId: string, body: UpdateEncounterRequest) =>
    request<Encounter>('PATCH', `/api/patients/${id(patientId)}/encounters/${id(encounterId)}`, { body }),
  providers: () => request<EncounterProvider[]>('GET', '/api/encounter-providers'),
};

/** A patient's encounters: an audited read, so fetched once per opening of the record (as the rest of it). */
export function useEncounters(patientId: string) {
  return useQuery({
    queryKey: ['patients', patientId, 'encounters'],
    queryFn: () => encountersApi.list(patientId),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

export function useEncounterProviders(enabled: boolean) {
  return useQuery({ queryKey: ['encounter-providers'], queryFn: encountersApi.providers, enabled, staleTime: 300_000 });
}

export type SaveEncounter =
  | { encounterId?: undefined; body: CreateEncounterRequest }
  | { encounterId: string; body: UpdateEncounterRequest };

export function useSaveEncounter(patientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: SaveEncounter) =>
      s.encounterId === undefined
        ? encountersApi.create(patientId, s.body)
        : encountersApi.update(patientId, s.encounterId, s.body),
    // The answer is the encounter as saved: no refetch (every read is an audited access).
    onSuccess: (saved) =>
      qc.setQueryData<Encounter[]>(['patients', patientId, 'encounters'], (list = []) =>
        [...list.filter((e) => e.id !== saved.id), saved].sort((a, b) => b.startsAt.localeCompare(a.startsAt)),
      ),
  });
}
