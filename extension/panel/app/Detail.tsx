import { usePanel } from './context.js';
import { analyze } from '../state/analysis.js';
import { indexOfId } from '../state/store.js';
import type { DetailTab } from '../state/types.js';
import { DiffView } from '../features/diff/DiffView.js';
import { SessionView } from '../features/session/SessionView.js';
import { CookiesView } from '../features/cookies/CookiesView.js';
import { SizeView } from '../features/size/SizeView.js';
import { TimelineView } from '../features/timeline/TimelineView.js';
import { SecurityView } from '../features/security/SecurityView.js';

/** Every view of the detail pane, registered once: a test checks each is reachable. */
export const TABS: { id: DetailTab; label: string }[] = [
  { id: 'diff', label: 'Diff' },
  { id: 'session', label: 'Session' },
  { id: 'cookies', label: 'Cookies' },
  { id: 'size', label: 'Size' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'security', label: 'Security' },
];

export function Detail() {
  const { store, dispatch, now } = usePanel();
  const records = store.records.value;
  const selectedId = store.selectedId.value;
  const index = selectedId === null ? -1 : indexOfId(records, selectedId);
  const record = records[index];
  const tab = store.tab.value;
  const compareId = store.compareId.value;
  const compareWith = compareId === null ? undefined : records[indexOfId(records, compareId)];
  return (
    <div class="detail" data-testid="detail">
      <div class="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            type="button"
            role="tab"
            data-testid={`tab-${t.id}`}
            aria-selected={tab === t.id ? 'true' : 'false'}
            class={tab === t.id ? 'active' : ''}
            onClick={() => dispatch({ type: 'select-tab', tab: t.id })}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div class="tab-body" role="tabpanel" data-testid={`view-${tab}`}>
        {!record ? (
          tab === 'security' ? (
            <SecurityView records={records} />
          ) : (
            <p class="muted">Select a request.</p>
          )
        ) : (
          <>
            <p class="detail-title" data-testid="detail-title">
              #{record.id} {record.method} {record.url} → {record.status}
            </p>
            {record.debug.state === 'error' ? (
              <p class="finding sev-error" data-testid="detail-error">
                {record.debug.code}: {record.debug.message}
              </p>
            ) : null}
            {tab === 'diff' ? <DiffView record={record} analysis={analyze(record, index)} records={records} compareWith={compareWith} /> : null}
            {tab === 'session' ? <SessionView record={record} analysis={analyze(record, index)} /> : null}
            {tab === 'cookies' ? <CookiesView record={record} analysis={analyze(record, index)} now={now()} records={records} index={index} /> : null}
            {tab === 'size' ? <SizeView records={records} selected={record} /> : null}
            {tab === 'timeline' ? <TimelineView records={records} selected={record} now={now()} /> : null}
            {tab === 'security' ? <SecurityView records={records} /> : null}
          </>
        )}
      </div>
    </div>
  );
}
