import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchWithPanel, pollUntil, writeFixtureExtension, type BrowserName } from './index.js';

// The harness alone, against a throwaway extension with the same panel shape: when these pass and
// the product tests fail, the extension is at fault, not the browser plumbing.
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.method === 'POST') {
      res.writeHead(303, { location: '/done' }).end();
      return;
    }
    res.setHeader('content-type', 'text/html');
    const form =
      req.url === '/form' ? '<form method="post" action="/posted"><button id="go">go</button></form>' : '';
    res.end(`<h1>fixture ${req.url}</h1>${form}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe.each<BrowserName>(['chromium', 'firefox'])('harness on %s', (browser) => {
  test('panel opens, sees the inspected tab, types, clicks, screenshots', async () => {
    const dir = await writeFixtureExtension(browser);
    const s = await launchWithPanel(browser, {
      extensionDir: dir,
      readyExpression: `!!document.querySelector('[data-testid=pairing-input]')`,
    });
    try {
      console.log(`${browser} fixture timings (ms):`, JSON.stringify(s.timings));
      // Launch → usable is printed, not asserted (the launch itself fails past its 30 s budget):
      // with other builds sharing the 2 cores it took 13–22 s, on a quiet machine 3–6 s.
      expect(s.timings.panelUsable).toBeGreaterThan(0);
      // The panel's onRequestFinished subscription reaches DevTools asynchronously: under load the
      // first navigation after "usable" can go unreported, so navigate until a row shows up.
      let navigations = 0;
      const url = await pollUntil(
        async () => {
          navigations++;
          await s.gotoInInspectedTab(`${base}/one`);
          return s
            .waitInPanel<string>(
              `[...document.querySelectorAll('[data-testid=request-row]')].map((r) => r.dataset.url).find((u) => u.endsWith('/one'))`,
              {
                timeoutMs: 1_500,
                what: 'a request row for /one',
              },
            )
            .catch(() => null);
        },
        { timeoutMs: 10_000, what: 'a request row for /one (navigating again each 1.5 s)' },
      );
      console.log(`${browser}: row seen after ${navigations} navigation(s)`);
      expect(url).toBe(`${base}/one`);
      expect(await s.page.$eval('h1', (e) => e.textContent)).toBe('fixture /one');
      await s.typeInPanel('[data-testid=pairing-input]', 'sessionscope1:abc');
      await s.clickInPanel('[data-testid=pairing-save]');
      expect(
        await s.panelEval<string>(`document.querySelector('[data-testid=pairing-status]').textContent`),
      ).toBe('Paired: sessionscope1:abc');
      expect(await s.panelEval(`Promise.resolve({ a: [1, 'x'], b: null })`)).toEqual({
        a: [1, 'x'],
        b: null,
      });
      // The function forms (serialized with JSON args), waitForPanel, clickInPage / submitForm.
      expect(
        await s.panelEval(
          (sel: string, n: number) => [document.querySelector(sel)?.textContent, n * 2],
          '[data-testid=pairing-status]',
          21,
        ),
      ).toEqual(['Paired: sessionscope1:abc', 42]);
      await s.gotoInInspectedTab(`${base}/form`);
      await s.submitForm('#go');
      expect(s.page.url()).toBe(`${base}/done`);
      expect(
        await s.waitForPanel<string[]>(
          () => {
            const rows = [...document.querySelectorAll<HTMLElement>('[data-testid=request-row]')];
            const seen = rows.map((r) => `${r.dataset.method} ${new URL(r.dataset.url!).pathname}`);
            return seen.includes('POST /posted') && seen.includes('GET /done') ? seen : null;
          },
          10_000,
          'rows for POST /posted and GET /done',
        ),
      ).toEqual(expect.arrayContaining(['POST /posted', 'GET /done']));
      await expect(s.waitForPanel(() => false, 300, 'a function that never holds')).rejects.toThrow(
        /a function that never holds/,
      );
      await expect(
        s.waitInPanel('false', { timeoutMs: 300, what: 'something that never comes' }),
      ).rejects.toThrow(/something that never comes/);
      const png = `${dir}/shot.png`;
      await s.screenshot(png);
      const { readFile } = await import('node:fs/promises');
      const bytes = await readFile(png);
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    } finally {
      await s.close();
    }
  });
});
