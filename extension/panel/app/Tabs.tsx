import { useRef } from 'preact/hooks';
import type { DetailTab } from '../state/types.js';

export interface TabSpec {
  id: DetailTab;
  label: string;
  /** A count shown on the tab (findings, changes), null for none. */
  count?: { n: number; severity: 'error' | 'warning' | 'info' } | null;
}

/**
 * The detail's tab strip, per the WAI-ARIA tabs pattern: one tab in the Tab order (roving
 * tabindex), ←/→ move between tabs and select them, Home/End jump to the first/last.
 */
export function Tabs({
  tabs,
  selected,
  onSelect,
}: {
  tabs: readonly TabSpec[];
  selected: DetailTab;
  onSelect(tab: DetailTab): void;
}) {
  const strip = useRef<HTMLDivElement>(null);
  function move(event: KeyboardEvent): void {
    const at = tabs.findIndex((t) => t.id === selected);
    let next: number;
    if (event.key === 'ArrowRight') next = (at + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (at - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    else return;
    event.preventDefault();
    const tab = tabs[next]!;
    onSelect(tab.id);
    strip.current?.querySelector<HTMLElement>(`#tab-${tab.id}`)?.focus();
  }
  return (
    <div class="tabs" role="tablist" aria-label="Request details" ref={strip} onKeyDown={move}>
      {tabs.map((t) => (
        <button
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          data-testid={`tab-${t.id}`}
          aria-selected={selected === t.id ? 'true' : 'false'}
          aria-controls="detail-tabpanel"
          tabIndex={selected === t.id ? 0 : -1}
          class={selected === t.id ? 'active' : ''}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
          {t.count && t.count.n > 0 ? (
            <span class={`tab-count sev-${t.count.severity}`} data-testid={`tab-count-${t.id}`}>
              {t.count.n}
            </span>
          ) : null}
        </button>
      ))}
    </div>
  );
}
