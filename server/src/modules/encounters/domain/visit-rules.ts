import type { Violation } from './codes.js';

// Rules of a visit as a whole: its times against its status, and what an unqualified provider
// means. The decision on providers (docs/architecture.md, "Encounters"): a finished visit is the
// basis of a claim, so a provider who was excluded, unlicensed or not employed on the visit's date
// is refused for it; a planned or in-progress visit is saved with a warning, so the front desk can
// book while the manager sorts out the licence, and finishing it is refused until then.

export type EncounterStatus = 'planned' | 'in_progress' | 'finished' | 'cancelled';

/** Clocks of a workstation and the server disagree a little; a visit "now" is not in the future. */
const SKEW_MS = 5 * 60_000;

export function checkVisitTimes(v: {
  status: EncounterStatus;
  startsAt: Date;
  endsAt: Date | null;
  providerId: string | null;
  now: Date;
}): Violation[] {
  const out: Violation[] = [];
  if ((v.status === 'finished' || v.status === 'in_progress') && v.startsAt.getTime() > v.now.getTime() + SKEW_MS) {
    out.push({ field: 'startsAt', message: 'is in the future: only a planned visit can start later' });
  }
  if (v.endsAt !== null && v.endsAt.getTime() < v.startsAt.getTime()) {
    out.push({ field: 'endsAt', message: 'must not be before the start' });
  }
  if (v.endsAt !== null && v.status === 'finished' && v.endsAt.getTime() > v.now.getTime() + SKEW_MS) {
    out.push({ field: 'endsAt', message: 'is in the future: a finished visit has ended' });
  }
  if (v.status === 'finished' && v.providerId === null) {
    out.push({ field: 'providerId', message: 'is required for a finished visit (the rendering provider)' });
  }
  return out;
}

export type ProviderCheck = {
  name: string;
  hireDate: string;
  terminationDate: string | null;
  /** The answer of the staff module's isQualifiedForAll for the visit's date. */
  qualification: { qualified: boolean; reasons: string[] };
};

/**
 * Whether the provider may render a visit of this status on this date: a violation (refused) for
 * a finished visit, a warning for a planned or in-progress one, nothing for a cancelled one.
 */
export function judgeProvider(
  status: EncounterStatus,
  visitDate: string,
  p: ProviderCheck,
): { violation: Violation | null; warning: string | null } {
  if (status === 'cancelled') return { violation: null, warning: null };
  const reasons = [...p.qualification.reasons];
  if (visitDate < p.hireDate) reasons.push(`not yet employed (hired ${p.hireDate})`);
  if (p.terminationDate !== null && visitDate > p.terminationDate) reasons.push(`no longer employed (left ${p.terminationDate})`);
  if (reasons.length === 0) return { violation: null, warning: null };
  const why = `${p.name} is not qualified to render a visit on ${visitDate}: ${reasons.join('; ')}`;
  if (status === 'finished') return { violation: { field: 'providerId', message: why }, warning: null };
  return { violation: null, warning: `${why}. The visit cannot be finished with this provider until that is resolved.` };
}

/** The calendar date of an instant in an IANA time zone (the date of service). */
export function dateInZone(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    instant,
  );
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
