import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { DEFAULTS, DOCK_SIZES, type LaunchOptions, type CorePanelSession } from './types.js';
import { panelEvaluators, panelHelpers, pollUntil, withTimeout } from './wait.js';
import { openPanel, panelFrameScript } from './firefox-privileged.js';

export const FIREFOX = process.env.SESSIONSCOPE_FIREFOX ?? '/usr/bin/firefox-esr';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: any }>;
}

/** Source that calls `fn(args)` in Firefox; defines esbuild's `__name` (keepNames, as tsx compiles) so the source runs as is. */
function serialize(fn: (...a: any[]) => unknown, args: object): string {
  return `(() => { const __name = (f) => f; return (${fn.toString()})(${JSON.stringify(args)}); })()`;
}

export async function launchFirefox(options: LaunchOptions): Promise<CorePanelSession> {
  const t0 = Date.now();
  const title = options.panelTitle ?? DEFAULTS.panelTitle;
  const ready = options.readyExpression ?? DEFAULTS.readyExpression;
  const budget = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: null,
    args: ['--remote-allow-system-access', '--width=1400', '--height=900'],
    extraPrefsFirefox: {
      'devtools.toolbox.host': 'bottom',
      'devtools.toolbox.footer.height': 520,
      'devtools.everOpened': true,
      // Loopback servers under public-looking names (resolved to 127.0.0.1 by Firefox itself).
      ...(options.hostAliases?.length ? { 'network.dns.localDomains': options.hostAliases.join(',') } : {}),
    },
  });
  const browserUp = Date.now() - t0;
  try {
    const extensionId = await withTimeout(
      browser.installExtension(resolve(options.extensionDir)),
      budget,
      'installExtension',
    );
    const page = await pollUntil(async () => (await browser.pages())[0], {
      timeoutMs: budget,
      what: 'the inspected tab',
    });
    const connection = (browser as unknown as { connection: BidiConnection }).connection;
    const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const chromeContext = (tree.result.contexts as { context: string; url: string }[]).find(
      (c) => c.url === 'chrome://browser/content/browser.xhtml',
    )?.context;
    if (!chromeContext)
      throw new Error('no browser.xhtml context (is --remote-allow-system-access honoured?)');

    const chromeEval = async <T>(expression: string): Promise<T> => {
      const { result } = await connection.send('script.evaluate', {
        expression,
        target: { context: chromeContext },
        awaitPromise: true,
        resultOwnership: 'none',
      });
      if (result.type === 'exception') {
        throw new Error(
          `privileged script failed: ${result.exceptionDetails?.text ?? JSON.stringify(result.exceptionDetails)}`,
        );
      }
      return result.result?.value as T;
    };
    const frameScriptUrl = `data:application/javascript,${encodeURIComponent(serialize(panelFrameScript, {}))}`;
    const show = () =>
      chromeEval(serialize(openPanel, { extensionId, title, timeoutMs: budget, frameScriptUrl }));
    await show();
    const panelShown = Date.now() - t0;

    const { panelEval, waitInPanel } = panelEvaluators((wrapped) =>
      chromeEval<string>(`window.__sessionscopeE2E.evalInPanel(${JSON.stringify(wrapped)})`),
    );
    await waitInPanel(ready, { timeoutMs: budget, what: `panel ready (${ready})` });
    const panelUsable = Date.now() - t0;

    return {
      browserName: 'firefox',
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
        const dataUrl = await chromeEval<string>('window.__sessionscopeE2E.snapshot()');
        await mkdir(dirname(pngPath), { recursive: true });
        await writeFile(pngPath, Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
      },
      closeDevTools: async () => {
        await chromeEval(`(async () => {
          const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
          const { gDevTools } = require('devtools/client/framework/devtools');
          await gDevTools.closeToolboxForTab(gBrowser.selectedTab);
          return true;
        })()`);
      },
      reopenDevTools: async () => {
        await show();
        await waitInPanel(ready, { timeoutMs: budget, what: `panel ready again (${ready})` });
      },
      setDevToolsTheme: async (theme) => {
        // The pref DevTools' own settings write; extension panels hear onThemeChanged.
        await chromeEval(
          `(() => { Services.prefs.setCharPref('devtools.theme', ${JSON.stringify(theme)}); return true; })()`,
        );
      },
      dockAs: async (layout) => {
        const { width, height } = DOCK_SIZES[layout];
        await chromeEval(`(async () => {
          Services.prefs.setIntPref('devtools.toolbox.footer.height', ${height});
          Services.prefs.setIntPref('devtools.toolbox.sidebar.width', ${width});
          const toolbox = window.__sessionscopeE2E.toolbox;
          const host = ${JSON.stringify(layout)};
          if (toolbox.hostType !== host) await toolbox.switchHost(host);
          // The host reads the pref when created; set the frame too, for a host that already existed.
          const frame = toolbox.win?.browsingContext?.embedderElement ?? toolbox.frame;
          if (frame) {
            if (host === 'bottom') frame.style.height = '${height}px';
            else frame.style.width = '${width}px';
          }
          return true;
        })()`);
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
