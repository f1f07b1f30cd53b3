import { expect, test } from 'vitest';
import { sessionLanes } from './sessions.js';

test('one lane per id: new, kept, regenerated into another, destroyed', () => {
  const lanes = sessionLanes([
    { index: 0, time: 10, idBefore: null, idAfter: 'a' },
    { index: 1, time: 20, idBefore: 'a', idAfter: 'a' },
    { index: 2, time: 30, idBefore: 'a', idAfter: 'b' },
    { index: 3, time: 40, idBefore: 'b', idAfter: 'b' },
    { index: 4, time: 50, idBefore: 'b', idAfter: null },
    { index: 5, time: 60, idBefore: null, idAfter: null },
  ]);
  expect(lanes.map((l) => [l.id, l.from, l.to, l.began, l.ended, l.requests.map((r) => r.index)])).toEqual([
    ['a', 10, 30, 'new', 'regenerated', [0, 1, 2]],
    ['b', 30, 50, 'regenerated', 'destroyed', [2, 3, 4]],
  ]);
});

test('an id first seen mid-way (the log started later) began "seen" and stays open', () => {
  const [lane] = sessionLanes([{ index: 0, time: 5, idBefore: 'x', idAfter: 'x' }]);
  expect(lane).toMatchObject({ id: 'x', began: 'seen', ended: 'open' });
});
