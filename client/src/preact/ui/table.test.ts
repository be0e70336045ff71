import { describe, expect, it } from 'vitest';
import { type Column, sortRows } from './table.tsx';

type Row = { name: string; count: number };
const columns: Column<Row>[] = [
  { key: 'name', header: 'name', cell: (r) => r.name, sortBy: (r) => r.name },
  { key: 'count', header: 'count', cell: (r) => r.count, sortBy: (r) => r.count, numeric: true },
  { key: 'plain', header: 'plain', cell: () => '' },
];
const rows: Row[] = [
  { name: 'پ', count: 10 },
  { name: 'آ', count: 2 },
  { name: 'ب', count: 33 },
];

describe('sortRows', () => {
  it('sorts Persian names in alphabet order, and numbers as numbers, both ways', () => {
    expect(sortRows(rows, columns, { key: 'name', dir: 'asc' }).map((r) => r.name)).toEqual(['آ', 'ب', 'پ']);
    expect(sortRows(rows, columns, { key: 'name', dir: 'desc' }).map((r) => r.name)).toEqual(['پ', 'ب', 'آ']);
    expect(sortRows(rows, columns, { key: 'count', dir: 'asc' }).map((r) => r.count)).toEqual([2, 10, 33]);
  });

  it('keeps the given order with no sort or a column that does not sort', () => {
    expect(sortRows(rows, columns, null)).toEqual(rows);
    expect(sortRows(rows, columns, { key: 'plain', dir: 'asc' })).toEqual(rows);
  });
});
