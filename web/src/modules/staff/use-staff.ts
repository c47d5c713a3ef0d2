import type {
  AlertRun,
  CeRecord,
  CmmEligibilityRequest,
  CmmEligibilityResult,
  CmmEligibilityRule,
  ComplianceMatrix,
  ComplianceQuery,
  CreateCeRecordRequest,
  CreateCredentialRequest,
  CreateFacilityCredentialRequest,
  CreatePayBenchmarkRequest,
  CreateStaffRequest,
  Credential,
  CredentialType,
  LeieStatus,
  PayBenchmark,
  ReviewScreeningRequest,
  RunScreeningRequest,
  Screening,
  ScreeningIdentity,
  ScreeningRun,
  StaffAlert,
  StaffDetail,
  StaffListQuery,
  StaffMember,
  StoredCmmRule,
  UpdateStaffRequest,
  VerifyCredentialRequest,
} from '@clinicops/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, withQuery } from '../../lib/api-client';

// The staff endpoints, kept with the module so that lib/api.ts stays the platform's.
export const staffApi = {
  list: (q: StaffListQuery) => request<StaffMember[]>('GET', withQuery('/api/staff', { ...q })),
  get: (id: string) => request<StaffDetail>('GET', `/api/staff/${encodeURIComponent(id)}`),
  types: () => request<CredentialType[]>('GET', '/api/staff/credential-types'),
  compliance: (q: ComplianceQuery) => request<ComplianceMatrix>('GET', withQuery('/api/staff/compliance', { ...q })),
  create: (body: CreateStaffRequest) => request<StaffDetail>('POST', '/api/staff', { body }),
  update: (id: string, body: UpdateStaffRequest) =>
    request<StaffDetail>('PATCH', `/api/staff/${encodeURIComponent(id)}`, { body }),
  addCeRecord: (staffId: string, body: CreateCeRecordRequest) =>
    request<CeRecord>('POST', `/api/staff/${encodeURIComponent(staffId)}/ce-records`, { body }),
  addCredential: (staffId: string, body: CreateCredentialRequest) =>
    request<Credential>('POST', `/api/staff/${encodeURIComponent(staffId)}/credentials`, { body }),
  verify: (id: string, body: VerifyCredentialRequest) =>
    request<Credential>('POST', `/api/staff/credentials/${encodeURIComponent(id)}/verify`, { body }),
  cmm: (body: CmmEligibilityRequest) => request<CmmEligibilityResult>('POST', '/api/staff/cmm-eligibility', { body }),
  leie: () => request<LeieStatus>('GET', '/api/staff/leie'),
  runScreening: (body: RunScreeningRequest) => request<ScreeningRun>('POST', '/api/staff/screenings', { body }),
  reviewQueue: () => request<Screening[]>('GET', '/api/staff/screenings/review-queue'),
  review: (id: string, body: ReviewScreeningRequest) =>
    request<Screening>('POST', `/api/staff/screenings/${encodeURIComponent(id)}/review`, { body }),
  screenings: (staffId: string) => request<Screening[]>('GET', `/api/staff/${encodeURIComponent(staffId)}/screenings`),
  facilityCredentials: () => request<Credential[]>('GET', '/api/staff/facility-credentials'),
  addFacilityCredential: (body: CreateFacilityCredentialRequest) =>
    request<Credential>('POST', '/api/staff/facility-credentials', { body }),
  cmmRule: () => request<StoredCmmRule>('GET', '/api/staff/cmm-rule'),
  setCmmRule: (body: CmmEligibilityRule) => request<StoredCmmRule>('PUT', '/api/staff/cmm-rule', { body }),
  payBenchmarks: () => request<PayBenchmark[]>('GET', '/api/staff/pay-benchmarks'),
  addPayBenchmark: (body: CreatePayBenchmarkRequest) => request<PayBenchmark>('POST', '/api/staff/pay-benchmarks', { body }),
  alerts: () => request<StaffAlert[]>('GET', '/api/staff/alerts'),
  sendAlerts: () => request<AlertRun>('POST', '/api/staff/alerts/send', { body: {} }),
  setScreeningIdentity: (staffId: string, body: ScreeningIdentity) =>
    request<ScreeningIdentity>('PUT', `/api/staff/${encodeURIComponent(staffId)}/screening-identity`, { body }),
};

const staffKey = ['staff'] as const;

export function useStaffList(query: StaffListQuery) {
  return useQuery({ queryKey: [...staffKey, 'list', query], queryFn: () => staffApi.list(query), placeholderData: (p) => p });
}

export const useStaffMember = (id: string) => useQuery({ queryKey: [...staffKey, 'one', id], queryFn: () => staffApi.get(id) });

export const useCredentialTypes = () =>
  useQuery({ queryKey: [...staffKey, 'types'], queryFn: staffApi.types, staleTime: 10 * 60_000 });

export const useCompliance = (query: ComplianceQuery) =>
  useQuery({
    queryKey: [...staffKey, 'compliance', query],
    queryFn: () => staffApi.compliance(query),
    placeholderData: (p) => p,
  });

export function useCreateStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: staffApi.create,
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKey }),
  });
}

export function useUpdateStaff(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateStaffRequest) => staffApi.update(id, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKey }),
  });
}

export function useAddCeRecord(staffId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCeRecordRequest) => staffApi.addCeRecord(staffId, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKey }),
  });
}

export function useAddCredential(staffId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCredentialRequest) => staffApi.addCredential(staffId, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKey }),
  });
}

export function useVerifyCredential() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: VerifyCredentialRequest }) => staffApi.verify(id, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKey }),
  });
}

export const useCmmEligibility = () => useMutation({ mutationFn: staffApi.cmm });

// OIG LEIE exclusion screening: the imported list, the review queue, a person's history.
const screeningKey = [...staffKey, 'screening'] as const;

export const useLeieStatus = () => useQuery({ queryKey: [...screeningKey, 'leie'], queryFn: staffApi.leie });

export const useReviewQueue = () => useQuery({ queryKey: [...screeningKey, 'queue'], queryFn: staffApi.reviewQueue });

export const useStaffScreenings = (staffId: string) =>
  useQuery({ queryKey: [...screeningKey, 'person', staffId], queryFn: () => staffApi.screenings(staffId) });

export function useRunScreening() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: staffApi.runScreening,
    onSuccess: () => qc.invalidateQueries({ queryKey: screeningKey }),
  });
}

export function useReviewScreening() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ReviewScreeningRequest }) => staffApi.review(id, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: screeningKey }),
  });
}

export function useSetScreeningIdentity(staffId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ScreeningIdentity) => staffApi.setScreeningIdentity(staffId, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKey }),
  });
}

export const useAlerts = () => useQuery({ queryKey: [...staffKey, 'alerts'], queryFn: staffApi.alerts });

export function useSendAlerts() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: staffApi.sendAlerts,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['email'] }),
  });
}

export const useFacilityCredentials = () =>
  useQuery({ queryKey: [...staffKey, 'facility-credentials'], queryFn: staffApi.facilityCredentials });

export function useAddFacilityCredential() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: staffApi.addFacilityCredential,
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKey }),
  });
}

export const useCmmRule = () => useQuery({ queryKey: [...staffKey, 'cmm-rule'], queryFn: staffApi.cmmRule });

export function useSetCmmRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: staffApi.setCmmRule,
    onSuccess: () => qc.invalidateQueries({ queryKey: [...staffKey, 'cmm-rule'] }),
  });
}

export const usePayBenchmarks = () =>
  useQuery({ queryKey: [...staffKey, 'pay-benchmarks'], queryFn: staffApi.payBenchmarks, staleTime: 10 * 60_000 });

export function useAddPayBenchmark() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: staffApi.addPayBenchmark,
    onSuccess: () => qc.invalidateQueries({ queryKey: [...staffKey, 'pay-benchmarks'] }),
  });
}
