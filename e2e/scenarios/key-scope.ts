import { expect } from 'vitest';
import { pollUntil, type BrowserName } from '../harness/index.js';
import { PROBE_KINDS, type ProbeKind } from '../../demo-app/src/routes/third-party.js';
import { seenRequest, startProbeRecorder, type SeenRequest } from '../../test-support/probe-recorder.js';
import { SCREENSHOTS, timed, waitForRow, withPairedDemo, type DemoContext } from './common.js';

/** Public-looking names the browser resolves to 127.0.0.1 (harness hostAliases). */
const APP_HOST = 'app.example';
const ALIASES = [APP_HOST, `sub.${APP_HOST}`, 'tracker.example'];

const kindOf = (path: string): ProbeKind | null =>
  ((PROBE_KINDS as readonly string[]).find((k) => path === `/third-party/asset/${k}`) as ProbeKind | null) ??
  null;

/** The probe kinds that reached `host` (a host:port) in `seen`. */
function kindsAt(seen: readonly SeenRequest[], host: string): Set<ProbeKind> {
  return new Set(
    seen.filter((r) => r.host === host && r.method !== 'OPTIONS').flatMap((r) => kindOf(r.path) ?? []),
  );
}

function describe(seen: readonly SeenRequest[]): string {
  return seen.map((r) => `  ${r.method} http://${r.host}${r.path} kid=${r.kid ?? '-'}`).join('\n');
}

/** Waits until every probe kind reached each host (the page's loads, fetches and beacons are done). */
async function allProbesArrived(
  seen: () => SeenRequest[],
  hosts: readonly string[],
  what: string,
): Promise<void> {
  await pollUntil(async () => hosts.every((h) => kindsAt(seen(), h).size === PROBE_KINDS.length), {
    timeoutMs: 15_000,
    what: `${what}: every probe kind at ${hosts.join(', ')}`,
  }).catch((error: Error) => {
    throw new Error(`${error.message}\nrequests seen:\n${describe(seen())}`);
  });
}

const panelOrigins = `[...document.querySelectorAll('[data-testid=scope-origin]')].map((e) => e.dataset.origin)`;

/**
 * SECURITY.md "another site": the key id goes only to the origins the developer paired. The demo
 * at http://app.example:<port> serves /third-party, which loads an iframe, a script, a stylesheet,
 * an image, a page-script fetch and a beacon from (1) another host and port, (2) the same host on
 * another port, (3) a subdomain on the same port, (4) the same server under another name. None of
 * them may see the key id; the app's own probes must. Then the developer adds (2) as an API origin
 * (it gets the key id, the others still don't), and a top-level navigation to another site carries none.
 */
export async function keyScope(browser: BrowserName): Promise<Record<string, number>> {
  const recorder = await startProbeRecorder();
  const demoSeen: SeenRequest[] = [];
  let appPort = 0;
  const elsewhere = () => [
    `http://tracker.example:${recorder.port}`,
    `http://${APP_HOST}:${recorder.port}`,
    `http://sub.${APP_HOST}:${appPort}`,
    `http://127.0.0.1:${appPort}`,
  ];
  try {
    return await withPairedDemo(
      browser,
      { store: 'memory', elsewhere, onRequest: (req) => demoSeen.push(seenRequest(req)) },
      async (ctx) => {
        appPort = ctx.demo.port;
        await scenario(
          ctx,
          browser,
          () => [...recorder.seen, ...demoSeen],
          recorder.port,
          () => {
            recorder.seen.length = 0;
            demoSeen.length = 0;
          },
        );
      },
      {},
      { host: APP_HOST, launch: { hostAliases: ALIASES } },
    );
  } finally {
    await recorder.close();
  }
}

async function scenario(
  { panel, demo, key, url, t }: DemoContext,
  browser: BrowserName,
  seen: () => SeenRequest[],
  recorderPort: number,
  forget: () => void,
): Promise<void> {
  const app = `${APP_HOST}:${demo.port}`;
  const tracker = `tracker.example:${recorderPort}`;
  const sameHostOtherPort = `${APP_HOST}:${recorderPort}`;
  const subdomain = `sub.${APP_HOST}:${demo.port}`;
  const otherName = `127.0.0.1:${demo.port}`;
  const others = [tracker, sameHostOtherPort, subdomain, otherName];

  forget();
  await timed('third-party page, every probe in', t, async () => {
    await panel.gotoInInspectedTab(url('/third-party'));
    await allProbesArrived(seen, [app, ...others], 'paired on the app only');
  });
  const leaks = seen().filter((r) => r.host !== app && r.kid !== null);
  expect(leaks, `the key id reached other origins:\n${describe(leaks)}`).toEqual([]);
  // Control: the app's own probes carry the key id (Firefox's DNR leaves sendBeacon alone, app or not).
  const own = seen().filter((r) => r.host === app && kindOf(r.path) !== null);
  const ownWithKid = new Set(own.filter((r) => r.kid === key.kid).map((r) => kindOf(r.path)));
  const expectedOwn = PROBE_KINDS.filter((k) => !(browser === 'firefox' && k === 'beacon'));
  expect([...ownWithKid].sort()).toEqual([...expectedOwn].sort());

  // The panel says where the key id goes.
  expect(await panel.panelEval<string[]>(panelOrigins)).toEqual([`http://${app}`]);
  await panel.screenshot(`${SCREENSHOTS}/${browser}-key-scope.png`);

  // An API origin added by hand (same host, other port) gets the key id; the others still don't.
  await panel.typeInPanel('[data-testid=scope-origin-input]', `http://${sameHostOtherPort}/api`);
  await panel.clickInPanel('[data-testid=scope-origin-add]');
  await panel.waitInPanel(`${panelOrigins}.includes(${JSON.stringify(`http://${sameHostOtherPort}`)})`, {
    timeoutMs: 5_000,
    what: 'the API origin listed in the panel',
  });
  let attempts = 0;
  await timed('API origin added → its probes carry the key id', t, () =>
    pollUntil(
      async () => {
        attempts++;
        forget();
        await panel.gotoInInspectedTab(url('/third-party'));
        await allProbesArrived(seen, [app, ...others], 'after adding the API origin');
        return seen().some((r) => r.host === sameHostOtherPort && r.kid === key.kid);
      },
      { timeoutMs: 20_000, intervalMs: 200, what: `the key id at ${sameHostOtherPort} after adding it` },
    ),
  );
  t['navigations until the API origin got the key id'] = attempts;
  const api = seen().filter(
    (r) => r.host === sameHostOtherPort && r.method !== 'OPTIONS' && expectedOwn.includes(kindOf(r.path)!),
  );
  expect(new Set(api.map((r) => r.kid)), 'every request to the API origin carries the key id').toEqual(
    new Set([key.kid]),
  );
  const stillOut = seen().filter((r) => r.host !== app && r.host !== sameHostOtherPort && r.kid !== null);
  expect(stillOut, `the key id reached origins not added:\n${describe(stillOut)}`).toEqual([]);

  // Navigating the tab to another site: the page request carries no key id, the panel says the page is not paired.
  forget();
  await panel.gotoInInspectedTab(`http://${tracker}/third-party/asset/page`);
  const visit = seen().filter((r) => r.host === tracker);
  expect(visit.map((r) => r.path)).toContain('/third-party/asset/page');
  expect(visit.filter((r) => r.kid !== null)).toEqual([]);
  expect(await panel.page.$eval('[data-testid=probe-kid]', (e) => e.textContent)).toMatch(/No key id/);
  await panel.waitInPanel(
    `document.querySelector('[data-testid=scope-page]')?.dataset.covered === 'no' && document.querySelector('[data-testid=scope-page]').dataset.origin === ${JSON.stringify(`http://${tracker}`)}`,
    { timeoutMs: 5_000, what: 'the panel saying this page is not paired' },
  );
  // …and back on the app the key id flows again.
  await panel.gotoInInspectedTab(url('/'));
  await waitForRow(panel, 'GET', url('/'), (r) => r.state === 'decoded', 'GET / decoded back on the app');
  await panel.waitInPanel(`document.querySelector('[data-testid=scope-page]')?.dataset.covered === 'yes'`, {
    timeoutMs: 5_000,
    what: 'the panel saying this page is paired',
  });
}
