import type {
  AuditPage,
  Consent,
  Coverage,
  CreateConsentRequest,
  CreateCoverageRequest,
  CreatePatientRequest,
  Patient,
  PatientSummary,
  UpdateCoverageRequest,
  UpdatePatientRequest,
} from '@clinicops/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../lib/api-client';

// The patients module's endpoints and hooks. Kept in the module (not lib/api.ts) so modules
// built in parallel do not edit one shared file.

const id = (s: string) => encodeURIComponent(s);

export const patientsApi = {
  search: (q: string) => request<PatientSummary[]>('GET', '/api/patients', { query: { q, limit: 20 } }),
  get: (patientId: string) => request<Patient>('GET', `/api/patients/${id(patientId)}`),
  create: (body: CreatePatientRequest) => request<Patient>('POST', '/api/patients', { body }),
  update: (patientId: string, body: UpdatePatientRequest) =>
    request<Patient>('PATCH', `/api/patients/${id(patientId)}`, { body }),
  coverages: (patientId: string) => request<Coverage[]>('GET', `/api/patients/${id(patientId)}/coverages`),
  addCoverage: (patientId: string, body: CreateCoverageRequest) =>
    request<Coverage>('POST', `/api/patients/${id(patientId)}/coverages`, { body }),
  updateCoverage: (patientId: string, coverageId: string, body: UpdateCoverageRequest) =>
    request<Coverage>('PATCH', `/api/patients/${id(patientId)}/coverages/${id(coverageId)}`, { body }),
  consents: (patientId: string) => request<Consent[]>('GET', `/api/patients/${id(patientId)}/consents`),
  addConsent: (patientId: string, body: CreateConsentRequest) =>
    request<Consent>('POST', `/api/patients/${id(patientId)}/consents`, { body }),
  accessHistory: (patientId: string) =>
    request<AuditPage>('GET', `/api/patients/${id(patientId)}/access-history`, { query: { limit: 100 } }),
};

export function usePatientSearch(q: string) {
  return useQuery({
    queryKey: ['patients', 'search', q],
    queryFn: () => patientsApi.search(q),
    enabled: q.length > 0,
    // Keep the previous results on screen while the next keystroke's load, instead of flashing empty.
    placeholderData: (prev) => prev,
    // Every search is an audited read: do not repeat it behind the user's back.
    staleTime: 60_000,
  });
}

/**
 * One patient's record. Each fetch is an audited access, so nothing refetches while the record is
 * open; and nothing is kept once it is closed (gcTime 0), so every opening is a fresh, audited read
 * rather than a silent one from the cache, and the record does not linger in the tab's memory.
 */
export function usePatientRecord(patientId: string | null, canSeeHistory: boolean) {
  const opts = {
    enabled: patientId !== null,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  } as const;
  const pid = patientId ?? '';
  return {
    patient: useQuery({ ...opts, queryKey: ['patients', pid], queryFn: () => patientsApi.get(pid) }),
    coverages: useQuery({ ...opts, queryKey: ['patients', pid, 'coverages'], queryFn: () => patientsApi.coverages(pid) }),
    consents: useQuery({ ...opts, queryKey: ['patients', pid, 'consents'], queryFn: () => patientsApi.consents(pid) }),
    history: useQuery({
      ...opts,
      enabled: opts.enabled && canSeeHistory,
      queryKey: ['patients', pid, 'history'],
      queryFn: () => patientsApi.accessHistory(pid),
    }),
  };
}

export function useCreatePatient() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePatientRequest) => patientsApi.create(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['patients', 'search'] }),
  });
}

// Writes put the server's answer straight into the cache instead of refetching: every read of a
// record is an audited access, and the answer already is the record as saved.

export function useUpdatePatient(patientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdatePatientRequest) => patientsApi.update(patientId, body),
    onSuccess: (patient) => {
      qc.setQueryData(['patients', patientId], patient);
      return qc.invalidateQueries({ queryKey: ['patients', 'search'] });
    },
  });
}

export type SaveCoverage =
  | { coverageId?: undefined; body: CreateCoverageRequest }
  | { coverageId: string; body: UpdateCoverageRequest };

export function useSaveCoverage(patientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: SaveCoverage) =>
      s.coverageId === undefined
        ? patientsApi.addCoverage(patientId, s.body)
        : patientsApi.updateCoverage(patientId, s.coverageId, s.body),
    onSuccess: (saved) =>
      qc.setQueryData<Coverage[]>(['patients', patientId, 'coverages'], (list = []) =>
        [...list.filter((c) => c.id !== saved.id), saved].sort(byActiveThenOrder),
      ),
  });
}

/** Active coverages first, in coordination-of-benefits order, then ended ones. */
function byActiveThenOrder(a: Coverage, b: Coverage): number {
  if (a.active !== b.active) return a.active ? -1 : 1;
  return a.order - b.order || (b.effectiveFrom ?? '').localeCompare(a.effectiveFrom ?? '');
}

export function useAddConsent(patientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateConsentRequest) => patientsApi.addConsent(patientId, body),
    onSuccess: (consent) =>
      qc.setQueryData<Consent[]>(['patients', patientId, 'consents'], (list = []) =>
        [consent, ...list].sort((a, b) => b.signedOn.localeCompare(a.signedOn)),
      ),
  });
}
