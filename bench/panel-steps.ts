/**
 * What the panel benches share: Debian's Chromium, headless, and a step timer that reports wall
 * time and the renderer main thread's CPU time (CDP thread ticks: on a loaded 2-core machine wall
 * time also counts other processes, CPU time is what the panel itself costs).
 */
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer-core';

export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

/** Main-thread CPU seconds so far (TaskDuration in thread ticks; needs `Performance.enable` with `threadTicks`). */
async function cpuSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;
}

/** Starts the CPU counter the steps read. */
export async function measureCpu(page: Page): Promise<CDPSession> {
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return cdp;
}

/**
 * Runs `body` (page source; it may `await frame()`) in the page, then waits for a frame and a
 * task: what a click costs until it is on screen. Returns wall and CPU ms.
 */
export async function timeStep(
  page: Page,
  cdp: CDPSession,
  body: string,
): Promise<{ wall: number; cpuMs: number }> {
  const before = await cpuSeconds(cdp);
  const wall = (await page.evaluate(`(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const t = performance.now();
    ${body}
    await frame();
    return performance.now() - t;
  })()`)) as number;
  return { wall, cpuMs: ((await cpuSeconds(cdp)) - before) * 1000 };
}
