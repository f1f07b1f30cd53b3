import { useEffect, useReducer } from 'preact/hooks';
import { usePanel } from '../app/context.js';
import type { FindingIndex } from './finding-index.js';

/** Per render, read at most this long; the rest continues after the frame. */
const SLICE_MS = 12;

/**
 * The store's finding index brought up to date with the list, a slice per frame: a 100,000-request
 * history is read in the background instead of freezing the panel. `complete` says whether the
 * groups cover every request yet.
 */
export function useFindings(): { index: FindingIndex; complete: boolean } {
  const { store } = usePanel();
  const [, tick] = useReducer((n: number) => n + 1, 0);
  const complete = store.findings.update(store.records.value, performance.now() + SLICE_MS);
  useEffect(() => {
    if (complete) return undefined;
    const timer = setTimeout(tick, 0);
    return () => clearTimeout(timer);
  });
  return { index: store.findings, complete };
}
