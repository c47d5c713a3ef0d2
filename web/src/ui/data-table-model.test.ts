import { describe, expect, it } from 'vitest';
import { csvOf, type DataColumn, filterRows, nextSort, sortRows } from './data-table-model';

type Row = { name: string; hours: number | null; active: boolean };
const rows: Row[] = [
  { name: 'Ana Ruiz', hours: 42.5, active: true },
  { name: 'ben Okafor', hours: null, active: false },
  { name: 'Carla Diaz', hours: 8, active: true },
];
const columns: DataColumn<Row>[] = [
  { key: 'name', header: 'Name', value: (r) => r.name },
  { key: 'hours', header: 'Hours', value: (r) => r.hours },
  { key: 'active', header: 'Active', value: (r) => r.active, exportable: false },
];

describe('data table model', () => {
  it('filters on every term, case-insensitively, across columns', () => {
    expect(filterRows(rows, columns, 'ana').map((r) => r.name)).toEqual(['Ana Ruiz']);
    expect(filterRows(rows, columns, 'DIAZ 8').map((r) => r.name)).toEqual(['Carla Diaz']);
    expect(filterRows(rows, columns, '  ')).toHaveLength(3);
  });

  it('sorts text without regard to case and puts blanks last when ascending', () => {
    expect(sortRows(rows, columns, { key: 'name', direction: 'asc' }).map((r) => r.name)).toEqual([
      'Ana Ruiz',
      'ben Okafor',
      'Carla Diaz',
    ]);
    expect(sortRows(rows, columns, { key: 'hours', direction: 'asc' }).map((r) => r.hours)).toEqual([8, 42.5, null]);
    expect(sortRows(rows, columns, { key: 'hours', direction: 'desc' }).map((r) => r.hours)).toEqual([null, 42.5, 8]);
  });

  it('cycles a column through ascending, descending and unsorted', () => {
    const a = nextSort(null, 'name');
    const d = nextSort(a, 'name');
    expect(a).toEqual({ key: 'name', direction: 'asc' });
    expect(d).toEqual({ key: 'name', direction: 'desc' });
    expect(nextSort(d, 'name')).toBeNull();
    expect(nextSort(d, 'hours')).toEqual({ key: 'hours', direction: 'asc' });
  });

  it('exports only exportable columns', () => {
    expect(csvOf(rows.slice(0, 1), columns)).toEqual({ header: ['Name', 'Hours'], rows: [['Ana Ruiz', 42.5]] });
  });
});
