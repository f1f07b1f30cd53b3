import { settledOutcome } from '../../../core/cookies/observe.js';
import { parseCookieHeader } from '../../../core/cookies/set-cookie.js';
import type { TimelineInput } from '../../../core/timeline/model.js';
import { analyze } from '../../state/analysis.js';
import { observationsFor } from '../../state/cookie-history.js';
import type { RequestRecord } from '../../state/types.js';

/**
 * The timeline's view of each recorded request. `records` is a window of `all` starting at
 * `from`. A Set-Cookie the browser did not keep (engine verdict, or observed on a later request)
 * draws nothing: the Timeline never shows a cookie alive that the Cookies view calls rejected.
 */
export function timelineInputs(records: readonly RequestRecord[], all: readonly RequestRecord[] = records, from = 0): TimelineInput[] {
  return records.map((record, index) => {
    const analysis = analyze(record, from + index);
    const facts = analysis.setCookies.length > 0 ? observationsFor(all, from + index) : [];
    const kept = analysis.setCookies.filter(
      (c) => settledOutcome(c, facts.find((f) => f.name === c.name && f.value === c.value)) !== 'rejected',
    );
    const tokenExpiries = analysis.decodedCookies.flatMap((d) =>
      d.decoding.ok && 'format' in d.decoding && d.decoding.format === 'jwt' && d.decoding.times.exp
        ? [{ cookieName: d.name, expiresAt: d.decoding.times.exp.epochSeconds * 1000 }]
        : [],
    );
    return {
      index,
      time: record.time,
      setCookies: kept,
      sentCookies: record.cookieHeader ? parseCookieHeader(record.cookieHeader).map((c) => c.name) : [],
      storeTtlMs: record.debug.state === 'decoded' ? record.debug.payload.storeTtlMs : null,
      rolling: record.debug.state === 'decoded' ? (record.debug.payload.cookie?.rolling ?? null) : null,
      sessionCookieName: analysis.sessionCookieName,
      tokenExpiries,
    };
  });
}
