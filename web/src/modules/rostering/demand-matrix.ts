import type { CoverageDemand, CreateCoverageDemandRequest, ShiftType, StaffPosition } from '@clinicops/contracts';

// The demand matrix's model: rows are shift x position, columns weekdays (the weekly pattern) or
// one date (an exception to it). The manager edits figures in place; only the figures that differ
// from what is stored are sent, one PUT per cell (the API replaces a cell's figure).

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** A column: a weekday of the pattern (0 Monday .. 6 Sunday) or one date. */
export type DemandColumn = { weekday: number } | { date: string };

export type DemandRow = { shift: ShiftType; position: StaffPosition };

export const demandRows = (shiftTypes: readonly ShiftType[]): DemandRow[] =>
  shiftTypes.flatMap((shift) => shift.positions.map((position) => ({ shift, position })));

export const columnKey = (c: DemandColumn) => ('date' in c ? c.date : `w${c.weekday}`);
export const cellOf = (shiftTypeId: string, position: string, c: DemandColumn) => `${shiftTypeId}|${position}|${columnKey(c)}`;

/** The stored figures by cell. */
export function storedDemand(demands: readonly CoverageDemand[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of demands) {
    const column: DemandColumn | null = d.onDate ? { date: d.onDate } : d.weekday !== null ? { weekday: d.weekday } : null;
    if (column) out.set(cellOf(d.shiftTypeId, d.position, column), d.required);
  }
  return out;
}

/** Monday 0 .. Sunday 6 of a plain date, as the server counts weekdays. */
export const weekdayOf = (date: string) => (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;

/**
 * What the roster will require in a cell: a date's own figure wins over its weekday's, as on the
 * server (build-problem). Null: no demand, the shift is not counted for that position.
 */
export function effectiveDemand(stored: ReadonlyMap<string, number>, shiftTypeId: string, position: string, c: DemandColumn) {
  const own = stored.get(cellOf(shiftTypeId, position, c));
  if (own !== undefined || !('date' in c)) return own ?? null;
  return stored.get(cellOf(shiftTypeId, position, { weekday: weekdayOf(c.date) })) ?? null;
}

/** The requests that bring the stored figures to the edited ones (unchanged and blank cells are skipped). */
export function demandChanges(
  stored: ReadonlyMap<string, number>,
  edits: ReadonlyMap<string, number | null>,
): CreateCoverageDemandRequest[] {
  const out: CreateCoverageDemandRequest[] = [];
  for (const [key, required] of edits) {
    if (required === null || stored.get(key) === required) continue;
    const [shiftTypeId = '', position = '', column = ''] = key.split('|');
    const where = column.startsWith('w') ? { weekday: Number(column.slice(1)) } : { onDate: column };
    out.push({ shiftTypeId, position: position as StaffPosition, required, ...where });
  }
  return out;
}
