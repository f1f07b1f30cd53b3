import { useState } from 'preact/hooks';
import { tagOf, type TypedValue } from '../../../../protocol/src/typed-value.js';
import { formatValue } from '../../../core/diff/format-value.js';
import { TypedNode, childrenOf } from '../session/TypedNode.js';

/** The Session tree's type class for a value (`t-string`, `t-date`…), so both views colour alike. */
export function typeClass(value: TypedValue): string {
  if (value === null) return 't-null';
  if (Array.isArray(value)) return 't-array';
  if (typeof value === 'object') return `t-${tagOf(value) ?? 'object'}`;
  return `t-${typeof value}`;
}

/**
 * A value in the Diff as the Session tree shows it: leaves as typed text, containers as a
 * one-line preview that opens into the same tree. Never the wire encoding.
 */
export function TypedValueView({ value }: { value: TypedValue | undefined }) {
  const [open, setOpen] = useState(false);
  if (value === undefined) return <code class="t-absent">(absent)</code>;
  const children = childrenOf(value);
  if (!children || children.length === 0)
    return <code class={`value ${typeClass(value)}`}>{formatValue(value, 300)}</code>;
  return (
    <span class="typed-value">
      <button
        type="button"
        class="toggle"
        aria-expanded={open}
        aria-label={open ? 'Collapse' : 'Expand'}
        onClick={() => setOpen(!open)}
      >
        {open ? '▾' : '▸'}
      </button>
      <code class={`value ${typeClass(value)}`}>{formatValue(value, 120)}</code>
      {open ? (
        <ul class="tree">
          {children.slice(0, 1000).map(([name, child]) => (
            <TypedNode name={name} value={child} depth={1} query="" />
          ))}
          {children.length > 1000 ? <li class="more">… {children.length - 1000} more</li> : null}
        </ul>
      ) : null}
    </span>
  );
}
