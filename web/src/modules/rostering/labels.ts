// Words for the codes rostering shows: positions as staff say them, lengths in hours.

const ABBREVIATED = new Set(['rn', 'lpn', 'cna']);

/** "rn" -> "RN", "medical_assistant" -> "Medical assistant". */
export function positionLabel(position: string): string {
  if (ABBREVIATED.has(position)) return position.toUpperCase();
  const words = position.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 480 -> "8 h", 510 -> "8 h 30 min". */
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
