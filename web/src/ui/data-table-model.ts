import type { ReactNode } from 'react';
import type { CsvCell } from '../lib/csv';

// The pure half of the data table: which rows are shown, in which order, and what a CSV holds.

export type CellValue = string | number | boolean | null | undefined;

export type DataColumn<T> = {
  key: string;
  header: string;
  /** The plain value, used to filter, sort and export; the cell shows render() when given. */
  value: (row: T) => CellValue;
  render?: (row: T) => ReactNode;
  sortable?: boolean;
  exportable?: boolean;
  /** Secondary columns can be hidden on narrow screens to keep the table readable on a tablet. */
  visibleFrom?: 'sm' | 'md' | 'lg' | 'xl';
  width?: number | string;
};

export type SortDirection = 'asc' | 'desc';
export type SortState = { key: string; direction: SortDirection } | null;

export function filterRows<T>(rows: readonly T[], columns: readonly DataColumn<T>[], text: string): T[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...rows];
  const terms = needle.split(/\s+/);
  return rows.filter((row) => {
    const hay = columns
      .map((c) => c.value(row))
      .filter((v) => v !== null && v !== undefined)
      .join(' ')
      .toLowerCase();
    return terms.every((t) => hay.includes(t));
  });
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compare(a: CellValue, b: CellValue): number {
  // Blanks go after values when ascending (so before them when descending), like spreadsheets.
  const aBlank = a === null || a === undefined || a === '';
  const bBlank = b === null || b === undefined || b === '';
  if (aBlank || bBlank) return aBlank === bBlank ? 0 : aBlank ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

export function sortRows<T>(rows: readonly T[], columns: readonly DataColumn<T>[], sort: SortState): T[] {
  const copy = [...rows];
  if (!sort) return copy;
  const col = columns.find((c) => c.key === sort.key);
  if (!col) return copy;
  const sign = sort.direction === 'asc' ? 1 : -1;
  // Array.prototype.sort is stable, so equal values keep the server's order.
  return copy.sort((x, y) => sign * compare(col.value(x), col.value(y)));
}

export function nextSort(current: SortState, key: string): SortState {
  if (!current || current.key !== key) return { key, direction: 'asc' };
  return current.direction === 'asc' ? { key, direction: 'desc' } : null;
}

export function csvOf<T>(rows: readonly T[], columns: readonly DataColumn<T>[]): { header: string[]; rows: CsvCell[][] } {
  const cols = columns.filter((c) => c.exportable !== false);
  return { header: cols.map((c) => c.header), rows: rows.map((r) => cols.map((c) => c.value(r))) };
}
