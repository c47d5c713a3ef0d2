import { addDays, addMonths, daysBetween, endOfMonth } from '../../../shared/calendar.js';

// Renewal dates of the credentials in rules.md 6.2. Which rule a credential type follows is data
// (credential_types.expiry_rule and renewal_window_days); these are the calculations.

export type ExpiryRule = 'as_issued' | 'end_of_month' | 'day_before_anniversary';

/**
 * The expiry implied by the issue date, or null when the issuer prints its own (state boards).
 * AHA cards: the end of the month a cycle after issue; CLIA: no more than the cycle, so the day
 * before the anniversary.
 */
export function impliedExpiry(rule: ExpiryRule, issuedOn: string, cycleMonths: number | null): string | null {
  if (cycleMonths === null || rule === 'as_issued') return null;
  if (rule === 'end_of_month') return endOfMonth(addMonths(issuedOn, cycleMonths));
  return addDays(addMonths(issuedOn, cycleMonths), -1);
}

/** The first day a renewal may be filed (DEA: no more than 60 days before expiry). */
export const renewalWindowOpens = (expiresOn: string, windowDays: number) => addDays(expiresOn, -windowDays);

export function canRenewOn(expiresOn: string, windowDays: number | null, on: string): boolean {
  if (daysBetween(on, expiresOn) < 0) return true;
  return windowDays === null || daysBetween(renewalWindowOpens(expiresOn, windowDays), on) >= 0;
}
