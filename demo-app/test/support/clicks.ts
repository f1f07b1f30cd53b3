import { expect, vi } from 'vitest';
import type { Client, Reply } from '../../../server-lib/test/support/http.js';

/** The same clicks, for runs that must come out identical with and without Sessionscope. */
export type Step = [method: 'get' | 'post', path: string, form?: Record<string, string>];

export const STEPS: Step[] = [
  ['get', '/health'],
  ['get', '/'],
  ['get', '/'],
  ['post', '/login-fixation', { username: 'mallory' }],
  ['post', '/login', { username: 'ann' }],
  ['get', '/'],
  ['post', '/flash', { message: 'Saved!' }],
  ['get', '/'],
  ['get', '/health'],
  ['post', '/cart/add', { name: 'Teapot', qty: '1' }],
  ['post', '/cart/add', { name: 'Cup', qty: '3' }],
  ['post', '/cart/remove', { sku: 'teapot' }],
  ['get', '/cart'],
  ['post', '/prefs', { theme: 'dark', language: 'de', email: 'on', sms: 'on' }],
  ['post', '/remember', { remember: 'on' }],
  ['get', '/'],
  ['post', '/remember', { remember: 'off' }],
  ['post', '/wizard/1', { name: 'Ann' }],
  ['post', '/wizard/2', { email: 'ann@example.test' }],
  ['post', '/wizard/3', { plan: 'pro' }],
  ['get', '/wizard/done'],
  ['get', '/wizard/9'],
  ...Array.from({ length: 5 }, (): Step => ['post', '/bloat']),
  ['get', '/'],
  ['post', '/bloat/reset'],
  ['get', '/types'],
  ['get', '/'],
  ['post', '/logout'],
  ['get', '/'],
];

export function counterGenid(): () => string {
  let n = 0;
  return () => `sid-${String(++n).padStart(4, '0')}`;
}

export function comparable(reply: Reply) {
  return {
    status: reply.status,
    setCookie: reply.setCookie,
    location: reply.headers.get('location'),
    body: reply.body,
  };
}

/**
 * Plays STEPS on two clients in lockstep under one fake clock (Date only, so
 * Expires attributes match) and asserts each pair of replies is identical.
 * Returns how many debug replies carried an X-Sessionscope header.
 */
export async function playInLockstep(
  plain: Client,
  debug: Client,
  steps: readonly Step[] = STEPS,
): Promise<number> {
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    let headersSeen = 0;
    for (const [i, [method, path, form]] of steps.entries()) {
      vi.setSystemTime(Date.UTC(2026, 0, 1, 12, 0, i));
      const ra = method === 'get' ? await plain.get(path) : await plain.post(path, form);
      const rb = method === 'get' ? await debug.get(path) : await debug.post(path, form);
      expect(comparable(rb), `step ${i}: ${method.toUpperCase()} ${path}`).toEqual(comparable(ra));
      expect(ra.debugHeader).toBeNull();
      if (rb.debugHeader) headersSeen++;
    }
    return headersSeen;
  } finally {
    vi.useRealTimers();
  }
}
