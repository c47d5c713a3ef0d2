import { describe, expect, it } from 'vitest';
import { stateLabel, stateTone } from './credential-state';

describe('credential badges', () => {
  it('are red when expired or missing, amber when expiring soon, green when valid', () => {
    expect(stateTone.expired).toBe('danger');
    expect(stateTone.missing).toBe('danger');
    expect(stateTone.expiring_30).toBe('warning');
    expect(stateTone.valid).toBe('ok');
  });
  it('say how many days are left', () => {
    expect(stateLabel('expiring_30', 20)).toBe('Expires in 20 days');
    expect(stateLabel('expiring_30', 1)).toBe('Expires in 1 day');
    expect(stateLabel('expired', -3)).toBe('Expired');
  });
});
