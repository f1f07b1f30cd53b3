import type { BrowserName, LaunchOptions, PanelSession } from './types.js';
import { launchChromium } from './chromium.js';
import { launchFirefox } from './firefox.js';

export type { BrowserName, LaunchOptions, PanelSession, WaitOptions, Timings } from './types.js';
export { writeFixtureExtension } from './fixture-extension.js';
export { pollUntil } from './wait.js';

/** One interface for both browsers: the inspected tab + the Sessions panel in the real DevTools. */
export function launchWithPanel(browser: BrowserName, options: LaunchOptions): Promise<PanelSession> {
  return browser === 'chromium' ? launchChromium(options) : launchFirefox(options);
}
