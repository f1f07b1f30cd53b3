import { useState } from 'preact/hooks';
import { tagOf, type TypedValue } from '../../../../protocol/src/typed-value.js';
import { formatValue } from '../../../core/diff/format-value.js';
import { childrenOf } from '../../../core/values/children.js';
import { Revealed } from '../../app/Revealed.js';
import { LeafValue, Level, type TreeContext } from '../session/TypedNode.js';

/** The Session tree's type class for a value (`t-string`, `t-date`…), so both views colour alike. */
export function typeClass(value: TypedValue): string {
  if (value === null) return 't-null';
  if (Array.isArray(value)) return 't-array';
  if (typeof value === 'object') return `t-${tagOf(value) ?? 'object'}`;
  return `t-${typeof value}`;
}

/**
 * A value in the Diff as the Session tree shows it: leaves as typed text (long strings cut with
 * their length and "show all"), containers as a one-line preview that opens into the same tree,
 * a page at a time. Never the wire encoding.
 */
export function TypedValueView({ value }: { value: TypedValue | undefined }) {
  const [open, setOpen] = useState(false);
  // Past the nesting cap, "open here" re-roots this value's tree at the deeper node.
  const [root, setRoot] = useState<TypedValue | null>(null);
  const ctx: TreeContext = { search: null, picked: null, focus: (v) => setRoot(v) };
  if (value === undefined) return <code class="t-absent">(absent)</code>;
  const children = childrenOf(value);
  if (!children || children.size === 0)
    return (
      <code class={`value ${typeClass(value)}`}>
        <LeafValue value={value} />
      </code>
    );
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
      <code class={`value ${typeClass(value)}`}>
        <Revealed text={formatValue(value, 120)} />
      </code>
      {open ? (
        <div class="tree">
          {root !== null ? (
            <button type="button" class="link" onClick={() => setRoot(null)}>
              back to the top of this value
            </button>
          ) : null}
          <Level
            key={root === null ? 'top' : 'deeper'}
            container={root ?? value}
            trail={null}
            depth={1}
            ctx={ctx}
            open={false}
          />
        </div>
      ) : null}
    </span>
  );
}
