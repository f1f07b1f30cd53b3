import type { StoredCookie } from '../../../core/ingest/har.js';
import type { SetCookie } from '../../../core/cookies/set-cookie.js';

const flag = (on: boolean) => (on ? '✓' : '✗');

/** Where DevTools' own parse says otherwise than the Set-Cookie header the table reads. */
function differences(s: StoredCookie, c: SetCookie | undefined): string[] {
  if (!c) return [];
  const out: string[] = [];
  if (s.httpOnly !== null && c.httpOnly !== null && s.httpOnly !== c.httpOnly)
    out.push(`HttpOnly ${flag(c.httpOnly)}`);
  if (s.secure !== null && c.secure !== null && s.secure !== c.secure) out.push(`Secure ${flag(c.secure)}`);
  if (s.sameSite !== null && (c.sameSite ?? '').toLowerCase() !== s.sameSite.toLowerCase())
    out.push(`SameSite ${c.sameSite ?? '(default)'}`);
  return out;
}

/**
 * What DevTools itself parsed from the response's cookies (HAR `response.cookies`). Chromium
 * reports each cookie's flags; Firefox only names and values, so the panel says so instead of
 * printing unknown flags as "?" or an absent SameSite as "(none)" under a table that reads them
 * from the header. Only what DevTools reported is shown; a disagreement with the header is named.
 */
export function StoredCookies({
  stored,
  setCookies,
}: {
  stored: readonly StoredCookie[];
  setCookies: readonly SetCookie[];
}) {
  if (stored.length === 0) return null;
  const flagsReported = stored.some(
    (s) => s.httpOnly !== null || s.secure !== null || s.sameSite !== null || s.expires !== null,
  );
  return (
    <>
      <h3>What DevTools parsed from this response</h3>
      {!flagsReported ? (
        <p class="muted" data-testid="stored-cookies" data-flags="none">
          DevTools reports only the names of the cookies it parsed (
          {stored.map((s, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <code>{s.name}</code>
            </>
          ))}
          ), not their flags: the table above reads the flags from the Set-Cookie headers.
        </p>
      ) : (
        <ul data-testid="stored-cookies" data-flags="reported">
          {stored.map((s) => {
            const header = [...setCookies].reverse().find((c) => c.name === s.name);
            const diff = differences(s, header);
            const parts = [
              s.httpOnly === null ? null : `HttpOnly ${flag(s.httpOnly)}`,
              s.secure === null ? null : `Secure ${flag(s.secure)}`,
              // DevTools omits sameSite when the header set none: the browser's default applies.
              `SameSite ${s.sameSite ?? '(default)'}`,
              `expires ${s.expires ?? 'at end of browser session'}`,
            ].filter((p): p is string => p !== null);
            return (
              <li data-testid="stored-cookie" data-name={s.name} data-agrees={String(diff.length === 0)}>
                <code>{s.name}</code> {parts.join(' · ')}
                {diff.length > 0 ? (
                  <span class="finding sev-warning"> the Set-Cookie header says {diff.join(', ')}</span>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
