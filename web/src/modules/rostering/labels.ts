// Words for the codes rostering shows: positions as staff say them, lengths in hours.
import type { PenaltyBreakdown, PersonBefore } from '@clinicops/contracts';

const ABBREVIATED = new Set(['rn', 'lpn', 'cna']);

/** "rn" -> "RN", "medical_assistant" -> "Medical assistant". */
export function positionLabel(position: string): string {
  if (ABBREVIATED.has(position)) return position.toUpperCase();
  const words = position.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 480 -> "8 h", 510 -> "8 h 30 min". */
/** A roster's length in weeks: "1 week", "4 weeks". */
export function weeksLabel(days: number): string {
  const weeks = days / 7;
  return weeks === 1 ? '1 week' : `${weeks} weeks`;
}

export function hoursLabel(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** When a shift of this start and length ends, with "+1" when it ends the next day. */
export function endLabel(startTime: string, minutes: number): string {
  const [h = 0, m = 0] = startTime.split(':').map(Number);
  const end = h * 60 + m + minutes;
  const hh = String(Math.floor(end / 60) % 24).padStart(2, '0');
  const mm = String(end % 60).padStart(2, '0');
  return `${hh}:${mm}${end >= 24 * 60 ? ' (+1)' : ''}`;
}

const PENALTY_PARTS = [
  ['underCover', 'under cover'],
  ['overCover', 'over cover'],
  ['requests', 'requests'],
  ['overtime', 'overtime'],
  ['fairness', 'nights and weekends'],
] as const;

/** The penalty's parts that count, e.g. "under cover 100 · overtime 24.5", so a manager sees what it is made of. */
export function penaltyParts(b: PenaltyBreakdown): string {
  const parts = PENALTY_PARTS.filter(([k]) => b[k] >= 0.05).map(([k, label]) => `${label} ${Math.round(b[k] * 10) / 10}`);
  return parts.length ? parts.join(' · ') : 'nothing';
}

/** Where a person stands when the roster starts, in a word or two: the run in progress before it. */
export function beforeLabel(b: PersonBefore): string {
  if (b.worked) return `${b.days} on`;
  return b.days >= 14 ? 'rested' : `${b.days} off`;
}

/** The same in a sentence, for the tooltip: why the first days' violations may come from before the roster. */
export function beforeTitle(b: PersonBefore): string {
  const run = b.worked
    ? `Worked the last ${b.days} day(s) before this roster`
    : b.days >= 14
      ? 'Off for two weeks or more before this roster'
      : `Off the last ${b.days} day(s) before this roster`;
  const code = b.lastShift?.code ? ` ${b.lastShift.code}` : '';
  const last = b.lastShift ? ` Last shift${code} ended ${b.lastShift.endsAt.replace('T', ' ')}.` : '';
  return `${run}, on the published rosters: they count toward the most shifts in a row and the days off between runs.${last}`;
}
