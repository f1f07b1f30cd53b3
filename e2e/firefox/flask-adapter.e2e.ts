import { test } from 'vitest';
import { flaskAdapterCookie, flaskAdapterServerSide } from '../scenarios/flask-adapter.js';

test('firefox: Flask demo with the adapter, signed cookies: rows, Diff, readable secret, permanent session, size warnings', async () => {
  const timings = await flaskAdapterCookie('firefox');
  console.log('firefox flask-adapter (cookie) timings (ms):', JSON.stringify(timings));
});

test('firefox: Flask demo with the adapter, Flask-Session in Redis: regenerated login, fixation finding, store TTL', async () => {
  const timings = await flaskAdapterServerSide('firefox');
  console.log('firefox flask-adapter (redis) timings (ms):', JSON.stringify(timings));
});
