/**
 * Issue 13 in the real panel UI (jsdom): values 1…100,000 deep and 1…1,000,000 wide render a
 * bounded number of rows, search and diff without throwing, cut marks tell the truth, invisible
 * characters show, and a crafted import is a notice that keeps the history. Work is counted in
 * DOM nodes, never timed.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fireEvent, waitFor } from '@testing-library/preact';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import type { TypedValue } from '../../../protocol/src/typed-value.js';
import { exportHistory, importHistory, type HistoryRecord } from '../../core/history/format.js';
import { MAX_NEST, PAGE } from '../features/session/TypedNode.js';
import { historyRecord, renderPanel } from './panel-harness.js';
import { chain } from '../../../test-support/deep-values.js';

const base = historyRecord;

function withSession(
  before: TypedValue | null,
  after: TypedValue | null,
  over: Partial<HistoryRecord> = {},
): HistoryRecord {
  const payload = samplePayload({
    session: { before, after, idBefore: 'a', idAfter: 'a', change: 'modified' },
  });
  return base({ debug: { state: 'decoded', payload }, ...over });
}

function openTab(container: Element, tab: string): void {
  fireEvent.click(container.querySelector('[data-testid=request-row]')!);
  fireEvent.click(container.querySelector(`[data-testid=tab-${tab}]`)!);
}

const nodes = (container: Element) =>
  container.querySelectorAll('[data-testid=view-session] [data-testid=tree-node]').length;

describe('depth 1…100,000 (issue 13.1)', () => {
  test('the tree nests at most MAX_NEST levels, then re-roots; search finds the bottom; the diff names it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(1, 40, 100_000), fc.integer({ min: 1, max: 100_000 })),
        async (depth) => {
          const { container, unmount } = renderPanel([
            withSession({ deep: chain(depth, 'old') }, { deep: chain(depth, 'needle') }),
          ]);
          openTab(container, 'session');
          // Open every level the view nests (small sessions open two levels by themselves).
          for (let i = 0; i < MAX_NEST + 2; i++) {
            const closed = container.querySelector<HTMLElement>(
              '[data-testid=view-session] .toggle[aria-expanded=false]',
            );
            if (!closed) break;
            fireEvent.click(closed);
          }
          expect(nodes(container)).toBeLessThanOrEqual(MAX_NEST + 1);
          const deeper = container.querySelector<HTMLElement>('[data-testid=tree-open-here]');
          expect(deeper !== null).toBe(depth + 1 > MAX_NEST);
          fireEvent.input(container.querySelector('[data-testid=session-search]')!, {
            target: { value: 'needle' },
          });
          await waitFor(() =>
            expect(container.querySelector('[data-testid=search-summary]')?.textContent).toMatch(/^1 match/),
          );
          fireEvent.click(container.querySelector('[data-testid=search-hit]')!);
          expect(container.querySelector('.node.hit [data-testid=tree-node], .node.hit')).not.toBeNull();
          expect(nodes(container)).toBeLessThanOrEqual(MAX_NEST + 1);
          fireEvent.click(container.querySelector('[data-testid=tab-diff]')!);
          const entries = container.querySelectorAll('[data-testid=diff-handler] [data-testid=diff-entry]');
          expect(entries).toHaveLength(1);
          expect(entries[0]!.textContent).toContain('"needle"');
          unmount();
        },
      ),
      { numRuns: 5 },
    );
  }, 120_000);
});

describe('width 1…1,000,000 (issue 13.2)', () => {
  test('an array renders one page of rows and says how many are not shown', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(1, PAGE + 1, 1_000_000), fc.integer({ min: 1, max: 1_000_000 })),
        (width) => {
          const { container, unmount } = renderPanel([
            withSession(null, { items: new Array<number>(width).fill(3) }),
          ]);
          openTab(container, 'session');
          const toggle = container.querySelector<HTMLElement>(
            '[data-testid=tree-node][data-name=items] .toggle',
          );
          if (toggle?.getAttribute('aria-expanded') === 'false') fireEvent.click(toggle);
          expect(nodes(container)).toBe(1 + Math.min(width, PAGE));
          const more = container.querySelector('[data-testid=tree-show-more]');
          if (width > PAGE)
            expect(more?.textContent).toContain(`${(width - PAGE).toLocaleString('en-US')} not shown`);
          else expect(more).toBeNull();
          unmount();
        },
      ),
      { numRuns: 5 },
    );
  });

  test('20,000 top-level keys: one page in the tree, one page in the Diff, every change copied', () => {
    const after: Record<string, TypedValue> = {};
    for (let i = 0; i < 20_000; i++) after[`key${i}`] = i;
    const before = { ...after, key7: 'seven' };
    const { container, copied } = renderPanel([withSession(before, after)]);
    openTab(container, 'session');
    expect(nodes(container)).toBe(PAGE);
    fireEvent.click(container.querySelector('[data-testid=tree-show-more]')!);
    expect(nodes(container)).toBe(2 * PAGE);
    fireEvent.click(container.querySelector('[data-testid=tab-diff]')!);
    expect(container.querySelectorAll('[data-testid=diff-handler] [data-testid=diff-entry]')).toHaveLength(1);
    const created = renderPanel([withSession(null, after)]);
    openTab(created.container, 'diff');
    expect(
      created.container.querySelectorAll('[data-testid=diff-handler] [data-testid=diff-entry]'),
    ).toHaveLength(PAGE);
    expect(created.container.querySelector('[data-testid=diff-handler-more]')?.textContent).toContain(
      '19,800 not shown of 20,000',
    );
    fireEvent.click(created.container.querySelector('[data-testid=diff-handler-copy]')!);
    expect(created.copied[0]!.split('\n')).toHaveLength(20_000);
    expect(copied).toEqual([]);
  });
});

describe('search hits past the first page (issue 13.2)', () => {
  const picked = (container: Element) =>
    container.querySelector<HTMLElement>(
      '[data-testid=view-session] [data-testid=tree-node][data-picked=true]',
    );
  const search = async (container: Element, text: string) => {
    fireEvent.input(container.querySelector('[data-testid=session-search]')!, { target: { value: text } });
    await waitFor(() => expect(container.querySelector('[data-testid=search-hit]')).not.toBeNull());
  };

  test('a hit at item 999,999 of a 1,000,000-item array: picking it shows its page, marked, without Show more', async () => {
    const list = new Array<TypedValue>(1_000_000).fill(1);
    list[999_999] = 'needle';
    list[250] = 'needle';
    const { container } = renderPanel([withSession(null, { list })]);
    openTab(container, 'session');
    await search(container, 'needle');
    const hits = container.querySelectorAll<HTMLElement>('[data-testid=search-hit]');
    expect(hits).toHaveLength(2);
    fireEvent.click(hits[1]!);
    expect(picked(container)?.dataset.name).toBe('[999999]');
    expect(picked(container)?.textContent).toContain('"needle"');
    // Its page only: rows 999,800…999,999, and a way back to the earlier ones.
    expect(nodes(container)).toBe(PAGE);
    expect(container.querySelector('[data-testid=tree-show-earlier]')?.textContent).toContain(
      '999,800 not shown before',
    );
    expect(container.querySelector('[data-testid=tree-show-more]')).toBeNull();
    fireEvent.click(container.querySelector('[data-testid=tree-show-earlier]')!);
    expect(nodes(container)).toBe(2 * PAGE);
    expect(picked(container)?.dataset.name).toBe('[999999]');
    // Another hit in the same array pages back to it.
    fireEvent.click(container.querySelectorAll<HTMLElement>('[data-testid=search-hit]')[0]!);
    expect(picked(container)?.dataset.name).toBe('[250]');
    expect(nodes(container)).toBe(PAGE);
  });

  test('a hit among 20,000 top-level keys: the top level pages to it', async () => {
    const after: Record<string, TypedValue> = {};
    for (let i = 0; i < 20_000; i++) after[`key${i}`] = i;
    after.key15000 = 'needle';
    const { container } = renderPanel([withSession(null, after)]);
    openTab(container, 'session');
    expect(container.querySelector('[data-testid=tree-node][data-name=key15000]')).toBeNull();
    await search(container, 'needle');
    fireEvent.click(container.querySelector('[data-testid=search-hit]')!);
    expect(picked(container)?.dataset.name).toBe('key15000');
    expect(picked(container)?.classList.contains('hit')).toBe(true);
    expect(container.querySelector('[data-testid=tree-show-more]')?.textContent).toContain(
      '4,800 not shown after these of 20,000',
    );
  });
});

describe('honest cuts (issue 13.3)', () => {
  test("the server's marks render as marks, its note is never cut, show all shows all that arrived", () => {
    const preview = 'p'.repeat(4096);
    const { container } = renderPanel([
      withSession(null, {
        a: 1,
        $ssmore: { $ss: 'more', count: 19_501 },
        long: { $ss: 'truncated', length: 200_000, preview },
        list: [1, 2, { $ss: 'more', count: 7 }],
        text: `${'👍🏽'.repeat(200)}tail`,
      }),
    ]);
    openTab(container, 'session');
    expect(container.querySelector('[data-testid=tree-node][data-name="$ssmore"]')).toBeNull();
    const marks = [...container.querySelectorAll<HTMLElement>('[data-testid=cut-mark]')].map(
      (m) => m.textContent,
    );
    expect(marks).toContain("… 19,501 more keys not sent (cut by the server's maxItems)");
    expect(marks).toContain("… 7 more items not sent (cut by the server's maxItems)");
    const long = container.querySelector<HTMLElement>('[data-testid=tree-node][data-name=long]')!;
    expect(long.querySelector('[data-testid=server-cut]')?.textContent).toBe(
      '… (200,000 chars; the server sent the first 4,096)',
    );
    fireEvent.click(long.querySelector('[data-testid=show-all-text]')!);
    expect(long.textContent).toContain(preview);
    const text = container.querySelector<HTMLElement>('[data-testid=tree-node][data-name=text]')!;
    expect(text.textContent).not.toContain('\ufffd');
    expect(text.querySelector('[data-testid=cut-mark]')?.textContent).toMatch(
      /^… [\d,]+ more chars \(of 804\)$/,
    );
  });

  test('Copy as text holds whole values, not 120 characters', () => {
    const big = 'z'.repeat(50_000);
    const { container, copied } = renderPanel([withSession({ note: 'a' }, { note: big })]);
    openTab(container, 'diff');
    fireEvent.click(container.querySelector('[data-testid=diff-handler-copy]')!);
    expect(copied[0]).toBe(`~ note: "a" → "${big}"`);
  });
});

describe('invisible characters (issue 13.4)', () => {
  test('bidi and zero-width characters show as badges; a look-alike key is flagged', () => {
    const { container } = renderPanel([
      withSession(null, { role: 'user', 'role\u200b': 'admin', name: 'abc\u202edcba' }),
    ]);
    openTab(container, 'session');
    const view = container.querySelector<HTMLElement>('[data-testid=view-session]')!;
    expect(view.textContent).not.toContain('\u202e');
    expect(view.textContent).not.toContain('\u200b');
    expect([...view.querySelectorAll('[data-testid=invisible-char]')].map((b) => b.textContent)).toEqual([
      'U+200B ZWSP',
      'U+202E RLO',
    ]);
    expect(view.querySelectorAll('[data-testid=lookalike-key]')).toHaveLength(2);
  });
});

describe('import is untrusted (issue 13.5)', () => {
  test('a file nested 100,000 deep imports and renders; one past the bound is a notice and the history stays', async () => {
    const deep = withSession(null, { deep: chain(100_000, 'bottom') });
    const text = exportHistory([deep], Date.parse('2026-11-22T12:00:00Z'), { secrets: 'included' });
    const read = importHistory(text);
    expect(read.ok).toBe(true);
    const { container, dispatch, store } = renderPanel([base({ url: 'http://localhost:3000/kept' })]);
    dispatch({ type: 'imported', records: (read as { records: HistoryRecord[] }).records });
    expect(store.records.value).toHaveLength(2);
    const crafted = `{"format":"sessionscope-history","version":1,"records":[${'['.repeat(200_001)}${']'.repeat(200_001)}]}`;
    const refused = importHistory(crafted);
    expect(refused).toEqual({
      ok: false,
      message:
        'Import failed: values nested deeper than 200,000 levels. Nothing was imported; the requests already in the panel are kept.',
    });
    await waitFor(() => expect(container.querySelectorAll('[data-testid=request-row]')).toHaveLength(2));
    fireEvent.click(container.querySelectorAll('[data-testid=request-row]')[1]!);
    fireEvent.click(container.querySelector('[data-testid=tab-session]')!);
    expect(container.querySelector('[data-testid=tree-node][data-name=deep]')).not.toBeNull();
  });
});

describe('decoder bounds (issue 13.6)', () => {
  test('a Flask cookie past the decoder bound says so in Session and Cookies, with size and limit', () => {
    const fixture = JSON.parse(readFileSync(`${process.cwd()}/fixtures/flask/too-large.json`, 'utf8')) as {
      setCookie: string;
      cookieValue: string;
    };
    const { container } = renderPanel([base({ setCookies: [fixture.setCookie] })]);
    openTab(container, 'session');
    const note = container.querySelector('[data-testid=decoder-limit]')?.textContent ?? '';
    expect(note).toContain(
      `Cookie value is ${fixture.cookieValue.length} characters, over the decoder's limit of 65536.`,
    );
    expect(container.textContent).not.toContain('No session data');
    fireEvent.click(container.querySelector('[data-testid=tab-cookies]')!);
    expect(container.querySelector('[data-testid=decoder-failure]')?.textContent).toContain(
      "over the decoder's limit of 65536",
    );
  });
});
