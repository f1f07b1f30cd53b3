import type { Page } from 'puppeteer-core';

export type BrowserName = 'chromium' | 'firefox';

export interface LaunchOptions {
  /** Unpacked extension directory (dist/chrome or dist/firefox, or a fixture). */
  extensionDir: string;
  /** Title given to devtools.panels.create (default "Sessions"). */
  panelTitle?: string;
  /** Panel page path inside the extension (default "extension/panel/index.html"). */
  panelPath?: string;
  /** Expression, evaluated in the panel document, that is truthy once the panel is usable. */
  readyExpression?: string;
  /**
   * Chromium only: where DevTools docks. 'bottom' (default) shares the 1400×900 window with the
   * page; 'undocked' gives DevTools the whole window (taller panel, more rows rendered, bigger screenshot).
   */
  dock?: 'bottom' | 'undocked';
  /** Budget for launch → usable panel (default 30 s; the target is < 10 s). */
  timeoutMs?: number;
  /**
   * Host names the browser resolves to 127.0.0.1 (Chromium `--host-resolver-rules`, Firefox
   * `network.dns.localDomains`), so a test can give loopback servers public-looking names.
   */
  hostAliases?: readonly string[];
}

export interface WaitOptions {
  timeoutMs?: number;
  /** Named in the timeout error: what was awaited. */
  what?: string;
  intervalMs?: number;
}

export interface Timings {
  /** ms from launch() to the browser being connected. */
  browserUp: number;
  /** ms from launch() to the panel selected in DevTools. */
  panelShown: number;
  /** ms from launch() to readyExpression truthy in the panel. */
  panelUsable: number;
}

/** What each browser module returns; `launchWithPanel` adds the conveniences of {@link PanelSession}. */
export interface CorePanelSession {
  browserName: BrowserName;
  extensionId: string;
  /** The inspected tab (click, submit forms, read responses). */
  page: Page;
  timings: Timings;
  gotoInInspectedTab(url: string): Promise<void>;
  /** Evaluates `expression` (may be a Promise) in the panel document; the result goes through JSON. */
  panelEval<T = unknown>(expression: string): Promise<T>;
  /** Polls `expression` in the panel until truthy; returns its (JSON) value. */
  waitInPanel<T = unknown>(expression: string, options?: WaitOptions): Promise<T>;
  /** Sets the value of an input/textarea and dispatches input + change. */
  typeInPanel(selector: string, text: string): Promise<void>;
  clickInPanel(selector: string): Promise<void>;
  /** PNG of what shows the panel (Chromium: the docked DevTools window; Firefox: the browser window with the toolbox). */
  screenshot(pngPath: string): Promise<void>;
  /** Closes DevTools for the inspected tab (the panel goes away; the browser and tab stay). */
  closeDevTools(): Promise<void>;
  /** Opens DevTools again on the same tab and selects the panel (after `closeDevTools`). */
  reopenDevTools(): Promise<void>;
  /** Switches DevTools' own theme, as its settings do; the panel is expected to follow live. */
  setDevToolsTheme(theme: 'light' | 'dark'): Promise<void>;
  /**
   * Gives the panel the room of a docked DevTools: `bottom` 1400×450, `right` 500×900.
   * Chromium: the undocked DevTools window is resized to that size (what a docked DevTools of that
   * size shows); Firefox: the toolbox is docked there with that height or width.
   */
  dockAs(layout: DockLayout): Promise<void>;
  close(): Promise<void>;
}

export type DockLayout = 'bottom' | 'right';

export const DOCK_SIZES: Record<DockLayout, { width: number; height: number }> = {
  bottom: { width: 1400, height: 450 },
  right: { width: 500, height: 900 },
};

/** Source evaluated in the panel document, or a function serialized into it (no closures: pass `args`). */
export type PanelCode = string | ((...args: any[]) => unknown);

export interface PanelSession extends Omit<CorePanelSession, 'panelEval' | 'waitInPanel'> {
  /**
   * Evaluates an expression, or calls a self-contained function with JSON `args`, in the panel
   * document (may return a Promise); the result goes through JSON.
   */
  panelEval<T = unknown>(code: PanelCode, ...args: unknown[]): Promise<T>;
  /** Polls an expression (or function) in the panel until truthy; returns its (JSON) value. */
  waitInPanel<T = unknown>(code: PanelCode, options?: WaitOptions): Promise<T>;
  /** `waitInPanel` with a plain timeout: the name the e2e brief uses. */
  waitForPanel<T = unknown>(code: PanelCode, timeoutMs?: number, what?: string): Promise<T>;
  /** Clicks `selector` in the inspected tab (waits for it to be there). */
  clickInPage(selector: string): Promise<void>;
  /**
   * Clicks `submitSelector` in the inspected tab and resolves once the resulting navigation
   * (redirects followed) has loaded.
   */
  submitForm(submitSelector: string, timeoutMs?: number): Promise<void>;
}

export const DEFAULTS = {
  panelTitle: 'Sessions',
  panelPath: 'extension/panel/index.html',
  readyExpression:
    "document.readyState === 'complete' && !!document.body && document.body.childElementCount > 0",
  timeoutMs: 30_000,
};
