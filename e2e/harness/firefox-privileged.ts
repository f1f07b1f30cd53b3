/* eslint-disable */
// Code that runs INSIDE Firefox, not in Node: serialized with Function.prototype.toString and
// evaluated over WebDriver BiDi in the privileged browser.xhtml context (needs
// --remote-allow-system-access), or loaded as a frame script into the panel's <browser>.
// Everything here touches Firefox internals (gDevTools, toolbox.getAdditionalTools,
// WebExtensionPolicy…extension.views, message managers, drawSnapshot): pinned to Firefox ESR 153.

declare const ChromeUtils: any;
declare const gBrowser: any;
declare const WebExtensionPolicy: any;
declare const addMessageListener: any;
declare const sendAsyncMessage: any;
declare const content: any;
declare const Cu: any;

/** Frame script (panel's content process): evaluates expressions in a sandbox over the panel window. */
export function panelFrameScript(): void {
  addMessageListener('sessionscope-e2e:eval', (msg: any) => {
    const { id, expr } = msg.data as { id: number; expr: string };
    Promise.resolve()
      .then(() => {
        // wantXrays:false → the expression sees the panel's own objects (clicks reach Preact's handlers).
        // content.eval is refused by the extension CSP; a sandbox is not subject to it.
        const sandbox = Cu.Sandbox(content, {
          sandboxPrototype: content,
          wantXrays: false,
          sandboxName: 'sessionscope-e2e',
        });
        return Cu.evalInSandbox(expr, sandbox);
      })
      .then(
        (value: unknown) =>
          sendAsyncMessage('sessionscope-e2e:result', { id, ok: true, value: String(value) }),
        (error: any) =>
          sendAsyncMessage('sessionscope-e2e:result', {
            id,
            ok: false,
            value: String((error && error.message) || error),
          }),
      );
  });
}

/** Runs in browser.xhtml: opens the toolbox on the selected tab, selects the panel, installs helpers on window. */
export async function openPanel(args: {
  extensionId: string;
  title: string;
  timeoutMs: number;
  frameScriptUrl: string;
}): Promise<string> {
  const w = globalThis as any;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const deadline = Date.now() + args.timeoutMs;
  const until = async <T>(probe: () => T, what: string): Promise<NonNullable<T>> => {
    for (;;) {
      const v = probe();
      if (v) return v as NonNullable<T>;
      if (Date.now() > deadline) throw new Error(`Timed out after ${args.timeoutMs} ms waiting for ${what}`);
      await sleep(50);
    }
  };
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');
  const toolbox = await gDevTools.showToolboxForTab(gBrowser.selectedTab, { hostType: 'bottom' });
  const tool = await until(
    () => toolbox.getAdditionalTools().find((t: any) => t.label === args.title),
    `the toolbox tool labelled "${args.title}" (devtools page ran panels.create)`,
  );
  await toolbox.selectTool(tool.id);
  const policy = await until(
    () => WebExtensionPolicy.getByID(args.extensionId),
    `extension ${args.extensionId}`,
  );
  const panelBrowser = () => {
    for (const v of policy.extension.views)
      if (v.viewType === 'devtools_panel' && v.xulBrowser) return v.xulBrowser;
    return null;
  };
  await until(panelBrowser, 'the devtools_panel view of the extension');
  let loadedInto: any = null;
  let seq = 0;
  const helpers = {
    toolbox,
    toolId: tool.id,
    evalInPanel(expr: string, timeoutMs = 10_000): Promise<string> {
      const browser = panelBrowser();
      if (!browser) return Promise.reject(new Error('the Sessions panel has no <browser> (view gone)'));
      const mm = browser.messageManager;
      if (loadedInto !== browser) {
        mm.loadFrameScript(args.frameScriptUrl, true);
        loadedInto = browser;
      }
      const id = ++seq;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          mm.removeMessageListener('sessionscope-e2e:result', listener);
          reject(new Error(`no answer from the panel frame script within ${timeoutMs} ms`));
        }, timeoutMs);
        const listener = {
          receiveMessage(m: any) {
            if (m.data.id !== id) return;
            clearTimeout(timer);
            mm.removeMessageListener('sessionscope-e2e:result', listener);
            if (m.data.ok) resolve(m.data.value);
            else reject(new Error(m.data.value));
          },
        };
        mm.addMessageListener('sessionscope-e2e:result', listener);
        mm.sendAsyncMessage('sessionscope-e2e:eval', { id, expr });
      });
    },
    /** PNG data URL of the whole browser window (page + docked toolbox + panel), composited by Firefox. */
    async snapshot(): Promise<string> {
      const bitmap = await w.browsingContext.currentWindowGlobal.drawSnapshot(null, 1, 'white');
      const canvas = w.document.createElementNS('http://www.w3.org/1999/xhtml', 'canvas');
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      canvas.getContext('2d').drawImage(bitmap, 0, 0);
      return canvas.toDataURL('image/png');
    },
  };
  w.__sessionscopeE2E = helpers;
  return tool.id;
}
