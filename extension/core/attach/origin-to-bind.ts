/**
 * The origin a new pairing binds the key id to (issue 11.1: the page the tab shows while pairing).
 * Right after a navigation the answer can be missing for a moment: the page is still loading, or
 * Firefox's toolbox is still switching from about:blank to the new document, so the page answers
 * as about:blank (no origin) and DevTools has not reported the navigation yet. Asking again for a
 * short while binds the page the developer is looking at instead of no origin at all; a page that
 * truly has no http(s) origin still binds none (the KeyScope bar then offers "Send it here too").
 */
export async function originToBind(
  ask: () => Promise<string | null>,
  { tries = 8, waitMs = 250, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) } = {},
): Promise<string | null> {
  for (let i = 0; i < tries; i++) {
    if (i > 0) await sleep(waitMs);
    const origin = await ask();
    if (origin) return origin;
  }
  return null;
}
