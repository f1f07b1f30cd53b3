import { expect, test } from 'vitest';
import fc from 'fast-check';
import { fireEvent } from '@testing-library/preact';
import { encodeTyped } from '../../../protocol/src/typed-value.js';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import { TABS } from '../app/Detail.js';
import { renderPanel } from './panel-harness.js';

/** Session values as a hostile or careless app might store them. */
const hostileValue = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '\u202e\u0000\ud800', '"><svg onload=alert(1)>'),
    fc.double(),
    fc.bigInt(),
    fc.date({ noInvalidDate: false }),
    fc.constant(undefined),
  ),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 5 }), fc.dictionary(fc.string({ maxLength: 12 }), tie('node'), { maxKeys: 5 })),
})).node;

test('any session value, any Set-Cookie: every view renders, inert, without throwing', () => {
  fc.assert(
    fc.property(hostileValue, hostileValue, fc.array(fc.string({ maxLength: 80 }), { maxLength: 3 }), (before, after, setCookies) => {
      const payload = samplePayload({
        session: { before: encodeTyped({ v: before }).value, after: encodeTyped({ v: after }).value, idBefore: 'a', idAfter: 'a', change: 'modified' },
        response: { status: 200, setCookie: setCookies },
      });
      const { container, unmount } = renderPanel([
        { url: 'http://localhost:3000/', method: 'GET', status: 200, time: 1, debugHeader: 'v=1; jwe=x', setCookies, cookieHeader: null, storedCookies: [], debug: { state: 'decoded', payload } },
      ]);
      fireEvent.click(container.querySelector('[data-testid=request-row]')!);
      for (const tab of TABS) fireEvent.click(container.querySelector(`[data-testid=tab-${tab.id}]`)!);
      expect(container.querySelector('script, img, svg[onload], iframe')).toBeNull();
      unmount();
    }),
    { numRuns: 80 },
  );
}, 90_000);
