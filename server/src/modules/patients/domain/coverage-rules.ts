// Insurance coverage order (primary, secondary, tertiary): the rules that keep coordination of
// benefits unambiguous. Returned as violations so the form can show all of them at once.

export type CoverageFacts = {
  id: string;
  order: number;
  active: boolean;
  /** Null when the start is unknown (a coverage received over FHIR without period.start). */
  effectiveFrom: string | null;
  effectiveTo: string | null;
};

export type Violation = { field: string; message: string };

const ORDER_NAMES = ['primary', 'secondary', 'tertiary'];

export const orderName = (order: number) => ORDER_NAMES[order - 1] ?? `order ${order}`;

/**
 * Checks `proposed` (new, or an existing one changed) against the patient's other coverages:
 * dates in order, one active coverage per order, no secondary without a primary.
 */
export function checkCoverage(proposed: CoverageFacts, others: readonly CoverageFacts[]): Violation[] {
  const violations: Violation[] = [];
  if (proposed.effectiveTo !== null && proposed.effectiveFrom !== null && proposed.effectiveTo < proposed.effectiveFrom) {
    violations.push({ field: 'effectiveTo', message: 'must not be before effectiveFrom' });
  }
  if (!proposed.active) return violations;
  const active = others.filter((c) => c.active && c.id !== proposed.id);
  if (active.some((c) => c.order === proposed.order)) {
    violations.push({
      field: 'order',
      message: `the patient already has an active ${orderName(proposed.order)} coverage; end it first`,
    });
  }
  for (let lower = 1; lower < proposed.order; lower++) {
    if (!active.some((c) => c.order === lower)) {
      violations.push({ field: 'order', message: `add an active ${orderName(lower)} coverage first` });
      break;
    }
  }
  return violations;
}

/**
 * Whether the coverage applies on a date of service. An unknown start is an open start: the
 * coverage was recorded as in force, and eligibility is verified with the payer before billing.
 */
export function coversDate(c: Pick<CoverageFacts, 'active' | 'effectiveFrom' | 'effectiveTo'>, date: string): boolean {
  return c.active && (c.effectiveFrom === null || c.effectiveFrom <= date) && (c.effectiveTo === null || date <= c.effectiveTo);
}
