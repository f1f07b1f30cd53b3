import { connect } from 'node:net';

/**
 * Raw HTTP/1.1 on a socket, byte for byte, for the wire-equivalence tests: what a client
 * really receives (status line, header names with their case and order, framing, body)
 * and how the connection ended.
 */
export interface Wire {
  bytes: Buffer;
  /** 'end': the server closed cleanly; 'reset': the socket was destroyed (an error after writeHead). */
  closed: 'end' | 'reset';
}

export function exchange(port: number, request: string | Buffer): Promise<Wire> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let closed: Wire['closed'] = 'end';
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') closed = 'reset';
      else reject(error);
    });
    socket.on('close', () => resolve({ bytes: Buffer.concat(chunks), closed }));
    socket.write(request);
  });
}

export interface RawResponse {
  statusLine: string;
  /** [name as sent, value] in order. */
  headers: Array<[string, string]>;
  /** The body as framed on the wire (chunk sizes included). */
  body: Buffer;
}

/** Splits a byte stream into its responses; `methods` says which ones answer a HEAD. */
export function parseResponses(bytes: Buffer, methods: readonly string[]): RawResponse[] {
  const out: RawResponse[] = [];
  let at = 0;
  for (const method of methods) {
    if (at >= bytes.length) break;
    const end = bytes.indexOf('\r\n\r\n', at);
    if (end < 0)
      throw new Error(
        `no end of headers in ${JSON.stringify(bytes.subarray(at, at + 200).toString('latin1'))}`,
      );
    const [statusLine, ...lines] = bytes.subarray(at, end).toString('latin1').split('\r\n');
    const headers = lines.map((line): [string, string] => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon), line.slice(colon + 1).trim()];
    });
    const status = Number(statusLine!.split(' ')[1]);
    const get = (name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1];
    let bodyStart = end + 4;
    let bodyEnd: number;
    if (method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200))
      bodyEnd = bodyStart;
    else if (get('transfer-encoding') === 'chunked') bodyEnd = endOfChunks(bytes, bodyStart);
    else if (get('content-length') !== undefined)
      bodyEnd = Math.min(bytes.length, bodyStart + Number(get('content-length')));
    else bodyEnd = bytes.length;
    out.push({ statusLine: statusLine!, headers, body: bytes.subarray(bodyStart, bodyEnd) });
    at = bodyEnd;
  }
  return out;
}

function endOfChunks(bytes: Buffer, start: number): number {
  let at = start;
  for (;;) {
    const eol = bytes.indexOf('\r\n', at);
    if (eol < 0) return bytes.length;
    const size = parseInt(bytes.subarray(at, eol).toString('latin1'), 16);
    if (!size) {
      const trailerEnd = bytes.indexOf('\r\n\r\n', eol);
      return trailerEnd < 0 ? bytes.length : trailerEnd + 4;
    }
    at = eol + 2 + size + 2;
  }
}

const DEBUG = 'x-sessionscope';
const PAIRED_CACHE_CONTROL = 'private, no-store';
const VARY_TOKEN = 'X-Sessionscope-Kid';

/** The Date header ticks between two requests: its value is the one thing masked everywhere. */
export function maskDate(response: RawResponse): RawResponse {
  return {
    ...response,
    headers: response.headers.map(([n, v]) => [n, n.toLowerCase() === 'date' ? '<date>' : v]),
  };
}

/**
 * Undoes exactly what PROTOCOL.md says a paired response adds, and nothing else, checking
 * each addition as it goes: one X-Sessionscope line; the X-Sessionscope-Kid token at the end
 * of the last Vary line (or a Vary line of its own); Cache-Control `private, no-store` in
 * place of the app's (same name, same position) or as a line of its own. What remains must
 * then equal the response without Sessionscope, byte for byte.
 */
export function withoutPairedHeaders(paired: RawResponse, reference: RawResponse): RawResponse {
  let headers = [...paired.headers];
  const debug = headers.filter(([n]) => n.toLowerCase() === DEBUG);
  if (debug.length !== 1 || !/^v=1; (jwe|ref)=/.test(debug[0]![1]))
    throw new Error(`expected one X-Sessionscope header, got ${JSON.stringify(debug)}`);
  headers = headers.filter(([n]) => n.toLowerCase() !== DEBUG);

  const isCache = ([n]: [string, string]) => n.toLowerCase() === 'cache-control';
  const appCache = reference.headers.filter(isCache);
  const ourCache = headers.map((h, i) => [h, i] as const).filter(([h]) => isCache(h));
  if (ourCache.length !== 1 || ourCache[0]![0][1] !== PAIRED_CACHE_CONTROL)
    throw new Error(`expected one Cache-Control: ${PAIRED_CACHE_CONTROL}, got ${JSON.stringify(ourCache)}`);
  if (appCache.length > 1) throw new Error('the app sent several Cache-Control lines: not covered here');
  const [[name], index] = ourCache[0]!;
  if (appCache.length === 1) {
    if (name !== appCache[0]![0]) throw new Error(`Cache-Control renamed from ${appCache[0]![0]} to ${name}`);
    headers[index] = [name, appCache[0]![1]];
  } else headers.splice(index, 1);

  const isVary = ([n]: [string, string]) => n.toLowerCase() === 'vary';
  const lastVary = headers
    .map((h, i) => [h, i] as const)
    .filter(([h]) => isVary(h))
    .at(-1);
  if (!lastVary) throw new Error('no Vary header on a paired response');
  const [[varyName, varyValue], varyAt] = lastVary;
  if (varyValue === VARY_TOKEN && !reference.headers.some(isVary)) headers.splice(varyAt, 1);
  else if (varyValue.endsWith(`, ${VARY_TOKEN}`))
    headers[varyAt] = [varyName, varyValue.slice(0, -`, ${VARY_TOKEN}`.length)];
  else throw new Error(`Vary does not end with the key id token: ${varyValue}`);
  return { ...paired, headers };
}

/** A response as text, for readable diffs; the body as latin1 (bytes one to one). */
export function show(response: RawResponse): string {
  return [
    response.statusLine,
    ...response.headers.map(([n, v]) => `${n}: ${v}`),
    '',
    response.body.toString('latin1'),
  ].join('\n');
}
