import type { payerKinds } from '@clinicops/contracts';

// Synthea bundles carry no Coverage resources: who paid shows only on each Claim and
// ExplanationOfBenefit (`insurance[].coverage.display`: "Aetna", "Medicaid", "NO_INSURANCE").
// The import turns each payer a patient's claims name into one coverage; its kind is guessed from
// the name, as nothing else says it.

type PayerKind = (typeof payerKinds)[number];

/** Synthea's name for "nobody paid". */
export const NO_INSURANCE = 'NO_INSURANCE';

export function payerKindFromName(name: string): PayerKind {
  const n = name.trim().toLowerCase();
  if (name.trim().toUpperCase() === NO_INSURANCE || /\bself[- ]?pay\b|\bno insurance\b|\buninsured\b/.test(n)) return 'self_pay';
  // Synthea's "Dual Eligible" is Medicare and Medicaid together: Medicare pays first.
  if (/\bmedicare\b|\bdual eligible\b/.test(n)) return 'medicare';
  if (/\bmedicaid\b|\bmasshealth\b|\bmedi-cal\b/.test(n)) return 'medicaid';
  return 'commercial';
}

/** The payer's name as the front desk should read it. */
export function payerDisplayName(name: string): string {
  return name.trim().toUpperCase() === NO_INSURANCE ? 'Self-pay (no insurance)' : name.trim().slice(0, 200);
}

/** A key for "the same payer" within one patient: case and spacing do not make another payer. */
export const payerKey = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');
