import { addDays, addMonths, daysBetween } from '../../../shared/calendar.js';

// Continuing-education progress over one renewal cycle. Units outside the cycle do not count:
// for CMM, extra units do not carry forward (rules.md 6.1).

export type CeRecordFacts = { completedOn: string; units: number; category: 'approved' | 'recognized' | 'general' };

export type CeRequirement = { cycleEnd: string; cycleMonths: number; unitsRequired: number; approvedMinimum: number };

export type CeProgress = {
  cycleStart: string;
  cycleEnd: string;
  unitsEarned: number;
  approvedEarned: number;
  unitsRequired: number;
  approvedMinimum: number;
  complete: boolean;
  /** At the pace so far, the day the person falls out of compliance; null when on track or complete. */
  projectedNonCompliance: string | null;
  reasons: string[];
};

const round = (n: number) => Math.round(n * 100) / 100;

export function ceProgress(records: readonly CeRecordFacts[], req: CeRequirement, on: string): CeProgress {
  const cycleStart = addMonths(req.cycleEnd, -req.cycleMonths);
  const inCycle = records.filter(
    (r) => daysBetween(cycleStart, r.completedOn) >= 0 && daysBetween(r.completedOn, req.cycleEnd) >= 0,
  );
  const unitsEarned = round(inCycle.reduce((s, r) => s + r.units, 0));
  const approvedEarned = round(inCycle.filter((r) => r.category === 'approved').reduce((s, r) => s + r.units, 0));
  const complete = unitsEarned >= req.unitsRequired && approvedEarned >= req.approvedMinimum;
  const reasons: string[] = [];
  if (unitsEarned < req.unitsRequired)
    reasons.push(`${round(req.unitsRequired - unitsEarned)} of ${req.unitsRequired} CE units still to earn`);
  if (approvedEarned < req.approvedMinimum) {
    reasons.push(`${round(req.approvedMinimum - approvedEarned)} of ${req.approvedMinimum} approved CE units still to earn`);
  }
  const lapse = addDays(req.cycleEnd, 1);
  let projectedNonCompliance: string | null = null;
  if (!complete) {
    const elapsed = Math.max(0, daysBetween(cycleStart, on));
    const total = Math.max(1, daysBetween(cycleStart, req.cycleEnd));
    // Linear projection of what is earned by the end of the cycle at the pace so far.
    const onTrack = (earned: number, needed: number) => elapsed > 0 && (earned * total) / elapsed >= needed;
    const behind = !onTrack(unitsEarned, req.unitsRequired) || !onTrack(approvedEarned, req.approvedMinimum);
    // A pace measured over the first weeks of a cycle says nothing yet: no projection before a quarter of it.
    const measurable = elapsed * 4 >= total;
    if ((behind && measurable) || daysBetween(on, req.cycleEnd) < 0) projectedNonCompliance = lapse;
    if (projectedNonCompliance) reasons.push(`at the current pace, out of compliance from ${lapse}`);
  }
  return {
    cycleStart,
    cycleEnd: req.cycleEnd,
    unitsEarned,
    approvedEarned,
    unitsRequired: req.unitsRequired,
    approvedMinimum: req.approvedMinimum,
    complete,
    projectedNonCompliance,
    reasons,
  };
}
