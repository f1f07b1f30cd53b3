import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { useSize } from './useSize.js';

export interface Column<T> {
  label: string;
  cell: (row: T) => ComponentChildren;
  /** Attributes of the cell (td or dd): data-testid, title. */
  attrs?: (row: T) => Record<string, string>;
}

/**
 * A table where it fits, a list of cards where it does not (DevTools docked right): below
 * `minWidth` each row becomes a card of "label: value" lines, so no column is squeezed into
 * `conne ct.si d` or pushed out of sight. Row attributes (data-testid, data-*) stay the same in
 * both forms, so tests and styles find a row either way.
 */
export function CardTable<T>({
  rows,
  columns,
  rowAttrs,
  minWidth,
  class: className,
  testid,
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  /** data-testid, data-*, class: the same on a table row and on a card. */
  rowAttrs: (row: T) => Record<string, string>;
  minWidth: number;
  class: string;
  testid: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const { width } = useSize(box);
  const cards = width < minWidth;
  return (
    <div ref={box} class="card-table" data-form={cards ? 'cards' : 'table'}>
      {cards ? (
        <ul class={`cards ${className}`} data-testid={testid}>
          {rows.map((row) => (
            <li {...rowAttrs(row)} class={`card ${rowAttrs(row).class ?? ''}`}>
              <dl>
                {columns.map((c) => (
                  <div class="card-field">
                    <dt>{c.label}</dt>
                    <dd {...c.attrs?.(row)}>{c.cell(row)}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <table class={className} data-testid={testid}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th>{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr {...rowAttrs(row)}>
                {columns.map((c) => (
                  <td {...c.attrs?.(row)}>{c.cell(row)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
