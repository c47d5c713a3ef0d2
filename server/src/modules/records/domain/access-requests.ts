import { addDays } from '../../../shared/calendar.js';

// Right of access (45 CFR 164.524(b)(2), rules.md 2.5): act no later than 30 calendar days after
// receiving the request; one extension of at most 30 more days, with written notice of the reason
// and the new date sent within the first 30 days. The 60-day rule for off-site records was removed
// in 2013 and is not implemented.

export const DAYS_TO_ACT = 30;
export const EXTENSION_DAYS = 30;

export const dueBy = (requestedOn: string) => addDays(requestedOn, DAYS_TO_ACT);

export type AccessRequestState = { requestedOn: string; dueBy: string; extendedTo: string | null; fulfilledOn: string | null };

/** The date by which the request must be fulfilled now (with the extension, if any). */
export const deadlineOf = (r: AccessRequestState) => r.extendedTo ?? r.dueBy;

/** Why the request cannot be extended today, or null when it can (the date it then moves to is dueBy + 30). */
export function extensionProblem(r: AccessRequestState, today: string): string | null {
  if (r.fulfilledOn !== null) return 'the request is already fulfilled';
  if (r.extendedTo !== null) return 'the request was already extended once; a second extension is not allowed';
  if (today > r.dueBy) return `the extension notice must be sent within the first 30 days (by ${r.dueBy})`;
  return null;
}

export type AccessRequestStatus = 'open' | 'due_soon' | 'overdue' | 'fulfilled' | 'fulfilled_late';

export function accessRequestStatus(r: AccessRequestState, today: string): AccessRequestStatus {
  const deadline = deadlineOf(r);
  if (r.fulfilledOn !== null) return r.fulfilledOn > deadline ? 'fulfilled_late' : 'fulfilled';
  if (today > deadline) return 'overdue';
  if (addDays(today, 7) >= deadline) return 'due_soon';
  return 'open';
}
