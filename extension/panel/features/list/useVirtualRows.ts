import { useLayoutEffect, useReducer, useState } from 'preact/hooks';
import {
  Virtualizer,
  elementScroll,
  observeElementOffset,
  observeElementRect,
  type VirtualItem,
} from '@tanstack/virtual-core';

/** A scroller not laid out yet (hidden panel, jsdom) measures 0×0: assume a screenful until it is. */
const observeRect: typeof observeElementRect = (instance, cb) =>
  observeElementRect(instance, (rect) =>
    cb(rect.height === 0 ? { width: rect.width || 800, height: 600 } : rect),
  );

/**
 * Windowing for the request list via @tanstack/virtual-core (framework-agnostic, well kept):
 * only the rows in view (plus overscan) are in the DOM, so 10,000 requests stay smooth.
 */
export function useVirtualRows(
  count: number,
  rowHeight: number,
  getScrollElement: () => HTMLElement | null,
): { items: VirtualItem[]; totalSize: number; scrollToIndex(index: number): void } {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const options = {
    count,
    getScrollElement,
    estimateSize: () => rowHeight,
    overscan: 12,
    scrollToFn: elementScroll,
    observeElementRect: observeRect,
    observeElementOffset,
    initialRect: { width: 800, height: 600 },
    onChange: () => rerender(undefined),
  };
  const [virtualizer] = useState(() => new Virtualizer<HTMLElement, Element>(options));
  virtualizer.setOptions({ ...virtualizer.options, ...options });
  useLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => virtualizer._willUpdate());
  return {
    items: virtualizer.getVirtualItems(),
    totalSize: virtualizer.getTotalSize(),
    scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
  };
}
