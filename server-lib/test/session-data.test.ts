import { expect, test } from 'vitest';
import { plainCopy, sideOf } from '../src/session-data.js';

test('a session key named __proto__ stays a key in the snapshot, and the rest of the session with it', () => {
  const session = JSON.parse('{"__proto__":{"isAdmin":true},"views":2,"cookie":{"path":"/"}}') as object;
  const copy = plainCopy(session, 'cookie');
  expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  expect(Object.keys(copy)).toEqual(['__proto__', 'views']);
  const side = sideOf(session, 'id', { redact: () => false, limits: {} });
  expect(JSON.stringify(side.data)).toBe('{"__proto__":{"isAdmin":true},"views":2}');
  expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined();
});
