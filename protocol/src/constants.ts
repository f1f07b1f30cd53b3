/**
 * Wire constants of the Sessionscope protocol. Nothing else in the repository
 * spells a header name, a version or a path: import them from here.
 * See PROTOCOL.md for the prose version.
 */

/** Protocol version carried in the response header and in every payload. */
export const PROTOCOL_VERSION = 1;

/** Request header the extension adds while the panel is open: the developer key id, never the key. */
export const KEY_ID_HEADER = 'X-Sessionscope-Kid';

/** Response header carrying `v=1; jwe=<compact JWE>` or `v=1; ref=<id>; url=<path>`. */
export const DEBUG_HEADER = 'X-Sessionscope';

/** Default path prefix of the middleware's own endpoints (by-reference payloads). */
export const DEFAULT_MOUNT_PATH = '/__sessionscope';

/**
 * Largest debug header value sent inline. nginx proxies with a 4 KB
 * `proxy_buffer_size` by default for the *whole* response header block
 * (https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_buffer_size);
 * 3 KB leaves room for the app's own headers. Larger payloads go by reference.
 */
export const DEFAULT_INLINE_LIMIT = 3072;

/** Pairing strings look like `sessionscope1:<43 base64url chars>`. */
export const PAIRING_PREFIX = 'sessionscope1:';

/** JWE protected-header content type of a debug payload. */
export const PAYLOAD_CONTENT_TYPE = 'application/sessionscope+json';

/** Key ids are 16 bytes of SHA-256, base64url: exactly 22 characters. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** By-reference ids are 32 random bytes, base64url: exactly 43 characters. */
export const REF_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;
