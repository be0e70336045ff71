// A data table: a caption (for screen readers when not shown), columns that may sort (the header is
// then a button, and aria-sort says the order), cells aligned to the reading direction (numbers to
// the end), and a sentence when there are no rows instead of an empty grid.
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';

export type Column<Row> = {
  key: string;
  header: ComponentChildren;
  cell: (row: Row) => ComponentChildren;
  /** The value this column sorts by; none: the column does not sort. */
  sortBy?: (row: Row) => string | number;
  /** Numbers align to the end of the cell. */
  numeric?: boolean;
  /** A header only screen readers hear (an actions column). */
  srOnlyHeader?: boolean;
};

export type SortState = { key: string; dir: 'asc' | 'desc' } | null;

/** Sorts rows by a column's value; strings by the Persian collation (which orders Latin text too). */
export function sortRows<Row>(rows: readonly Row[], columns: readonly Column<Row>[], sort: SortState): Row[] {
  const column = sort && columns.find((c) => c.key === sort.key);
  if (!sort || !column?.sortBy) return [...rows];
  const by = column.sortBy;
  const collator = new Intl.Collator('fa', { numeric: true, sensitivity: 'base' });
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = by(a);
    const y = by(b);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return order * sign;
  });
}

export function Table<Row>(props: {
  caption: string;
  /** Show the caption as a heading above the table; by default only screen readers hear it. */
  showCaption?: boolean;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  empty: ComponentChildren;
  initialSort?: SortState;
  testId?: string;
  /** Words for the sort buttons ("sort by"), in the reader's language. */
  sortLabel?: string;
}) {
  const [sort, setSort] = useState<SortState>(props.initialSort ?? null);
  const rows = useMemo(() => sortRows(props.rows, props.columns, sort), [props.rows, props.columns, sort]);
  const toggle = (key: string) =>
    setSort((s) => (s?.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }));
  return (
    <div class="ui-table-wrap">
      <table class="ui-table" data-testid={props.testId}>
        <caption class={props.showCaption ? 'ui-table__caption' : 'sr-only'}>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => {
              const sorted = sort?.key === c.key ? sort.dir : null;
              return (
                <th
                  key={c.key}
                  scope="col"
                  class={c.numeric ? 'ui-table__num' : undefined}
                  aria-sort={
                    c.sortBy ? (sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none') : undefined
                  }
                >
                  {c.sortBy ? (
                    <button type="button" class="ui-table__sort" onClick={() => toggle(c.key)} title={props.sortLabel}>
                      {c.header}
                      <span class="ui-table__sort-mark" aria-hidden="true">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                      </span>
                    </button>
                  ) : c.srOnlyHeader ? (
                    <span class="sr-only">{c.header}</span>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td class="ui-table__empty" colSpan={props.columns.length}>
                {props.empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={props.rowKey(row)} data-row={props.rowKey(row)}>
                {props.columns.map((c) => (
                  <td key={c.key} class={c.numeric ? 'ui-table__num' : undefined}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
