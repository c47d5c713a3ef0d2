import type { CreateUserRequest, Facility, UpdateUserRequest, User, UserListQuery } from '@clinicops/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { facilitiesApi, usersApi } from '../../lib/api';
import { useSession } from '../auth';

export const usersKey = ['users'] as const;

export function useUsers(query: UserListQuery, enabled = true) {
  return useQuery({
    queryKey: [...usersKey, query],
    queryFn: () => usersApi.list(query),
    enabled,
    // Keep the previous list on screen while the next search loads, instead of flashing empty.
    placeholderData: (prev) => prev,
  });
}

/** Facilities the manager can grant: the organization's list, or at least the manager's own. */
export function useFacilityOptions() {
  const { me } = useSession();
  const q = useQuery({ queryKey: ['facilities'], queryFn: facilitiesApi.list, staleTime: 5 * 60_000 });
  return useMemo(() => {
    const byId = new Map<string, Facility>();
    for (const f of [...me.facilities, ...(q.data ?? [])]) byId.set(f.id, f);
    const list = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
    return {
      options: list.map((f) => ({ value: f.id, label: f.name })),
      nameOf: (id: string) => byId.get(id)?.name ?? 'Unknown facility',
    };
  }, [me.facilities, q.data]);
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserRequest) => usersApi.create(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserRequest }) => usersApi.update(id, body),
    onSuccess: (user: User | undefined) => {
      void qc.invalidateQueries({ queryKey: usersKey });
      return user;
    },
  });
}

export function useResetPassword() {
  return useMutation({ mutationFn: (id: string) => usersApi.resetPassword(id) });
}
