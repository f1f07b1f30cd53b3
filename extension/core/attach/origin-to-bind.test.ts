import { expect, test } from 'vitest';
import { originToBind } from './origin-to-bind.js';

const fake = (answers: (string | null)[]) => {
  let asked = 0;
  const slept: number[] = [];
  return {
    ask: async () => answers[Math.min(asked++, answers.length - 1)] ?? null,
    sleep: async (ms: number) => void slept.push(ms),
    asked: () => asked,
    slept,
  };
};

test('a page that answers at once binds at once, without waiting', async () => {
  const f = fake(['http://127.0.0.1:3000']);
  expect(await originToBind(f.ask, { sleep: f.sleep })).toBe('http://127.0.0.1:3000');
  expect([f.asked(), f.slept]).toEqual([1, []]);
});

test('a page still switching from about:blank is asked again until it answers', async () => {
  const f = fake([null, null, 'http://127.0.0.1:3000']);
  expect(await originToBind(f.ask, { sleep: f.sleep, waitMs: 250 })).toBe('http://127.0.0.1:3000');
  expect([f.asked(), f.slept]).toEqual([3, [250, 250]]);
});

test('a tab with no http(s) origin binds none after the last try', async () => {
  const f = fake([null]);
  expect(await originToBind(f.ask, { sleep: f.sleep, tries: 4 })).toBeNull();
  expect(f.asked()).toBe(4);
});
