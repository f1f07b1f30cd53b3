import type { BrowserName, CorePanelSession, LaunchOptions, PanelCode, PanelSession } from './types.js';
import { launchChromium } from './chromium.js';
import { launchFirefox } from './firefox.js';

export type {
  BrowserName,
  DockLayout,
  LaunchOptions,
  PanelCode,
  PanelSession,
  WaitOptions,
  Timings,
} from './types.js';
export { writeFixtureExtension } from './fixture-extension.js';
export { pollUntil } from './wait.js';

/** One interface for both browsers: the inspected tab + the Sessions panel in the real DevTools. */
export async function launchWithPanel(browser: BrowserName, options: LaunchOptions): Promise<PanelSession> {
  const core = await (browser === 'chromium' ? launchChromium(options) : launchFirefox(options));
  return withConveniences(core);
}

/**
 * Source for `code`: an expression as is, or a call of a self-contained function with JSON args.
 * Defines `__name` (esbuild/oxc keepNames helpers) so a transpiled function runs as is in the panel.
 */
export function panelSource(code: PanelCode, args: unknown[] = []): string {
  if (typeof code === 'string') return code;
  return `(() => { const __name = (f) => f; return (${code.toString()})(...${JSON.stringify(args)}); })()`;
}

function withConveniences(core: CorePanelSession): PanelSession {
  const { panelEval, waitInPanel, ...rest } = core;
  const session: PanelSession = {
    ...rest,
    panelEval: <T>(code: PanelCode, ...args: unknown[]) => panelEval<T>(panelSource(code, args)),
    waitInPanel: <T>(code: PanelCode, options?: Parameters<CorePanelSession['waitInPanel']>[1]) =>
      waitInPanel<T>(panelSource(code), {
        what: typeof code === 'string' ? code : `${code.name || 'function'} truthy in the panel`,
        ...options,
      }),
    waitForPanel: <T>(code: PanelCode, timeoutMs = 10_000, what?: string) =>
      session.waitInPanel<T>(code, { timeoutMs, ...(what ? { what } : {}) }),
    clickInPage: async (selector) => {
      const handle = await core.page.waitForSelector(selector, { timeout: 10_000 }).catch(() => null);
      if (!handle) throw new Error(`clickInPage: no ${selector} in the inspected tab within 10000 ms`);
      await handle.click();
      await handle.dispose();
    },
    submitForm: async (submitSelector, timeoutMs = 15_000) => {
      await Promise.all([
        core.page.waitForNavigation({ waitUntil: 'load', timeout: timeoutMs }).catch((error: Error) => {
          throw new Error(
            `submitForm: no navigation loaded within ${timeoutMs} ms after clicking ${submitSelector} (${error.message})`,
          );
        }),
        session.clickInPage(submitSelector),
      ]);
    },
  };
  return session;
}
