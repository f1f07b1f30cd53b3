import type { WaitOptions } from './types.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a truthy value; the timeout error names what was awaited and the last value/error seen. */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  { timeoutMs = 10_000, what = 'condition', intervalMs = 100 }: WaitOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (last) return last as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError
        ? `last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`
        : `last value: ${JSON.stringify(last)}`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (${detail})`);
    }
    await sleep(intervalMs);
  }
}

/** Rejects with a message naming `what` if `promise` takes longer than `timeoutMs`. */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Wraps an expression so that it is awaited and JSON-stringified in the page (undefined → null). */
export function jsonWrapped(expression: string): string {
  return `(async () => { const v = await (${expression}); return JSON.stringify(v === undefined ? null : v); })()`;
}

/**
 * panelEval and waitInPanel over a browser's way of evaluating a jsonWrapped expression in the
 * panel (it returns the JSON string).
 */
export function panelEvaluators(evalWrapped: (wrapped: string) => Promise<string>) {
  const panelEval = async <T>(expression: string): Promise<T> =>
    JSON.parse(await evalWrapped(jsonWrapped(expression))) as T;
  const waitInPanel = <T>(
    expression: string,
    o: { timeoutMs?: number; what?: string; intervalMs?: number } = {},
  ) => pollUntil(() => panelEval<T>(expression), { what: expression, ...o });
  return { panelEval, waitInPanel };
}

export function panelHelpers(panelEval: (expression: string) => Promise<unknown>) {
  const enabled = (selector: string) =>
    pollUntil(
      () =>
        panelEval(
          `(() => { const el = document.querySelector(${JSON.stringify(selector)}); return !!el && !el.disabled; })()`,
        ),
      {
        timeoutMs: 5_000,
        what: `an enabled ${selector} in the panel`,
      },
    );
  return {
    typeInPanel: async (selector: string, text: string) => {
      await enabled(selector);
      const ok = await panelEval(`(() => {
        const el = document.querySelector(${JSON.stringify(selector)});
        if (!el) return false;
        el.focus();
        const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, ${JSON.stringify(text)});
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      })()`);
      if (!ok) throw new Error(`typeInPanel: no element matches ${selector}`);
    },
    clickInPanel: async (selector: string) => {
      await enabled(selector);
      const ok = await panelEval(`(() => {
        const el = document.querySelector(${JSON.stringify(selector)});
        if (!el) return false;
        el.scrollIntoView({ block: 'nearest' });
        el.click();
        return true;
      })()`);
      if (!ok) throw new Error(`clickInPanel: no element matches ${selector}`);
    },
  };
}
