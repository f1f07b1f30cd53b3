import { connect } from 'node:net';

export interface RawReply {
  status: number;
  /** Header lines as received, lower-cased names, in order (duplicates kept). */
  headers: Array<[string, string]>;
  body: string;
}

/**
 * One HTTP/1.1 request written byte for byte on a socket: header values a
 * browser or fetch would refuse (control bytes, raw UTF-8, duplicates) reach
 * the server exactly as an attacker would send them.
 */
export function rawRequest(
  baseUrl: string,
  path: string,
  headerLines: ReadonlyArray<readonly [string, string | Buffer]>,
): Promise<RawReply> {
  const { hostname, port } = new URL(baseUrl);
  const head = Buffer.concat([
    Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n`, 'latin1'),
    ...headerLines.map(([name, value]) =>
      Buffer.concat([Buffer.from(`${name}: `, 'latin1'), Buffer.from(value), Buffer.from('\r\n', 'latin1')]),
    ),
    Buffer.from('\r\n', 'latin1'),
  ]);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const lines = text.slice(0, split).split('\r\n');
      const status = Number(lines[0]?.split(' ')[1]);
      const headers = lines.slice(1).map((line): [string, string] => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
      });
      let body = text.slice(split + 4);
      if (headers.some(([n, v]) => n === 'transfer-encoding' && v === 'chunked')) body = unchunk(body);
      resolve({ status, headers, body });
    });
    socket.write(head);
  });
}

function unchunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, eol), 16);
    if (!size) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}
