import { expect } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BrowserName } from '../harness/index.js';
import { DEBUG_HEADER } from '../../protocol/src/constants.js';
import { startProbeRecorder, type SeenRequest } from '../../test-support/probe-recorder.js';
import { waitForRow, withPairedDemo } from './common.js';

const TRACKER = 'tracker.example';
/** A well-formed reference id (43 base64url characters): the panel would fetch it. */
const REF = 'A'.repeat(43);

function forged(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    [DEBUG_HEADER]: `v=1; ref=${REF}; url=/__redirect`,
  });
  res.end('<!doctype html><title>forged</title><p>A response with a forged by-reference header.</p>');
}

const describe = (seen: readonly SeenRequest[]) =>
  seen.map((r) => `  ${r.method} http://${r.host}${r.path} kid=${r.kid ?? '-'}`).join('\n');

/**
 * SECURITY.md "a co-worker / page with a forged header": a response whose X-Sessionscope names a
 * by-reference url that redirects elsewhere. (1) From an API origin the developer paired, the
 * panel fetches the url once, refuses the redirect (error row) and the redirect target never
 * receives the key id. (2) From an origin that is not paired, the panel fetches nothing at all.
 */
export async function refRedirect(browser: BrowserName): Promise<Record<string, number>> {
  let recorderPort = 0;
  const recorder = await startProbeRecorder({
    '/forged': forged,
    '/__redirect': (_req, res) => {
      res.writeHead(302, {
        location: `http://${TRACKER}:${recorderPort}/steal`,
        'access-control-allow-origin': '*',
      });
      res.end();
    },
  });
  recorderPort = recorder.port;
  const paired = `127.0.0.1:${recorder.port}`;
  const tracker = `${TRACKER}:${recorder.port}`;
  try {
    return await withPairedDemo(
      browser,
      { store: 'memory' },
      async ({ panel, key }) => {
        // The recorder is an API origin of the app: the developer added it.
        await panel.typeInPanel('[data-testid=scope-origin-input]', `http://${paired}`);
        await panel.clickInPanel('[data-testid=scope-origin-add]');
        await panel.waitInPanel(
          `[...document.querySelectorAll('[data-testid=scope-origin]')].some((e) => e.dataset.origin === ${JSON.stringify(`http://${paired}`)})`,
          { timeoutMs: 5_000, what: 'the API origin listed' },
        );

        // (1) A paired origin forges a reference whose url redirects to another host.
        await panel.gotoInInspectedTab(`http://${paired}/forged`);
        const row = await waitForRow(
          panel,
          'GET',
          `http://${paired}/forged`,
          (r) => r.state === 'error' || r.state === 'decoded',
          'the forged row settled',
          15_000,
        );
        const fetched = () => recorder.seen.filter((r) => r.path === '/__redirect' && r.method === 'GET');
        expect(
          fetched().map((r) => r.kid),
          `the panel fetched the reference once:\n${describe(recorder.seen)}`,
        ).toEqual([key.kid]);
        expect(
          recorder.seen.filter((r) => r.host === tracker),
          `the redirect target was contacted:\n${describe(recorder.seen)}`,
        ).toEqual([]);
        expect(row.state).toBe('error');
        const message = await panel.panelEval<string>(`(() => {
          const rows = [...document.querySelectorAll('[data-testid=request-row]')].filter((r) => r.dataset.url === ${JSON.stringify(`http://${paired}/forged`)});
          return rows[rows.length - 1].textContent;
        })()`);
        expect(message).toMatch(/redirect/i);

        // (2) An origin that is not paired forges the same header: the panel fetches nothing there.
        recorder.seen.length = 0;
        await panel.gotoInInspectedTab(`http://${tracker}/forged`);
        const other = await waitForRow(
          panel,
          'GET',
          `http://${tracker}/forged`,
          (r) => r.state === 'error' || r.state === 'decoded',
          'the unpaired forged row settled',
          15_000,
        );
        expect(other.state).toBe('error');
        // A row settles after its fetch (if any) answered: whatever the panel fetched is recorded by now.
        expect(
          recorder.seen.filter((r) => r.kid !== null),
          describe(recorder.seen),
        ).toEqual([]);
        expect(
          recorder.seen.filter((r) => r.path !== '/favicon.ico').map((r) => r.path),
          describe(recorder.seen),
        ).toEqual(['/forged']);
      },
      {},
      { launch: { hostAliases: [TRACKER] } },
    );
  } finally {
    await recorder.close();
  }
}
