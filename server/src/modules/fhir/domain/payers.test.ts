import { describe, expect, it } from 'vitest';
import { payerDisplayName, payerKey, payerKindFromName } from './payers.js';

describe('payers named on Synthea claims', () => {
  it('guesses the kind from the name', () => {
    expect(payerKindFromName('Medicare')).toBe('medicare');
    expect(payerKindFromName('MassHealth')).toBe('medicaid');
    expect(payerKindFromName('Dual Eligible')).toBe('medicare');
    expect(payerKindFromName('NO_INSURANCE')).toBe('self_pay');
    expect(payerKindFromName('Self-pay')).toBe('self_pay');
    expect(payerKindFromName('Blue Cross Blue Shield')).toBe('commercial');
    expect(payerKindFromName('Medicareful Insurance Co')).toBe('commercial');
  });

  it('names "no insurance" as the front desk says it, and keys payers without case or spacing', () => {
    expect(payerDisplayName('NO_INSURANCE')).toBe('Self-pay (no insurance)');
    expect(payerDisplayName(' Aetna ')).toBe('Aetna');
    expect(payerKey('Cigna  Health')).toBe(payerKey('cigna health'));
  });
});
