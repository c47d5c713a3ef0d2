import type { RosterAssignment, RosterDetail } from '@clinicops/contracts';

// The grid's working copy of a roster: a map from "person|date" to a shift type id, edited by
// drag and drop and sent to the server's evaluator on every change.

export type Draft = ReadonlyMap<string, string>;
export const cellKey = (staffMemberId: string, date: string) => `${staffMemberId}|${date}`;

export function draftOf(roster: Pick<RosterDetail, 'assignments'>): Draft {
  return new Map(roster.assignments.map((a) => [cellKey(a.staffMemberId, a.date), a.shiftTypeId]));
}

export function assignmentsOf(draft: Draft): RosterAssignment[] {
  return [...draft].map(([key, shiftTypeId]) => {
    const [staffMemberId = '', date = ''] = key.split('|');
    return { staffMemberId, date, shiftTypeId };
  });
}

/** Moves the shift of one cell onto another (the target's own shift, if any, goes to the source: a swap). */
export function moveShift(draft: Draft, from: string, to: string): Draft {
  if (from === to) return draft;
  const next = new Map(draft);
  const moving = draft.get(from);
  const displaced = draft.get(to);
  if (!moving) return draft;
  next.set(to, moving);
  if (displaced) next.set(from, displaced);
  else next.delete(from);
  return next;
}

export function setShift(draft: Draft, key: string, shiftTypeId: string | null): Draft {
  const next = new Map(draft);
  if (shiftTypeId) next.set(key, shiftTypeId);
  else next.delete(key);
  return next;
}

/** The changes that turn the saved roster into the draft. */
export function changesBetween(saved: Draft, draft: Draft) {
  const keys = new Set([...saved.keys(), ...draft.keys()]);
  return [...keys]
    .filter((k) => saved.get(k) !== draft.get(k))
    .map((k) => {
      const [staffMemberId = '', date = ''] = k.split('|');
      return { staffMemberId, date, shiftTypeId: draft.get(k) ?? null };
    });
}
