import { effect } from '@preact/signals';
import type { Store } from '../state/store.js';
import type { PanelEvent, Split } from '../state/types.js';

const SPLIT_KEY = 'sessionscope.split';

/** Remembers where the user left the list/detail divider (the panel page's own localStorage). */
export function rememberSplit(store: Store, dispatch: (event: PanelEvent) => void): void {
  try {
    const saved = JSON.parse(localStorage.getItem(SPLIT_KEY) ?? 'null') as Partial<Split> | null;
    const fraction = (v: unknown) => typeof v === 'number' && v > 0 && v < 1;
    if (saved && (fraction(saved.columns) || fraction(saved.rows))) {
      dispatch({
        type: 'set-split',
        split: {
          ...(fraction(saved.columns) ? { columns: saved.columns } : {}),
          ...(fraction(saved.rows) ? { rows: saved.rows } : {}),
        },
      });
    }
  } catch {
    // A broken saved value: the default split.
  }
  effect(() => {
    const split = store.split.value;
    try {
      localStorage.setItem(SPLIT_KEY, JSON.stringify(split));
    } catch {
      // Storage refused (private mode): the split is simply not remembered.
    }
  });
}
