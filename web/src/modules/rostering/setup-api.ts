import type {
  CoverageDemand,
  CreateCoverageDemandRequest,
  CreateShiftTypeRequest,
  RosterUnit,
  SetStaffContractRequest,
  SetWorkweekRequest,
  ShiftType,
  StaffContract,
  StaffMember,
  UpdateRosterUnitRequest,
  UpdateShiftTypeRequest,
  Workweek,
} from '@clinicops/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../lib/api-client';
import { rosteringKey } from './use-rostering';

// What a roster is built from: shift types, coverage demand and contract limits of a unit's staff.

const id = encodeURIComponent;

export const rosterSetupApi = {
  updateUnit: (unitId: string, body: UpdateRosterUnitRequest) =>
    request<RosterUnit>('PATCH', `/api/rostering/units/${id(unitId)}`, { body }),
  shiftTypes: (unitId: string) => request<ShiftType[]>('GET', '/api/rostering/shift-types', { query: { unitId } }),
  createShiftType: (body: CreateShiftTypeRequest) => request<ShiftType>('POST', '/api/rostering/shift-types', { body }),
  updateShiftType: (shiftTypeId: string, body: UpdateShiftTypeRequest) =>
    request<ShiftType>('PATCH', `/api/rostering/shift-types/${id(shiftTypeId)}`, { body }),
  demand: (unitId: string) => request<CoverageDemand[]>('GET', '/api/rostering/demand', { query: { unitId } }),
  setDemand: (body: CreateCoverageDemandRequest) => request<CoverageDemand>('PUT', '/api/rostering/demand', { body }),
  removeDemand: (demandId: string) => request<void>('DELETE', `/api/rostering/demand/${id(demandId)}`),
  staff: (facilityId: string) => request<StaffMember[]>('GET', '/api/staff', { query: { facilityId } }),
  contract: (staffMemberId: string) => request<StaffContract>('GET', `/api/rostering/contracts/${id(staffMemberId)}`),
  setContract: (staffMemberId: string, body: SetStaffContractRequest) =>
    request<StaffContract>('PUT', `/api/rostering/contracts/${id(staffMemberId)}`, { body }),
  workweek: (facilityId: string) => request<Workweek>('GET', `/api/facilities/${id(facilityId)}/workweek`),
  setWorkweek: (facilityId: string, body: SetWorkweekRequest) =>
    request<Workweek>('PUT', `/api/facilities/${id(facilityId)}/workweek`, { body }),
};

export const useShiftTypes = (unitId: string | null) =>
  useQuery({
    queryKey: [...rosteringKey, 'shift-types', unitId],
    queryFn: () => rosterSetupApi.shiftTypes(unitId ?? ''),
    enabled: !!unitId,
  });

export const useDemand = (unitId: string | null) =>
  useQuery({
    queryKey: [...rosteringKey, 'demand', unitId],
    queryFn: () => rosterSetupApi.demand(unitId ?? ''),
    enabled: !!unitId,
  });

export const useFacilityStaff = (facilityId: string | null) =>
  useQuery({
    queryKey: [...rosteringKey, 'staff', facilityId],
    queryFn: () => rosterSetupApi.staff(facilityId ?? ''),
    enabled: !!facilityId,
  });

// under the rostering key: a change refreshes every roster's overtime with it
export const useWorkweek = (facilityId: string | null) =>
  useQuery({
    queryKey: [...rosteringKey, 'workweek', facilityId],
    queryFn: () => rosterSetupApi.workweek(facilityId ?? ''),
    enabled: !!facilityId,
  });

export const useContract = (staffMemberId: string | null) =>
  useQuery({
    queryKey: [...rosteringKey, 'contract', staffMemberId],
    queryFn: () => rosterSetupApi.contract(staffMemberId ?? ''),
    enabled: !!staffMemberId,
  });

/**
 * Runs a setup change, then refreshes everything rostering shows: rosters are judged against setup.
 * Also after a failure, since a change of several requests (the demand figures) may have stored some.
 */
export function useRosterSetupMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: [...rosteringKey] }) });
}
