import type {
  AuditPage,
  Consent,
  Coverage,
  CreateConsentRequest,
  CreateCoverageRequest,
  CreatePatientRequest,
  Patient,
  PatientSummary,
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
  coverages: (patientId: string) => request<Coverage[]>('GET', `/api/patients/${id(patientId)}/coverages`),
  addCoverage: (patientId: string, body: CreateCoverageRequest) =>
    request<Coverage>('POST', `/api/patients/${id(patientId)}/coverages`, { body }),
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

/** One patient's record; each fetch is audited on the server, so no background refetching. */
export function usePatientRecord(patientId: string | null, canSeeHistory: boolean) {
  const opts = { enabled: patientId !== null, staleTime: Number.POSITIVE_INFINITY, refetchOnWindowFocus: false } as const;
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
