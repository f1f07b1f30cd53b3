import { createHash } from 'node:crypto';
import { mkdir, realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import puppeteer, { type Frame, type Page } from 'puppeteer-core';
import { DEFAULTS, type LaunchOptions, type CorePanelSession } from './types.js';
import { panelEvaluators, panelHelpers, pollUntil, withTimeout } from './wait.js';

export const CHROMIUM = process.env.SESSIONSCOPE_CHROMIUM ?? '/usr/bin/chromium';
const DEVTOOLS_URL = 'devtools://devtools/bundled/devtools_app.html';

/** Chromium's id for an unpacked extension: sha256 of its absolute path, first 32 hex digits mapped 0-f → a-p. */
export function unpackedExtensionId(absDir: string): string {
  const hex = createHash('sha256').update(absDir).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode('a'.charCodeAt(0) + Number.parseInt(c, 16))).join('');
}

/** `--host-resolver-rules` mapping each alias to loopback (none: no flag). */
function hostResolverRules(aliases: readonly string[]): string[] {
  if (aliases.length === 0) return [];
  return [`--host-resolver-rules=${aliases.map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`];
}

export async function launchChromium(options: LaunchOptions): Promise<CorePanelSession> {
  const t0 = Date.now();
  const title = options.panelTitle ?? DEFAULTS.panelTitle;
  const panelPath = options.panelPath ?? DEFAULTS.panelPath;
  const ready = options.readyExpression ?? DEFAULTS.readyExpression;
  const budget = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const dir = await realpath(options.extensionDir);
  const extensionId = unpackedExtensionId(dir);
  const panelUrl = `chrome-extension://${extensionId}/${panelPath}`;
  const panelId = `chrome-extension://${extensionId}${title}`;

  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    devtools: true,
    enableExtensions: true,
    args: [
      '--no-sandbox',
      '--window-size=1400,900',
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      ...hostResolverRules(options.hostAliases ?? []),
    ],
  });
  const browserUp = Date.now() - t0;
  try {
    const dtTarget = await browser.waitForTarget((t) => t.url().startsWith(DEVTOOLS_URL), {
      timeout: budget,
    });
    const dt = await withTimeout(dtTarget.asPage(), budget, 'the DevTools window page');
    const page = await pollUntil(
      async () => (await browser.pages()).find((p) => !p.url().startsWith('devtools://')),
      {
        timeoutMs: budget,
        what: 'the inspected tab',
      },
    );
    // Dock at the bottom so the extension's tab is not in the overflow menu, then select the panel.
    await pollUntil(
      () =>
        dt.evaluate(`(async () => {
          const UI = await import('./ui/legacy/legacy.js');
          const view = UI.InspectorView.InspectorView.maybeGetInspectorViewInstance();
          return !!view && view.tabbedPane.tabIds().includes(${JSON.stringify(panelId)});
        })()`),
      {
        timeoutMs: budget,
        what: `the DevTools tab ${panelId} (devtools page ran panels.create("${title}"))`,
      },
    );
    await dt.evaluate(`(async () => {
      const UI = await import('./ui/legacy/legacy.js');
      UI.DockController.DockController.instance().setDockSide(${JSON.stringify(options.dock ?? 'bottom')});
      await UI.InspectorView.InspectorView.instance().showPanel(${JSON.stringify(panelId)});
    })()`);
    const panelShown = Date.now() - t0;
    const frame: Frame = await dt.waitForFrame((f) => f.url() === panelUrl, { timeout: budget });

    const { panelEval, waitInPanel } = panelEvaluators(
      async (wrapped) => (await frame.evaluate(wrapped)) as string,
    );
    await waitInPanel(ready, { timeoutMs: budget, what: `panel ready (${ready})` });
    const panelUsable = Date.now() - t0;

    return {
      browserName: 'chromium',
      extensionId,
      page: page as Page,
      timings: { browserUp, panelShown, panelUsable },
      gotoInInspectedTab: async (url) => {
        await page.goto(url, { waitUntil: 'load' });
      },
      panelEval,
      waitInPanel,
      ...panelHelpers(panelEval),
      screenshot: async (pngPath) => {
        await mkdir(dirname(pngPath), { recursive: true });
        const session = await dtTarget.createCDPSession();
        try {
          const { data } = await session.send('Page.captureScreenshot', { format: 'png' });
          const { writeFile } = await import('node:fs/promises');
          await writeFile(pngPath, Buffer.from(data, 'base64'));
        } finally {
          await session.detach().catch(() => undefined);
        }
      },
      closeDevTools: async () => {
        // What DevTools' own close button does.
        await dt.evaluate('InspectorFrontendHost.closeWindow()').catch(() => undefined);
        await pollUntil(
          async () => !(await browser.targets()).some((t) => t.url().startsWith(DEVTOOLS_URL)),
          {
            timeoutMs: 10_000,
            what: 'the DevTools window to close',
          },
        );
      },
      close: async () => {
        await browser.close();
      },
    };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}
