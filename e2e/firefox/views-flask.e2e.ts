import { afterAll, beforeAll, test } from 'vitest';
import { startFlask, viewsFlask, type FlaskApp } from '../scenarios/views-flask.js';

let flask: FlaskApp | undefined;
beforeAll(async () => {
  flask = await startFlask();
});
afterAll(async () => {
  await flask?.stop();
});

test('firefox: Flask app without server-lib, session decoded from the cookie (Session, Cookies, Size views)', async () => {
  const timings = await viewsFlask('firefox', flask!);
  console.log('firefox views-flask timings (ms):', JSON.stringify(timings));
});
