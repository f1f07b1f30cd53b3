import { expect, test } from 'vitest';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import { createFindingIndex } from './finding-index.js';
import type { RequestRecord } from './types.js';

const plain = (id: number): RequestRecord => ({
  id,
  key: id,
  url: `http://a.test/${id}`,
  method: 'GET',
  status: 200,
  time: id,
  debugHeader: null,
  setCookies: [],
  cookieHeader: null,
  storedCookies: [],
  debug: { state: 'plain' },
});

const fixation = (record: RequestRecord): RequestRecord => ({
  ...record,
  debug: {
    state: 'decoded',
    payload: samplePayload({
      session: {
        before: { views: 1 },
        after: { views: 1, user: 'ann' },
        idBefore: 'x',
        idAfter: 'x',
        change: 'modified',
      },
    }),
  },
});

test('a late decode in the middle of the list is indexed (the rows after it unchanged)', () => {
  const index = createFindingIndex();
  const records = [plain(1), plain(2), plain(3), plain(4)];
  index.update(records);
  expect(index.groups()).toEqual([]);
  const decoded = [records[0]!, fixation(records[1]!), records[2]!, records[3]!];
  index.update(decoded);
  expect(index.groups().map((g) => [g.finding.key.split(':')[1], g.positions])).toEqual([
    ['session-fixation', [1]],
  ]);
  expect(index.freshAt(1)).toHaveLength(1);
});

test('a finding repeated on later requests is one group; slices resume where they stopped', () => {
  const index = createFindingIndex();
  const secret = (r: RequestRecord): RequestRecord => ({
    ...r,
    debug: {
      state: 'decoded',
      payload: samplePayload({
        middleware: { kind: 'cookie-session', store: null },
        redacted: ['$.csrf'],
        session: {
          before: { csrf: 'a' },
          after: { csrf: 'a' },
          idBefore: null,
          idAfter: null,
          change: 'unchanged',
        },
      }),
    },
  });
  const records = Array.from({ length: 200 }, (_, i) => secret(plain(i + 1)));
  expect(index.update(records, performance.now() - 1)).toBe(false);
  while (!index.update(records)) {
    /* keep reading */
  }
  const groups = index.groups();
  expect(groups).toHaveLength(1);
  expect(groups[0]!.positions).toHaveLength(200);
  expect(index.freshAt(0)).toHaveLength(1);
  expect(index.freshAt(5)).toHaveLength(0);
});
