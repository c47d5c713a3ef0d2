import { describe, expect, it } from 'vitest';
import { type HeldCredential, isQualified, isQualifiedForAll, type Requirement } from './qualification.js';

const rnOh: HeldCredential = {
  label: 'RN licence (OH)',
  family: 'RN',
  issuingState: 'OH',
  multistate: false,
  issuedOn: '2024-11-03',
  expiresOn: '2026-11-02',
  verified: true,
  status: 'active',
};
const rnRequirement: Requirement = { family: 'RN', label: 'RN licence', stateBound: true };
const bls: Requirement = { family: 'BLS', label: 'BLS provider card', stateBound: false };

describe('isQualified', () => {
  it('qualifies an RN with an active Ohio licence at an Ohio facility', () => {
    expect(isQualified({ facilityState: 'OH', credentials: [rnOh] }, rnRequirement, '2026-10-01')).toEqual({
      qualified: true,
      reasons: [],
    });
  });
  it('says when and which licence expired', () => {
    expect(isQualified({ facilityState: 'OH', credentials: [rnOh] }, rnRequirement, '2026-11-20')).toEqual({
      qualified: false,
      reasons: ['RN licence (OH) expired 2026-11-02'],
    });
  });
  it('needs the licence of the facility state, or a compact one', () => {
    const rnIn = { ...rnOh, label: 'RN licence (IN)', issuingState: 'IN' };
    expect(isQualified({ facilityState: 'OH', credentials: [rnIn] }, rnRequirement, '2026-10-01')).toEqual({
      qualified: false,
      reasons: ['RN licence for OH (holds IN) missing'],
    });
    const compact = { ...rnIn, multistate: true };
    expect(isQualified({ facilityState: 'OH', credentials: [compact] }, rnRequirement, '2026-10-01').qualified).toBe(true);
    // a requirement that is not state-bound takes any state's
    expect(
      isQualified({ facilityState: 'OH', credentials: [rnIn] }, { ...rnRequirement, stateBound: false }, '2026-10-01').qualified,
    ).toBe(true);
  });
  it('uses the renewed licence when an old one lapsed', () => {
    const renewed = { ...rnOh, issuedOn: '2026-10-20', expiresOn: '2028-11-02' };
    expect(isQualified({ facilityState: 'OH', credentials: [rnOh, renewed] }, rnRequirement, '2026-11-20').qualified).toBe(true);
  });
  it('does not trust an unverified licence', () => {
    const r = isQualified({ facilityState: 'OH', credentials: [{ ...rnOh, verified: false }] }, rnRequirement, '2026-10-01');
    expect(r).toEqual({ qualified: false, reasons: ['RN licence (OH) not verified'] });
  });
  it('never qualifies an excluded person', () => {
    expect(isQualified({ facilityState: 'OH', credentials: [rnOh], excluded: true }, rnRequirement, '2026-10-01').qualified).toBe(
      false,
    );
  });
  it('never qualifies an excluded person, even for a position that requires nothing', () => {
    expect(isQualifiedForAll({ facilityState: 'OH', credentials: [], excluded: true }, [], '2026-10-01')).toEqual({
      qualified: false,
      reasons: ['listed as excluded from federal health care programs'],
    });
    expect(isQualifiedForAll({ facilityState: 'OH', credentials: [] }, [], '2026-10-01').qualified).toBe(true);
  });
  it('lists every missing requirement at once', () => {
    expect(isQualifiedForAll({ facilityState: 'OH', credentials: [] }, [rnRequirement, bls], '2026-10-01').reasons).toEqual([
      'RN licence for OH missing',
      'BLS provider card missing',
    ]);
  });
});
