import { daysBetween } from '../../../shared/calendar.js';

// The status a credential has on a given day, as the compliance matrix and the dashboard show it.
// Precedence: a lapsed credential is reported as such even when it was never verified, since
// that is the more urgent fact; an unverified one is not trusted even when it is in date.

export type CredentialState = 'valid' | 'expiring_90' | 'expiring_60' | 'expiring_30' | 'expired' | 'missing' | 'unverified';

export type CredentialFacts = {
  /** How people call it in a sentence: "RN licence (OH)". */
  label: string;
  issuedOn: string;
  expiresOn: string | null;
  verified: boolean;
  status: 'active' | 'revoked' | 'superseded';
};

export type CredentialStatus = { state: CredentialState; daysLeft: number | null; reasons: string[] };

/** Whether a person may work on the strength of this state (expiring still counts as valid). */
export const isUsable = (state: CredentialState) => state === 'valid' || state.startsWith('expiring');

export function credentialStatus(credential: CredentialFacts | null, on: string, missingLabel = 'credential'): CredentialStatus {
  if (!credential) return { state: 'missing', daysLeft: null, reasons: [`${missingLabel} missing`] };
  const { label } = credential;
  if (credential.status !== 'active') {
    return { state: 'expired', daysLeft: null, reasons: [`${label} ${credential.status}`] };
  }
  if (daysBetween(on, credential.issuedOn) > 0) {
    return { state: 'missing', daysLeft: null, reasons: [`${label} not valid before ${credential.issuedOn}`] };
  }
  const daysLeft = credential.expiresOn === null ? null : daysBetween(on, credential.expiresOn);
  // A credential is good through its expiry date and lapses the day after.
  if (daysLeft !== null && daysLeft < 0) {
    return { state: 'expired', daysLeft, reasons: [`${label} expired ${credential.expiresOn}`] };
  }
  if (!credential.verified) {
    return { state: 'unverified', daysLeft, reasons: [`${label} not verified`] };
  }
  if (daysLeft === null || daysLeft > 90) return { state: 'valid', daysLeft, reasons: [] };
  const state = daysLeft <= 30 ? 'expiring_30' : daysLeft <= 60 ? 'expiring_60' : 'expiring_90';
  const when = daysLeft === 0 ? 'today' : `in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`;
  return { state, daysLeft, reasons: [`${label} expires ${credential.expiresOn} (${when})`] };
}
