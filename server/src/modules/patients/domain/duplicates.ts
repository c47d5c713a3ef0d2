// Possible duplicates of a patient being registered. A score from independent signals, with the
// reasons spelled out, so the front desk sees why a record was suggested and decides.

/** Null where unknown (records received over FHIR): an unknown is no signal, neither way. */
export type PersonFacts = {
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  phoneDigits?: string | null;
  ssnLast4?: string | null;
};

export type DuplicateReason = 'similar name' | 'same name' | 'same date of birth' | 'same phone' | 'same SSN last 4';

export type DuplicateScore = { score: number; reasons: DuplicateReason[] };

/** At or above this score a candidate is shown as a possible duplicate. */
export const DUPLICATE_THRESHOLD = 50;

/** Lower case without accents, so "José" and "Jose" compare equal. */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function bigrams(s: string): string[] {
  const padded = ` ${s} `;
  const out: string[] = [];
  for (let i = 0; i < padded.length - 1; i++) out.push(padded.slice(i, i + 2));
  return out;
}

/** Sørensen–Dice over character bigrams of the folded names: 1 for equal, 0 for nothing shared. */
export function nameSimilarity(a: string, b: string): number {
  const x = foldName(a);
  const y = foldName(b);
  if (x === y) return 1;
  if (!x || !y) return 0;
  const counts = new Map<string, number>();
  for (const g of bigrams(x)) counts.set(g, (counts.get(g) ?? 0) + 1);
  let shared = 0;
  const ys = bigrams(y);
  for (const g of ys) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(g, n - 1);
    }
  }
  return (2 * shared) / (bigrams(x).length + ys.length);
}

/**
 * Name similarity from 0 to 1, or 0 when either side lacks a family or a given name: half a name
 * matched against an unknown says nothing about the person (a newborn not yet named would
 * otherwise match every relative).
 */
function nameScore(a: PersonFacts, b: PersonFacts): number {
  if (!a.familyName || !a.givenName || !b.familyName || !b.givenName) return 0;
  const family = nameSimilarity(a.familyName, b.familyName);
  const given = nameSimilarity(a.givenName, b.givenName);
  // Swapped given and family names are a classic registration error.
  const swapped = Math.min(nameSimilarity(a.familyName, b.givenName), nameSimilarity(a.givenName, b.familyName));
  return Math.max((family + given) / 2, swapped);
}

export function scoreDuplicate(input: PersonFacts, candidate: PersonFacts): DuplicateScore {
  const reasons: DuplicateReason[] = [];
  let score = 0;
  const name = nameScore(input, candidate);
  if (name === 1) {
    score += 45;
    reasons.push('same name');
  } else if (name >= 0.7) {
    score += Math.round(45 * name) - 5;
    reasons.push('similar name');
  }
  if (input.dateOfBirth !== null && input.dateOfBirth === candidate.dateOfBirth) {
    score += 35;
    reasons.push('same date of birth');
  }
  if (input.phoneDigits && input.phoneDigits.length >= 7 && input.phoneDigits === candidate.phoneDigits) {
    score += 15;
    reasons.push('same phone');
  }
  if (input.ssnLast4 && input.ssnLast4 === candidate.ssnLast4) {
    score += 20;
    reasons.push('same SSN last 4');
  }
  return { score: Math.min(score, 100), reasons };
}
