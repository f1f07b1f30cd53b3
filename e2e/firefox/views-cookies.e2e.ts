import { test } from 'vitest';
import { viewsCookies } from '../scenarios/views-cookies.js';

test('firefox: Cookies view, connect.sid HttpOnly SameSite=Lax, expiry kind, decoded as express-session', async () => {
  const timings = await viewsCookies('firefox');
  console.log('firefox views-cookies timings (ms):', JSON.stringify(timings));
});
