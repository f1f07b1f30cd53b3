import {
  formatInlineHeader,
  formatRefHeader,
  type DebugPayload,
  type PayloadError,
} from '../../protocol/src/index.js';
import type { Sealer } from './sealer.js';
import type { PayloadStore } from './payload-store.js';
import { newRefId } from './payload-store.js';

export interface HeaderContext {
  sealer: Sealer;
  kid: string;
  inlineLimit: number;
  store: PayloadStore;
  /** The by-reference url for an id (mount point captured at request entry). */
  refUrl(id: string): string;
  log(message: string): void;
}

/** Longest request url kept in a degraded payload: it must fit inline whatever the app's urls. */
const DEGRADED_URL_CHARS = 256;

/**
 * The X-Sessionscope header value for a payload. Its size never depends on the
 * session's: inline up to `inlineLimit` bytes, otherwise the fixed-size ref form.
 * When the by-reference store refuses the entry (down, or the entry is larger
 * than it accepts), the developer still gets an inline payload that says so,
 * without the session values; if even that does not fit, no header at all.
 */
export async function debugHeaderValue(
  payload: DebugPayload,
  ctx: HeaderContext,
): Promise<string | undefined> {
  const jwe = await ctx.sealer.seal(JSON.stringify(payload));
  // JWE is ASCII: string length = bytes.
  const inline = formatInlineHeader(jwe);
  if (inline.length <= ctx.inlineLimit) return inline;
  const id = newRefId();
  try {
    await ctx.store.put(id, ctx.kid, jwe);
    return formatRefHeader(id, ctx.refUrl(id));
  } catch (error) {
    ctx.log(`by-reference store refused a ${jwe.length}-byte payload: ${String(error)}`);
    return await degradedHeader(payload, storeError(error, jwe.length), ctx);
  }
}

/** ERR_PAYLOAD_TOO_LARGE for an entry over the store's bound, ERR_STORE_UNAVAILABLE for anything else. */
export function storeError(error: unknown, bytes: number): PayloadError {
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError) {
    return {
      code: 'ERR_PAYLOAD_TOO_LARGE',
      message: `This payload (${bytes} bytes sealed) is larger than the by-reference store accepts (${reason}); the session values are left out. Lower the limits option or raise the store's bound.`,
    };
  }
  return {
    code: 'ERR_STORE_UNAVAILABLE',
    message: `The by-reference payload store is unavailable (${reason}); this request's session values are left out. They come back when the store does.`,
  };
}

async function degradedHeader(payload: DebugPayload, error: PayloadError, ctx: HeaderContext): Promise<string | undefined> {
  const withoutValues: DebugPayload = {
    ...payload,
    session: { ...payload.session, before: null, after: null },
    truncated: true,
    errors: [...payload.errors, error],
  };
  // Smaller still: drop what can be long (Set-Cookie lines, the url, the cookie options).
  const minimal: DebugPayload = {
    ...withoutValues,
    request: {
      method: payload.request.method.slice(0, 16),
      url: payload.request.url.slice(0, DEGRADED_URL_CHARS),
    },
    response: { status: payload.response.status, setCookie: [] },
    cookie: null,
    redacted: [],
    errors: [...payload.errors.slice(0, 4), error].map((e) => ({
      code: e.code,
      message: e.message.slice(0, 400),
    })),
  };
  for (const candidate of [withoutValues, minimal]) {
    const inline = formatInlineHeader(await ctx.sealer.seal(JSON.stringify(candidate)));
    if (inline.length <= ctx.inlineLimit) return inline;
  }
  ctx.log(
    `even the error payload exceeds inlineLimit (${ctx.inlineLimit} bytes): response sent without a debug header`,
  );
  return undefined;
}
