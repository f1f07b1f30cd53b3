import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer-core';
import { HOSTS } from './server.js';
import type { OracleStored } from '../../extension/core/cookies/oracle-replay.js';

/** One cookie as the browser's own store holds it: the shape the engine's replay compares with. */
export type StoredCookie = OracleStored;

/** A Set-Cookie line Chromium reported as blocked (Network.responseReceivedExtraInfo). */
export interface BlockedCookie {
  line: string;
  reasons: string[];
}

export interface OracleBrowser {
  name: 'chromium' | 'firefox';
  version: string;
  clear(): Promise<void>;
  /** Navigates the tab; a failed navigation (the browser refused the response) is reported, not thrown. */
  goto(url: string): Promise<string | null>;
  cookies(): Promise<StoredCookie[]>;
  /** Blocked lines seen since the last call (Chromium; Firefox reports none this way). */
  takeBlocked(): BlockedCookie[];
  close(): Promise<void>;
}

async function navigate(page: Page, url: string): Promise<string | null> {
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 20_000 });
    return null;
  } catch (error) {
    return (error as Error).message.split('\n')[0] ?? 'navigation failed';
  }
}

export async function launchChromium(
  executablePath = process.env.SESSIONSCOPE_CHROMIUM ?? '/usr/bin/chromium',
): Promise<OracleBrowser> {
  const browser: Browser = await puppeteer.launch({
    executablePath,
    headless: true,
    pipe: true,
    acceptInsecureCerts: true,
    args: [
      '--no-sandbox',
      // Every host name resolves to loopback: the public-looking hosts never leave the machine.
      '--host-resolver-rules=MAP * 127.0.0.1',
      '--ignore-certificate-errors',
      '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  const cdp: CDPSession = await page.createCDPSession();
  const root: CDPSession = await browser.target().createCDPSession();
  await cdp.send('Network.enable');
  let blocked: BlockedCookie[] = [];
  cdp.on(
    'Network.responseReceivedExtraInfo',
    (event: { blockedCookies?: { blockedReasons: string[]; cookieLine: string }[] }) => {
      for (const b of event.blockedCookies ?? [])
        blocked.push({ line: b.cookieLine, reasons: b.blockedReasons });
    },
  );
  return {
    name: 'chromium',
    version: (await browser.version()).replace(/^HeadlessChrome\//, ''),
    clear: async () => {
      await root.send('Storage.clearCookies', {});
      blocked = [];
    },
    goto: (url) => navigate(page, url),
    cookies: async () => {
      const { cookies } = (await root.send('Storage.getCookies', {})) as { cookies: any[] };
      return cookies.map((c) => ({
        name: c.name,
        value: c.value,
        domain: String(c.domain).replace(/^\./, ''),
        hostOnly: !String(c.domain).startsWith('.'),
        path: c.path,
        secure: c.secure,
        httpOnly: c.httpOnly,
        sameSite: c.sameSite ?? null,
        expires: c.session || c.expires < 0 ? null : c.expires,
        partitionKey: c.partitionKey
          ? typeof c.partitionKey === 'string'
            ? c.partitionKey
            : c.partitionKey.topLevelSite
          : null,
        priority: c.priority,
      }));
    },
    takeBlocked: () => {
      const out = blocked;
      blocked = [];
      return out;
    },
    close: () => browser.close(),
  };
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: any }>;
}

export async function launchFirefox(
  executablePath = process.env.SESSIONSCOPE_FIREFOX ?? '/usr/bin/firefox-esr',
): Promise<OracleBrowser> {
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      // Every host name resolves to loopback: the public-looking hosts never leave the machine.
      'network.dns.forceResolve': '127.0.0.1',
      'network.dns.localDomains': Object.values(HOSTS).join(','),
      'network.trr.mode': 5,
      'dom.security.https_first': false,
      'dom.security.https_first_schemeless': false,
      'dom.security.https_only_mode': false,
      'network.proxy.type': 0,
    },
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const chrome = (tree.result.contexts as { context: string; url: string }[]).find(
    (c) => c.url === 'chrome://browser/content/browser.xhtml',
  )?.context;
  if (!chrome) throw new Error('no browser.xhtml context (is --remote-allow-system-access honoured?)');
  // The privileged cookie service (as the e2e harness reaches Firefox internals): all cookies, partitioned ones included.
  const privileged = async <T>(expression: string): Promise<T> => {
    const { result } = await connection.send('script.evaluate', {
      expression,
      target: { context: chrome },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    if (result.type === 'exception')
      throw new Error(`privileged script failed: ${result.exceptionDetails?.text}`);
    return result.result?.value as T;
  };
  const sameSite = ['None', 'Lax', 'Strict'] as const;
  return {
    name: 'firefox',
    version: (await browser.version()).replace(/^firefox\//i, ''),
    clear: async () => {
      await privileged('Services.cookies.removeAll(), true');
    },
    goto: (url) => navigate(page, url),
    cookies: async () => {
      const raw = JSON.parse(
        await privileged<string>(`JSON.stringify(Services.cookies.cookies.map((c) => ({
          name: c.name, value: c.value, host: c.host, path: c.path, secure: c.isSecure, httpOnly: c.isHttpOnly,
          session: c.isSession, expiry: c.expiry, sameSite: c.sameSite, partitionKey: c.originAttributes.partitionKey || null,
        })))`),
      ) as any[];
      // nsICookie.name is a byte string (ACString): the header's UTF-8 bytes, one JS char each (value is UTF-8 already).
      const utf8 = (bytes: string) => Buffer.from(bytes, 'latin1').toString('utf8');
      return raw.map((c) => ({
        name: utf8(c.name),
        value: c.value,
        domain: String(c.host).replace(/^\./, ''),
        hostOnly: !String(c.host).startsWith('.'),
        path: c.path,
        secure: c.secure,
        httpOnly: c.httpOnly,
        // nsICookie: 0 None, 1 Lax, 2 Strict, 256 unset (Firefox ≥ 128 keeps "unset" apart).
        sameSite: sameSite[c.sameSite as number] ?? null,
        // nsICookie.expiry is in ms since Firefox 131, seconds before.
        expires: c.session ? null : c.expiry > 1e11 ? c.expiry / 1000 : c.expiry,
        partitionKey: c.partitionKey,
      }));
    },
    takeBlocked: () => [],
    close: () => browser.close(),
  };
}
