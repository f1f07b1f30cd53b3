import { pollUntil, type BrowserName, type PanelSession } from '../harness/index.js';
import { SCREENSHOTS, rows, selectRow, type Row } from './common.js';

export const screenshotPath = (view: string, browser: BrowserName) =>
  `${SCREENSHOTS}/e2e-${view}-${browser}.png`;

/** `#12 POST http://… → 303` of the detail pane: the selected record's id. */
export async function selectedRecordId(panel: PanelSession): Promise<number> {
  const text = await panel.waitInPanel<string>(
    `document.querySelector('[data-testid=detail-title]')?.textContent ?? ''`,
    {
      timeoutMs: 5_000,
      what: 'the detail title of the selected request',
    },
  );
  const id = Number(/^#(\d+)/.exec(text.trim())?.[1]);
  if (!Number.isInteger(id)) throw new Error(`no record id in the detail title "${text}"`);
  return id;
}

/**
 * Waits for a row METHOD url newer than `afterId` (record ids only grow) that `ok` accepts,
 * selects it and returns its id. The list is virtualized: the newest rows are at the end,
 * which the ROWS expression scrolls to.
 */
export async function selectNewRow(
  panel: PanelSession,
  method: string,
  url: string,
  afterId: number,
  ok: (r: Row) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<number> {
  let seen: Row[] = [];
  let lastId = -1;
  try {
    return await pollUntil(
      async () => {
        seen = await rows(panel);
        const last = seen.filter((r) => r.method === method && r.url === url).at(-1);
        if (!last || !ok(last)) return null;
        await selectRow(panel, method, url);
        lastId = await selectedRecordId(panel);
        return lastId > afterId ? lastId : null;
      },
      { timeoutMs, what },
    );
  } catch (error) {
    throw new Error(
      `${(error as Error).message} (last selected id ${lastId}, wanted > ${afterId})\nrows in the panel:\n${seen
        .map((r) => `  ${r.method} ${r.url} ${r.status} ${r.state} ${r.change}`)
        .join('\n')}`,
    );
  }
}

/** Clicks a detail tab and waits for its view container. */
export async function openTab(panel: PanelSession, tab: string): Promise<void> {
  await panel.clickInPanel(`[data-testid=tab-${tab}]`);
  await panel.waitInPanel(`!!document.querySelector('[data-testid=view-${tab}]')`, {
    timeoutMs: 5_000,
    what: `view-${tab}`,
  });
}

export const notPending = (r: Row) => r.state !== 'pending';
export const decoded = (r: Row) => r.state === 'decoded';
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Waits until `n` rows METHOD url are rendered, all accepted by `ok`. Only for short lists
 * (the virtualized list renders the rows in view plus 12 either side, scrolled to the end).
 */
export async function waitForCount(
  panel: PanelSession,
  method: string,
  url: string,
  n: number,
  ok: (r: Row) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  let seen: Row[] = [];
  try {
    await pollUntil(
      async () => {
        seen = await rows(panel);
        const matching = seen.filter((r) => r.method === method && r.url === url);
        return matching.length === n && matching.every(ok);
      },
      { timeoutMs, what },
    );
  } catch (error) {
    throw new Error(
      `${(error as Error).message}\nrows in the panel:\n${seen.map((r) => `  ${r.method} ${r.url} ${r.status} ${r.state} ${r.change}`).join('\n')}`,
    );
  }
}
