import type {
  CeRecord,
  CmmEligibilityRequest,
  CmmEligibilityResult,
  ComplianceMatrix,
  ComplianceQuery,
  CreateCeRecordRequest,
  CreateCredentialRequest,
  CreateStaffRequest,
  Credential,
  CredentialType,
  StaffDetail,
  StaffListQuery,
  StaffMember,
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
