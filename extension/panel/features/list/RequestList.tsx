import { useRef } from 'preact/hooks';
import { usePanel } from '../../app/context.js';
import { filterRecords } from '../../state/selectors.js';
import { indexOfId } from '../../state/store.js';
import { RequestRow } from './RequestRow.js';
import { useVirtualRows } from './useVirtualRows.js';

const ROW_HEIGHT = 24;

export function RequestList() {
  const { store, dispatch } = usePanel();
  const scroller = useRef<HTMLDivElement>(null);
  const records = store.records.value;
  const visible = filterRecords(records, store.filter.value);
  const selectedId = store.selectedId.value;
  const compareId = store.compareId.value;
  const { items, totalSize, scrollToIndex } = useVirtualRows(visible.length, ROW_HEIGHT, () => scroller.current);

  function select(id: number, compare: boolean): void {
    if (compare && selectedId !== null && id !== selectedId) dispatch({ type: 'compare-with', id });
    else {
      dispatch({ type: 'select', id });
      dispatch({ type: 'compare-with', id: null });
    }
  }

  function onKeyDown(event: KeyboardEvent): void {
    const current = visible.findIndex((r) => r.id === selectedId);
    let next = current;
    if (event.key === 'ArrowDown' || event.key === 'j') next = Math.min(visible.length - 1, current + 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') next = Math.max(0, current === -1 ? 0 : current - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = visible.length - 1;
    else return;
    event.preventDefault();
    const record = visible[next];
    if (record) {
      select(record.id, false);
      scrollToIndex(next);
    }
  }

  return (
    <div class="list" data-testid="request-list" data-count={String(visible.length)} data-total={String(records.length)} ref={scroller} tabIndex={0} role="listbox" aria-label="Requests" onKeyDown={onKeyDown}>
      {visible.length === 0 ? (
        <p class="empty" data-testid="list-empty">
          {records.length === 0 ? 'No requests yet: use the inspected page.' : 'No request matches the filter.'}
        </p>
      ) : null}
      <div class="list-inner" style={{ height: `${totalSize}px` }}>
        {items.map((item) => {
          const record = visible[item.index]!;
          return (
            <RequestRow
              key={record.id}
              record={record}
              index={indexOfId(records, record.id)}
              selected={record.id === selectedId}
              compared={record.id === compareId}
              top={item.start}
              height={ROW_HEIGHT}
              onSelect={select}
            />
          );
        })}
      </div>
    </div>
  );
}
