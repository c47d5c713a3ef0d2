// Merging a duplicate patient record into a survivor: which value each field takes, and where the
// duplicate's coverages go. Pure, so that the field-by-field rule is tested without a database.

/** Fields chosen as a whole: an address or an emergency contact is never half one, half the other. */
export const MERGE_FIELDS = [
  'name',
  'preferredName',
  'dateOfBirth',
  'sexAtBirth',
  'genderIdentity',
  'phone',
  'email',
  'address',
  'preferredLanguage',
  'emergencyContact',
  'ssn',
  'notes',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeSide = 'survivor' | 'duplicate';

/** The values of one record, per merge field; null or an all-null group is blank. */
export type MergeValues = Record<MergeField, unknown>;

const isBlank = (v: unknown): boolean => {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.every(isBlank);
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).every(isBlank);
  return false;
};

/**
 * Where each field comes from: the caller's choice where given; otherwise the survivor wins, and a
 * blank survivor field is filled from the duplicate.
 */
export function resolveMergeChoices(
  survivor: MergeValues,
  duplicate: MergeValues,
  chosen: Partial<Record<MergeField, MergeSide>> = {},
): Record<MergeField, MergeSide> {
  const out = {} as Record<MergeField, MergeSide>;
  for (const f of MERGE_FIELDS) {
    out[f] = chosen[f] ?? (isBlank(survivor[f]) && !isBlank(duplicate[f]) ? 'duplicate' : 'survivor');
  }
  return out;
}

/** Alerts are safety information: the survivor keeps every alert of both records. */
export const mergeAlerts = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

export type CoverageFact = {
  id: string;
  order: number;
  active: boolean;
  payerName: string;
  memberId: string | null;
};

export type CoverageMove = {
  id: string;
  order: number;
  active: boolean;
  reason: 'kept' | 'reordered' | 'same_as_survivor' | 'no_free_order' | 'inactive';
};

const samePolicy = (a: CoverageFact, b: CoverageFact) =>
  a.payerName.trim().toLowerCase() === b.payerName.trim().toLowerCase() &&
  (a.memberId ?? '').replace(/\s/g, '').toUpperCase() === (b.memberId ?? '').replace(/\s/g, '').toUpperCase();

/**
 * Where the duplicate's coverages land on the survivor. A patient has one active primary,
 * secondary and tertiary at most: a policy the survivor already holds is ended (it is the same
 * policy twice); another one keeps its order if free, else takes the next free one, else is ended.
 * Nothing is deleted: an ended coverage stays in the history.
 */
export function planCoverageMoves(survivor: readonly CoverageFact[], duplicate: readonly CoverageFact[]): CoverageMove[] {
  const taken = new Set(survivor.filter((c) => c.active).map((c) => c.order));
  const active = survivor.filter((c) => c.active);
  const sorted = [...duplicate].sort((a, b) => a.order - b.order);
  const placed = new Map<string, CoverageMove>();
  // First the coverages that keep their order, so that a reordered one never takes a slot
  // another coverage of the duplicate holds; then the rest, into the free orders.
  for (const c of sorted) {
    if (!c.active) placed.set(c.id, { id: c.id, order: c.order, active: false, reason: 'inactive' });
    else if (active.some((s) => samePolicy(s, c)))
      placed.set(c.id, { id: c.id, order: c.order, active: false, reason: 'same_as_survivor' });
    else if (!taken.has(c.order)) {
      taken.add(c.order);
      placed.set(c.id, { id: c.id, order: c.order, active: true, reason: 'kept' });
    }
  }
  for (const c of sorted) {
    if (placed.has(c.id)) continue;
    const free = [1, 2, 3].find((o) => !taken.has(o));
    if (free === undefined) placed.set(c.id, { id: c.id, order: c.order, active: false, reason: 'no_free_order' });
    else {
      taken.add(free);
      placed.set(c.id, { id: c.id, order: free, active: true, reason: 'reordered' });
    }
  }
  return sorted.map((c) => placed.get(c.id) as CoverageMove);
}
