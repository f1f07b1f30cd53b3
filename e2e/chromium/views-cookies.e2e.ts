import { test } from 'vitest';
import { viewsCookies } from '../scenarios/views-cookies.js';

test('chromium: Cookies view, connect.sid HttpOnly SameSite=Lax, expiry kind, decoded as express-session', async () => {
  const timings = await viewsCookies('chromium');
  console.log('chromium views-cookies timings (ms):', JSON.stringify(timings));
});
