import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { usePanel } from '../../app/context.js';
import { filterRecords } from '../../state/selectors.js';
import { indexOfId } from '../../state/store.js';
import { explainAt } from '../../state/explain.js';
import { rowFindings } from '../../state/finding-index.js';
import { RequestRow, rowDomId } from './RequestRow.js';
import { useVirtualRows } from './useVirtualRows.js';

export const ROW_HEIGHT = 24;

/** Within this many px of the end counts as "at the end": the list follows new requests from there. */
const FOLLOW_SLACK = ROW_HEIGHT;

export function RequestList() {
  const { store, dispatch } = usePanel();
  const scroller = useRef<HTMLDivElement>(null);
  const records = store.records.value;
  const visible = filterRecords(records, store.filter.value);
  const selectedId = store.selectedId.value;
  const compareId = store.compareId.value;
  const { items, totalSize, scrollToIndex } = useVirtualRows(
    visible.length,
    ROW_HEIGHT,
    () => scroller.current,
  );
  // Follow new requests, as the Network panel does, until the user scrolls away from the end.
  const [following, setFollowing] = useState(true);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (following && el && visible.length > 0) el.scrollTop = el.scrollHeight;
  }, [visible.length, following, totalSize]);

  // aria-activedescendant may only name a row that is in the DOM (the list is virtualized): set after each render.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const id = selectedId === null ? null : rowDomId(selectedId);
    if (id !== null && el.querySelector(`#${id}`)) el.setAttribute('aria-activedescendant', id);
    else el.removeAttribute('aria-activedescendant');
  });

  function onScroll(): void {
    const el = scroller.current;
    if (!el) return;
    const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - FOLLOW_SLACK;
    if (atEnd !== following) setFollowing(atEnd);
  }

  function select(id: number, compare: boolean): void {
    if (compare && selectedId !== null && id !== selectedId) dispatch({ type: 'compare-with', id });
    else {
      dispatch({ type: 'select', id });
      dispatch({ type: 'compare-with', id: null });
    }
  }

  function onKeyDown(event: KeyboardEvent): void {
    const current = visible.findIndex((r) => r.id === selectedId);
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight || 240) / ROW_HEIGHT) - 1);
    const last = visible.length - 1;
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        next = current === -1 ? 0 : Math.min(last, current + 1);
        break;
      case 'ArrowUp':
      case 'k':
        next = current === -1 ? last : Math.max(0, current - 1);
        break;
      case 'PageDown':
        next = Math.min(last, (current === -1 ? 0 : current) + page);
        break;
      case 'PageUp':
        next = Math.max(0, (current === -1 ? last : current) - page);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      default:
        return;
    }
    event.preventDefault();
    const record = visible[next];
    if (record) {
      select(record.id, false);
      scrollToIndex(next);
      setFollowing(next === last);
    }
  }

  return (
    <div class="list-wrap">
      <div class="list-head" aria-hidden="true">
        <span class="num">#</span>
        <span class="time">Start</span>
        <span class="method">Method</span>
        <span class="status">Status</span>
        <span class="path">Path</span>
        <span class="session-col">Session</span>
      </div>
      <div
        class="list"
        data-testid="request-list"
        data-count={String(visible.length)}
        data-total={String(records.length)}
        data-following={following ? 'true' : 'false'}
        ref={scroller}
        tabIndex={0}
        role="listbox"
        aria-label="Requests"
        aria-activedescendant={
          selectedId !== null && visible.some((r) => r.id === selectedId) ? rowDomId(selectedId) : undefined
        }
        onKeyDown={onKeyDown}
        onScroll={onScroll}
      >
        {visible.length === 0 ? (
          <p class="empty" data-testid="list-empty">
            {records.length === 0
              ? 'No requests yet: use the inspected page.'
              : 'No request matches the filter.'}
          </p>
        ) : null}
        <div class="list-inner" style={{ height: `${totalSize}px` }}>
          {items.map((item) => {
            const record = visible[item.index]!;
            const position = indexOfId(records, record.id);
            const { fresh, repeated } = rowFindings(records, position);
            return (
              <RequestRow
                key={record.key}
                record={record}
                selected={record.id === selectedId}
                compared={record.id === compareId}
                top={item.start}
                height={ROW_HEIGHT}
                fresh={fresh}
                repeated={repeated}
                verdict={explainAt(records, position)?.verdict ?? null}
                onSelect={select}
              />
            );
          })}
        </div>
      </div>
      {!following && visible.length > 0 ? (
        <button
          type="button"
          class="follow"
          data-testid="follow"
          onClick={() => {
            setFollowing(true);
            scrollToIndex(visible.length - 1);
          }}
        >
          ↓ Follow new requests
        </button>
      ) : null}
    </div>
  );
}
