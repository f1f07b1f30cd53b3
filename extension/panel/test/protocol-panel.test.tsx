import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fireEvent, waitFor } from '@testing-library/preact';
import { describeError, validatePayload } from '../../../protocol/src/index.js';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import type { HistoryRecord } from '../../core/history/format.js';
import { historyRecord, renderPanel } from './panel-harness.js';

/** Issue #9 in the panel UI: strict validation as readable rows, and the Diff from cookies alone. */

const fixture = (name: string) =>
  JSON.parse(readFileSync(`${process.cwd()}/fixtures/flask/${name}.json`, 'utf8')) as {
    setCookie: string;
    cookieValue: string;
  };

const base = (over: Partial<HistoryRecord>): HistoryRecord =>
  historyRecord({ url: 'http://localhost:5000/', ...over });

describe('strict payload validation in the panel', () => {
  test('a payload that breaks the schema is an error row naming the field; the others keep working', async () => {
    // What the shell gets from openDebugHeader for such a payload (jsdom cannot run WebCrypto's
    // JWE here; protocol/vectors/payloads.json covers the sealed path).
    let opened: { code: string; message: string } | undefined;
    try {
      validatePayload({ ...samplePayload(), middleware: { kind: 'django', store: null } });
    } catch (error) {
      opened = describeError(error);
    }
    if (!opened) throw new Error('the payload was accepted');
    const { container } = renderPanel([
      base({
        url: 'http://localhost:5000/bad',
        debug: { state: 'error', code: opened.code, message: opened.message },
      }),
      base({ url: 'http://localhost:5000/ok', debug: { state: 'decoded', payload: samplePayload() } }),
    ]);
    const rows = container.querySelectorAll<HTMLElement>('[data-testid=request-row]');
    expect(rows[0]?.dataset.state).toBe('error');
    expect(rows[0]?.querySelector('[data-testid=request-error]')?.textContent).toContain(
      'ERR_PAYLOAD_MALFORMED',
    );
    expect(rows[0]?.querySelector('[data-testid=request-error]')?.textContent).toContain('"middleware.kind"');
    fireEvent.click(rows[1]!);
    await waitFor(() =>
      expect(container.querySelectorAll('[data-testid=diff-entry]').length).toBeGreaterThan(0),
    );
  });
});

describe('Diff from the cookies alone (no server library)', () => {
  test('a Flask cookie sent and another set: the Diff says it was decoded from the cookie', async () => {
    const before = fixture('visits');
    const after = fixture('tag-markup');
    const { container } = renderPanel([
      base({ cookieHeader: `session=${before.cookieValue}`, setCookies: [after.setCookie] }),
    ]);
    fireEvent.click(container.querySelector('[data-testid=request-row]')!);
    await waitFor(() => expect(container.querySelector('[data-testid=cookie-diff]')).not.toBeNull());
    const section = container.querySelector<HTMLElement>('[data-testid=cookie-diff]')!;
    expect(section.dataset.format).toBe('flask');
    const badge = section.querySelector<HTMLElement>('[data-testid=change-badge]')!;
    expect(badge.dataset.change).toBe('modified');
    expect(badge.dataset.source).toBe('cookie');
    expect(badge.textContent).toContain('Decoded from the cookie session');
    const entries = [...section.querySelectorAll<HTMLElement>('[data-testid=diff-entry]')].map((e) => [
      e.dataset.kind,
      e.dataset.path,
      e.textContent,
    ]);
    expect(entries.some(([kind, path]) => kind === 'removed' && path === 'visits')).toBe(true);
    // A Markup reads as one, as it does when the adapter sends it.
    expect(entries.find(([kind]) => kind === 'added')?.[2]).toContain('Markup "');
  });

  test('no session cookie: the Diff view says there is nothing to diff', async () => {
    const { container } = renderPanel([base({ cookieHeader: 'theme=dark' })]);
    fireEvent.click(container.querySelector('[data-testid=request-row]')!);
    await waitFor(() =>
      expect(container.querySelector('[data-testid=view-diff]')?.textContent).toContain('nothing to diff'),
    );
    expect(container.querySelector('[data-testid=cookie-diff]')).toBeNull();
  });
});
