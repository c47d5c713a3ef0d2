import { describe, expect, it } from 'vitest';
import { type CredentialFacts, credentialStatus, isUsable } from './credential-status.js';

const rn: CredentialFacts = {
  label: 'RN licence (OH)',
  issuedOn: '2024-11-03',
  expiresOn: '2026-11-02',
  verified: true,
  status: 'active',
};

describe('credentialStatus', () => {
  it('is valid more than 90 days out', () => {
    expect(credentialStatus(rn, '2026-07-01')).toEqual({ state: 'valid', daysLeft: 124, reasons: [] });
  });
  it('steps through 90, 60 and 30 days', () => {
    expect(credentialStatus(rn, '2026-08-04').state).toBe('expiring_90');
    expect(credentialStatus(rn, '2026-09-03').state).toBe('expiring_60');
    expect(credentialStatus(rn, '2026-10-03').state).toBe('expiring_30');
    expect(credentialStatus(rn, '2026-10-13').reasons).toEqual(['RN licence (OH) expires 2026-11-02 (in 20 days)']);
  });
  it('is good through the expiry date and expired the day after', () => {
    expect(credentialStatus(rn, '2026-11-02').state).toBe('expiring_30');
    expect(credentialStatus(rn, '2026-11-03')).toEqual({
      state: 'expired',
      daysLeft: -1,
      reasons: ['RN licence (OH) expired 2026-11-02'],
    });
  });
  it('reports missing, unverified and revoked credentials with a reason', () => {
    expect(credentialStatus(null, '2026-07-01', 'BLS')).toEqual({ state: 'missing', daysLeft: null, reasons: ['BLS missing'] });
    expect(credentialStatus({ ...rn, verified: false }, '2026-07-01').state).toBe('unverified');
    // expired outranks unverified
    expect(credentialStatus({ ...rn, verified: false }, '2027-01-01').state).toBe('expired');
    expect(credentialStatus({ ...rn, status: 'revoked' }, '2026-07-01').reasons).toEqual(['RN licence (OH) revoked']);
  });
  it('treats a credential without expiry as valid once issued', () => {
    expect(credentialStatus({ ...rn, expiresOn: null }, '2040-01-01').state).toBe('valid');
    expect(credentialStatus(rn, '2024-11-01').state).toBe('missing');
  });
  it('counts expiring credentials as usable', () => {
    expect(isUsable('expiring_30')).toBe(true);
    expect(isUsable('unverified')).toBe(false);
  });
});
