import type { CookieSessionDiff } from '../../../core/decoders/cookie-diff.js';
import { DiffList } from './DiffList.js';

const FORMAT: Record<CookieSessionDiff['format'], string> = {
  flask: 'a Flask session cookie',
  'cookie-session': 'a cookie-session cookie',
  jwt: 'JWT claims',
};

const SOURCE: Record<CookieSessionDiff['afterSource'], string> = {
  'set-cookie': "after: this response's Set-Cookie",
  deleted: 'after: this response deleted the cookie',
  kept: 'after: no Set-Cookie, the browser keeps the cookie it sent',
};

/**
 * Issue #9 (item 5): the Diff of a session stored in the cookie, with no server library; the logic
 * is core/decoders/cookie-diff.ts. Labelled as decoded from the cookie, never passed off as the
 * server's view.
 */
export function CookieDiff({ diff }: { diff: CookieSessionDiff }) {
  return (
    <section data-testid="cookie-diff" data-format={diff.format} data-name={diff.cookieName}>
      <p
        class={`change-badge c-${diff.change}`}
        data-testid="change-badge"
        data-change={diff.change}
        data-source="cookie"
      >
        <strong>{diff.change}</strong> · Decoded from the cookie <code>{diff.cookieName}</code> (
        {FORMAT[diff.format]}), no server library: before is what the request's Cookie carried,{' '}
        {SOURCE[diff.afterSource]}.
      </p>
      <h3>What this request changed (Cookie → Set-Cookie)</h3>
      <DiffList entries={diff.entries} testid="diff-cookie" />
    </section>
  );
}
