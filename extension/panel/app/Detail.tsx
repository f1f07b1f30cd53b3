import { usePanel } from './context.js';
import { analyze } from '../state/analysis.js';
import { indexOfId } from '../state/store.js';
import { useFindings } from '../state/useFindings.js';
import type { DetailTab } from '../state/types.js';
import { Tabs, type TabSpec } from './Tabs.js';
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

type Count = NonNullable<TabSpec['count']>;

function worst(severities: readonly string[]): Count['severity'] {
  return severities.includes('error') ? 'error' : severities.includes('warning') ? 'warning' : 'info';
}

export function Detail() {
  const { store, dispatch, now } = usePanel();
  const records = store.records.value;
  const selectedId = store.selectedId.value;
  const index = selectedId === null ? -1 : indexOfId(records, selectedId);
  const record = records[index];
  const tab = store.tab.value;
  const compareId = store.compareId.value;
  const compareIndex = compareId === null ? -1 : indexOfId(records, compareId);
  const compareWith = records[compareIndex];
  const analysis = record ? analyze(record, index) : null;
  const { index: findings, complete } = useFindings();
  const groups = complete ? findings.groups() : [];
  const counts: Partial<Record<DetailTab, Count | null>> = {
    diff:
      analysis && analysis.handlerDiff.length > 0
        ? { n: analysis.handlerDiff.length, severity: 'info' }
        : null,
    cookies:
      analysis && analysis.cookieFindings.some((f) => f.severity !== 'info')
        ? {
            n: analysis.cookieFindings.filter((f) => f.severity !== 'info').length,
            severity: worst(analysis.cookieFindings.map((f) => f.severity)),
          }
        : null,
    security:
      groups.length > 0 ? { n: groups.length, severity: worst(groups.map((g) => g.finding.severity)) } : null,
  };
  return (
    <div class="detail" data-testid="detail">
      <Tabs
        tabs={TABS.map((t) => ({ ...t, count: counts[t.id] ?? null }))}
        selected={tab}
        onSelect={(t) => dispatch({ type: 'select-tab', tab: t })}
      />
      <div
        class="tab-body"
        role="tabpanel"
        id="detail-tabpanel"
        aria-labelledby={`tab-${tab}`}
        tabIndex={0}
        data-testid={`view-${tab}`}
      >
        {!record || !analysis ? (
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
            {tab === 'diff' ? (
              <DiffView
                record={record}
                index={index}
                analysis={analysis}
                records={records}
                compareWith={compareWith ? { record: compareWith, index: compareIndex } : undefined}
              />
            ) : null}
            {tab === 'session' ? (
              <SessionView record={record} analysis={analysis} paired={store.kid.value !== null} />
            ) : null}
            {tab === 'cookies' ? <CookiesView record={record} analysis={analysis} now={now()} records={records} index={index} /> : null}
            {tab === 'size' ? <SizeView records={records} selected={record} /> : null}
            {tab === 'timeline' ? <TimelineView records={records} selected={record} now={now()} /> : null}
            {tab === 'security' ? <SecurityView records={records} /> : null}
          </>
        )}
      </div>
    </div>
  );
}
