import { describe, expect, it } from 'vitest';
import { canRenewOn, impliedExpiry, renewalWindowOpens } from './renewal.js';

describe('renewal dates (rules.md 6.2)', () => {
  it('AHA card issued 2026-06-10: renew by 2028-06-30', () => {
    expect(impliedExpiry('end_of_month', '2026-06-10', 24)).toBe('2028-06-30');
  });
  it('CLIA waiver effective 2026-03-01: expires no later than 2028-02-29', () => {
    expect(impliedExpiry('day_before_anniversary', '2026-03-01', 24)).toBe('2028-02-29');
  });
  it('DEA expiring 2027-04-30: the renewal window opens 2027-03-01', () => {
    expect(renewalWindowOpens('2027-04-30', 60)).toBe('2027-03-01');
    expect(canRenewOn('2027-04-30', 60, '2027-02-28')).toBe(false);
    expect(canRenewOn('2027-04-30', 60, '2027-03-01')).toBe(true);
  });
  it('leaves printed expiries to the issuer', () => {
    expect(impliedExpiry('as_issued', '2026-06-10', 24)).toBeNull();
    expect(canRenewOn('2027-04-30', null, '2026-01-01')).toBe(true);
  });
});
