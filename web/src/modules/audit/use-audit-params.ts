import type { AuditEvent } from '@clinicops/contracts';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { AuditFilters } from '../../lib/api';

// Filters live in the address bar: an auditor can bookmark or share "denied reads of patient X
// last week", and Back returns to the previous filter.

const FILTER_KEYS = ['userId', 'patientId', 'action', 'outcome', 'from', 'to'] as const;
export const PAGE_SIZES = [25, 50, 100, 200] as const;
const DEFAULT_LIMIT = 50;

const outcomes: readonly AuditEvent['outcome'][] = ['success', 'failure', 'denied'];

export function useAuditParams() {
  const [params, setParams] = useSearchParams();

  const filters = useMemo<AuditFilters>(() => {
    const f: AuditFilters = {};
    for (const key of FILTER_KEYS) {
      const v = params.get(key);
      if (!v) continue;
      if (key === 'outcome') {
        if ((outcomes as readonly string[]).includes(v)) f.outcome = v as AuditEvent['outcome'];
      } else f[key] = v;
    }
    return f;
  }, [params]);

  const limitParam = Number(params.get('limit'));
  const limit = (PAGE_SIZES as readonly number[]).includes(limitParam) ? limitParam : DEFAULT_LIMIT;
  const offset = Math.max(0, Math.floor(Number(params.get('offset')) || 0));
  const tab = params.get('tab') === 'emergency' ? 'emergency' : 'events';

  const update = useCallback(
    (changes: Record<string, string | number | undefined>) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      }),
    [setParams],
  );

  const setFilters = useCallback(
    (f: AuditFilters) => {
      const changes: Record<string, string | undefined> = { offset: undefined };
      for (const key of FILTER_KEYS) changes[key] = f[key];
      update(changes);
    },
    [update],
  );

  return {
    filters,
    limit,
    offset,
    tab,
    setFilters,
    setPage: (newOffset: number, newLimit = limit) =>
      update({ offset: newOffset || undefined, limit: newLimit === DEFAULT_LIMIT ? undefined : newLimit }),
    setTab: (t: 'events' | 'emergency') => update({ tab: t === 'events' ? undefined : t }),
  };
}
