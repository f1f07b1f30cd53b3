import { createHash } from 'node:crypto';
import { mkdir, realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import puppeteer, { type Frame, type Page } from 'puppeteer-core';
import { DEFAULTS, DOCK_SIZES, type LaunchOptions, type CorePanelSession } from './types.js';
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
    const page = await pollUntil(
      async () => (await browser.pages()).find((p) => !p.url().startsWith('devtools://')),
      {
        timeoutMs: budget,
        what: 'the inspected tab',
      },
    );
    /** Finds the DevTools window, selects the panel in it, and returns it with the panel's frame. */
    const attach = async () => {
      const target = await browser.waitForTarget((t) => t.url().startsWith(DEVTOOLS_URL), {
        timeout: budget,
      });
      const devtools = await withTimeout(target.asPage(), budget, 'the DevTools window page');
      // Dock at the bottom so the extension's tab is not in the overflow menu, then select the panel.
      await pollUntil(
        () =>
          devtools.evaluate(`(async () => {
          const UI = await import('./ui/legacy/legacy.js');
          const view = UI.InspectorView.InspectorView.maybeGetInspectorViewInstance();
          return !!view && view.tabbedPane.tabIds().includes(${JSON.stringify(panelId)});
        })()`),
        {
          timeoutMs: budget,
          what: `the DevTools tab ${panelId} (devtools page ran panels.create("${title}"))`,
        },
      );
      await devtools.evaluate(`(async () => {
      const UI = await import('./ui/legacy/legacy.js');
      UI.DockController.DockController.instance().setDockSide(${JSON.stringify(options.dock ?? 'bottom')});
      await UI.InspectorView.InspectorView.instance().showPanel(${JSON.stringify(panelId)});
    })()`);
      const panelFrame = await devtools.waitForFrame((f) => f.url() === panelUrl, { timeout: budget });
      return { target, devtools, panelFrame };
    };
    let { target: dtTarget, devtools: dt, panelFrame: frame } = await attach();
    const panelShown = Date.now() - t0;

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
      reopenDevTools: async () => {
        await (page as Page).openDevTools();
        ({ target: dtTarget, devtools: dt, panelFrame: frame } = await attach());
        await waitInPanel(ready, { timeoutMs: budget, what: `panel ready again (${ready})` });
      },
      setDevToolsTheme: async (theme) => {
        // DevTools' own setting (Settings → Preferences → Theme); DevTools tells extension panels.
        await dt.evaluate(`(async () => {
          const Common = await import('./core/common/common.js');
          Common.Settings.Settings.instance().moduleSetting('ui-theme').set(${JSON.stringify(theme === 'dark' ? 'dark' : 'default')});
        })()`);
      },
      dockAs: async (layout) => {
        const { width, height } = DOCK_SIZES[layout];
        const session = await browser.target().createCDPSession();
        try {
          const { targetInfos } = await session.send('Target.getTargets');
          const devtoolsTarget = targetInfos.find((t) => t.url.startsWith(DEVTOOLS_URL));
          if (!devtoolsTarget) throw new Error('dockAs: no DevTools target');
          const { windowId } = await session.send('Browser.getWindowForTarget', {
            targetId: devtoolsTarget.targetId,
          });
          await session.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'normal' } });
          await session.send('Browser.setWindowBounds', { windowId, bounds: { width, height } });
        } finally {
          await session.detach().catch(() => undefined);
        }
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
