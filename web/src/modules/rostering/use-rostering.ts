import type {
  Colleague,
  CreateLeaveRequest,
  CreateRosterRequest,
  CreateSwapRequest,
  DecideSwapRequest,
  EvaluateDraftRequest,
  Leave,
  MyShifts,
  OpenShift,
  RepairResult,
  RosterDetail,
  RosterEvaluation,
  RosterSummary,
  RosterUnit,
  ShiftFeedLink,
  SickCallRequest,
  SolveRequest,
  SolveRun,
  SwapRequest,
  UpdateAssignmentsRequest,
} from '@clinicops/contracts';
import { useQuery } from '@tanstack/react-query';
import { request, withQuery } from '../../lib/api-client';

const id = encodeURIComponent;

// The rostering endpoints, kept with the module.
export const rosteringApi = {
  units: () => request<RosterUnit[]>('GET', '/api/rostering/units'),
  rosters: () => request<RosterSummary[]>('GET', '/api/rosters'),
  roster: (rosterId: string) => request<RosterDetail>('GET', `/api/rosters/${id(rosterId)}`),
  create: (body: CreateRosterRequest) => request<RosterDetail>('POST', '/api/rosters', { body }),
  evaluate: (rosterId: string, body: EvaluateDraftRequest) =>
    request<RosterEvaluation>('POST', `/api/rosters/${id(rosterId)}/evaluate`, { body }),
  save: (rosterId: string, body: UpdateAssignmentsRequest) =>
    request<RosterDetail>('PATCH', `/api/rosters/${id(rosterId)}/assignments`, { body }),
  publish: (rosterId: string, version: number) =>
    request<RosterDetail>('POST', `/api/rosters/${id(rosterId)}/publish`, { body: { version } }),
  solve: (rosterId: string, body: SolveRequest) => request<SolveRun>('POST', `/api/rosters/${id(rosterId)}/solve`, { body }),
  /** The roster's latest solve, or null when it was never solved. */
  latestRun: async (rosterId: string) =>
    (await request<SolveRun[]>('GET', withQuery(`/api/rosters/${id(rosterId)}/solve-runs`, { limit: 1 })))[0] ?? null,
  stop: (rosterId: string, runId: string) =>
    request<SolveRun>('POST', `/api/rosters/${id(rosterId)}/solve-runs/${id(runId)}/stop`),
  sickCall: (rosterId: string, body: SickCallRequest) =>
    request<RepairResult>('POST', `/api/rosters/${id(rosterId)}/sick-call`, { body }),
  colleagues: (rosterId: string) => request<Colleague[]>('GET', withQuery('/api/my/colleagues', { rosterId })),
  requestSwap: (body: CreateSwapRequest) => request<SwapRequest>('POST', '/api/swap-requests', { body }),
  addLeave: (body: CreateLeaveRequest) => request<Leave>('POST', '/api/rostering/leave', { body }),
  myShifts: () => request<MyShifts>('GET', withQuery('/api/my/shifts', {})),
  feed: () => request<ShiftFeedLink>('POST', '/api/my/shifts/feed'),
  openShifts: () => request<OpenShift[]>('GET', '/api/open-shifts'),
  claim: (openShiftId: string) => request<OpenShift>('POST', `/api/open-shifts/${id(openShiftId)}/claim`),
  swaps: () => request<SwapRequest[]>('GET', '/api/swap-requests'),
  decide: (swapId: string, body: DecideSwapRequest) =>
    request<SwapRequest>('POST', `/api/swap-requests/${id(swapId)}/decision`, { body }),
};

export const rosteringKey = ['rostering'] as const;
export const useRosters = () => useQuery({ queryKey: [...rosteringKey, 'list'], queryFn: rosteringApi.rosters });
export const useUnits = () => useQuery({ queryKey: [...rosteringKey, 'units'], queryFn: rosteringApi.units });
export const useRoster = (rosterId: string | null) =>
  useQuery({
    queryKey: [...rosteringKey, 'roster', rosterId],
    queryFn: () => rosteringApi.roster(rosterId ?? ''),
    enabled: !!rosterId,
  });
