import { parseCookieHeader } from '../../../core/cookies/set-cookie.js';
import type { TimelineInput } from '../../../core/timeline/model.js';
import { analyze } from '../../state/analysis.js';
import type { RequestRecord } from '../../state/types.js';

/** The timeline's view of each recorded request. */
export function timelineInputs(records: readonly RequestRecord[]): TimelineInput[] {
  return records.map((record, index) => {
    const analysis = analyze(record, index);
    const tokenExpiries = analysis.decodedCookies.flatMap((d) =>
      d.decoding.ok && 'format' in d.decoding && d.decoding.format === 'jwt' && d.decoding.times.exp
        ? [{ cookieName: d.name, expiresAt: d.decoding.times.exp.epochSeconds * 1000 }]
        : [],
    );
    return {
      index,
      time: record.time,
      setCookies: analysis.setCookies,
      sentCookies: record.cookieHeader ? parseCookieHeader(record.cookieHeader).map((c) => c.name) : [],
      storeTtlMs: record.debug.state === 'decoded' ? record.debug.payload.storeTtlMs : null,
      sessionCookieName: analysis.sessionCookieName,
      tokenExpiries,
    };
  });
}
