import { describe, expect, it } from 'vitest';
import { type AlertCredential, digestEmail, dueAlerts, personalAlertEmail } from './alerts.js';

const ana = { staffMemberId: 'staff-ana', name: 'Ana Ruiz' };
const licence = (id: string, expiresOn: string | null, extra: Partial<AlertCredential> = {}): AlertCredential => ({
  credentialId: id,
  family: 'RN',
  label: 'RN licence (OH)',
  number: 'RN.1',
  expiresOn,
  holder: ana,
  facilityId: 'fac-1',
  facilityName: 'Riverside Care Center',
  ...extra,
});
const none = { ce: [], screenings: [] };
const keys = (credentials: AlertCredential[], date: string) => dueAlerts({ credentials, ...none }, date).map((a) => a.key);

describe('dueAlerts', () => {
  it('raises 90, 60 and 30 days before expiry, each with a key of its own', () => {
    // expires 2026-12-31: 91 days before is 2026-10-01
    expect(keys([licence('c1', '2026-12-31')], '2026-10-01')).toEqual([]);
    expect(keys([licence('c1', '2026-12-31')], '2026-10-02')).toEqual(['credential:c1:90']);
    expect(keys([licence('c1', '2026-12-31')], '2026-10-31')).toEqual(['credential:c1:90']);
    expect(keys([licence('c1', '2026-12-31')], '2026-11-01')).toEqual(['credential:c1:60']);
    expect(keys([licence('c1', '2026-12-31')], '2026-11-30')).toEqual(['credential:c1:60']);
    expect(keys([licence('c1', '2026-12-31')], '2026-12-01')).toEqual(['credential:c1:30']);
    expect(keys([licence('c1', '2026-12-31')], '2026-12-31')).toEqual(['credential:c1:30']);
  });

  it('calls a credential expired the day after its expiry date', () => {
    const [alert] = dueAlerts({ credentials: [licence('c1', '2026-12-31')], ...none }, '2027-01-01');
    expect(alert).toMatchObject({ key: 'credential:c1:expired', kind: 'credential_expired', daysLeft: -1 });
    expect(alert?.message).toBe('Ana Ruiz: RN licence (OH) RN.1 expired 2026-12-31');
  });

  it('counts the date in days across a DST change without slipping a day', () => {
    // America/New_York leaves DST on 2026-11-01; plain dates must not care.
    expect(dueAlerts({ credentials: [licence('c1', '2026-12-01')], ...none }, '2026-10-31')[0]?.daysLeft).toBe(31);
    expect(keys([licence('c1', '2026-12-01')], '2026-11-01')).toEqual(['credential:c1:30']);
  });

  it('ignores a credential that does not expire, and one replaced by a renewal lasting longer', () => {
    expect(keys([licence('c1', null)], '2026-12-01')).toEqual([]);
    expect(keys([licence('old', '2026-12-10'), licence('new', '2028-12-10')], '2026-12-01')).toEqual([]);
    // a renewal that does not expire either
    expect(keys([licence('old', '2026-12-10'), licence('forever', null)], '2026-12-01')).toEqual([]);
    // another family is another matter
    expect(keys([licence('rn', '2028-12-10'), licence('bls', '2026-12-10', { family: 'BLS' })], '2026-12-01')).toEqual([
      'credential:bls:30',
    ]);
  });

  it("raises a facility's own credential under the facility's name", () => {
    const clia = licence('clia', '2026-12-15', {
      holder: null,
      family: 'CLIA',
      label: 'CLIA certificate of waiver',
      number: '36D0000000',
    });
    const [alert] = dueAlerts({ credentials: [clia], ...none }, '2026-12-01');
    expect(alert).toMatchObject({ key: 'credential:clia:30', staffMemberId: null, holderName: 'Riverside Care Center' });
  });

  it('raises CE behind pace close to the projected lapse, once per cycle, and pending exclusion matches', () => {
    const ce = {
      credentialId: 'c1',
      label: 'CMM',
      staffMemberId: 'staff-ana',
      name: 'Ana Ruiz',
      facilityId: 'fac-1',
      cycleEnd: '2027-03-31',
      projectedNonCompliance: '2027-04-01',
    };
    expect(dueAlerts({ credentials: [], ce: [ce], screenings: [] }, '2026-12-01')).toEqual([]);
    expect(dueAlerts({ credentials: [], ce: [ce], screenings: [] }, '2027-01-01').map((a) => a.key)).toEqual([
      'ce:c1:2027-03-31',
    ]);
    expect(dueAlerts({ credentials: [], ce: [{ ...ce, projectedNonCompliance: null }], screenings: [] }, '2027-03-01')).toEqual(
      [],
    );
    const screening = {
      screeningId: 's1',
      staffMemberId: 'staff-ana',
      name: 'Ana Ruiz',
      facilityId: 'fac-1',
      screenedOn: '2026-11-11',
    };
    expect(dueAlerts({ credentials: [], ce: [], screenings: [screening] }, '2026-12-01').map((a) => a.key)).toEqual([
      'screening:s1',
    ]);
  });

  it('lists the worst first: expired, exclusion matches, then by date', () => {
    const alerts = dueAlerts(
      {
        credentials: [
          licence('soon', '2026-12-20'),
          licence('gone', '2026-11-01', { family: 'BLS' }),
          licence('later', '2027-02-01', { family: 'ACLS' }),
        ],
        ce: [],
        screenings: [{ screeningId: 's1', staffMemberId: 'x', name: 'B', facilityId: 'fac-1', screenedOn: '2026-11-11' }],
      },
      '2026-12-01',
    );
    expect(alerts.map((a) => a.key)).toEqual([
      'credential:gone:expired',
      'screening:s1',
      'credential:soon:30',
      'credential:later:90',
    ]);
  });
});

describe('alert emails', () => {
  it('write to the holder about their credential, never about an exclusion match', () => {
    const [expiring] = dueAlerts({ credentials: [licence('c1', '2026-12-21')], ...none }, '2026-12-01');
    expect(expiring && personalAlertEmail(expiring, 'Ana')).toEqual({
      subject: 'Your RN licence (OH) expires in 20 days',
      body: expect.stringContaining('Your RN licence (OH) expires on 2026-12-21.'),
    });
    const [match] = dueAlerts(
      {
        credentials: [],
        ce: [],
        screenings: [{ screeningId: 's1', staffMemberId: 'x', name: 'B', facilityId: 'f', screenedOn: '2026-11-11' }],
      },
      '2026-12-01',
    );
    expect(match && personalAlertEmail(match, 'B')).toBeNull();
  });

  it('digest names credentials but only counts exclusion matches; nothing to say, no digest', () => {
    const alerts = dueAlerts(
      {
        credentials: [licence('c1', '2026-11-20')],
        ce: [],
        screenings: [{ screeningId: 's1', staffMemberId: 'x', name: 'Bob Possible', facilityId: 'f', screenedOn: '2026-11-11' }],
      },
      '2026-12-01',
    );
    const digest = digestEmail(alerts, '2026-12-01');
    expect(digest?.subject).toBe('Credential alerts: 1 expired, 2 in all (2026-12-01)');
    expect(digest?.body).toContain('Ana Ruiz: RN licence (OH) RN.1 expired 2026-11-20');
    expect(digest?.body).toContain('Exclusion screening matches to review (1)');
    expect(digest?.body).not.toContain('Bob Possible');
    expect(digestEmail([], '2026-12-01')).toBeNull();
  });
});
