import {
  formatInlineHeader,
  formatRefHeader,
  type DebugPayload,
  type PayloadError,
} from '../../protocol/src/index.js';
import type { Seal } from './seal.js';
import { payloadText, type SessionTexts } from './payload-text.js';
import { newRefId, type PayloadStore } from './payload-store.js';

export interface HeaderContext {
  seal: Seal;
  inlineLimit: number;
  store: PayloadStore;
  /** The by-reference url for an id (mount point captured at request entry). */
  refUrl(id: string): string;
  log(message: string): void;
}

/** The header value, and the entry to store once the headers are out (by reference). */
export interface HeaderPlan {
  value: string;
  entry?: { id: string; jwe: string };
}

/** Longest request url kept in a degraded payload: it must fit inline whatever the app's urls. */
const DEGRADED_URL_CHARS = 256;

/**
 * The X-Sessionscope header value for a payload, synchronously. Its size never depends
 * on the session's: inline up to `inlineLimit` bytes, otherwise the fixed-size reference
 * form, whose id is minted now and whose entry the caller stores after the headers are
 * out. When the store says at once that it cannot take the entry (down, or too large),
 * the developer gets an inline payload that says so, without the session values; if even
 * that does not fit, no header at all.
 */
export function debugHeader(
  payload: DebugPayload,
  ctx: HeaderContext,
  sides?: SessionTexts,
): HeaderPlan | undefined {
  const jwe = ctx.seal(payloadText(payload, sides));
  // JWE is ASCII: string length = bytes.
  const inline = formatInlineHeader(jwe);
  if (inline.length <= ctx.inlineLimit) return { value: inline };
  let refused: Error | undefined;
  try {
    refused = ctx.store.refuse?.(jwe.length);
  } catch (error) {
    refused = error instanceof Error ? error : new Error(String(error));
  }
  if (refused) {
    ctx.log(`by-reference store refused a ${jwe.length}-byte payload: ${refused.message}`);
    return inlineDegraded(payload, storeError(refused, jwe.length), ctx);
  }
  const id = newRefId();
  return { value: formatRefHeader(id, ctx.refUrl(id)), entry: { id, jwe } };
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

/** The payload without the session values, saying why. */
export function withoutValues(payload: DebugPayload, error: PayloadError): DebugPayload {
  return {
    ...payload,
    session: { ...payload.session, before: null, after: null },
    truncated: true,
    errors: [...payload.errors, error],
  };
}

function inlineDegraded(
  payload: DebugPayload,
  error: PayloadError,
  ctx: HeaderContext,
): HeaderPlan | undefined {
  const degraded = withoutValues(payload, error);
  // Smaller still: drop what can be long (Set-Cookie lines, the url, the cookie options).
  const minimal: DebugPayload = {
    ...degraded,
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
  for (const candidate of [degraded, minimal]) {
    const inline = formatInlineHeader(ctx.seal(JSON.stringify(candidate)));
    if (inline.length <= ctx.inlineLimit) return { value: inline };
  }
  ctx.log(
    `even the error payload exceeds inlineLimit (${ctx.inlineLimit} bytes): response sent without a debug header`,
  );
  return undefined;
}
