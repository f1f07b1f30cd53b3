/** Small, side-effect-free readers for Cookie and Set-Cookie headers. */

/** Every `name=value` pair of a request Cookie header, values as sent (not decoded). */
export function requestCookies(header: string | string[] | undefined): Array<[string, string]> {
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  const pairs: Array<[string, string]> = [];
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    pairs.push([part.slice(0, eq).trim(), value]);
  }
  return pairs;
}

/** The first value of `name` in a request Cookie header, as sent. */
export function requestCookie(header: string | string[] | undefined, name: string): string | undefined {
  return requestCookies(header).find(([n]) => n === name)?.[1];
}

/** `res.getHeader('set-cookie')` as a list of strings. */
export function setCookieList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  return [String(value)];
}

/** The `name=value` part of a Set-Cookie line, split. */
export function setCookiePair(line: string): [string, string] {
  const pair = line.split(';', 1)[0] ?? '';
  const eq = pair.indexOf('=');
  return eq < 0 ? [pair.trim(), ''] : [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
}

/** The last Set-Cookie line for `name` (later lines win in the browser). */
export function findSetCookie(lines: readonly string[], name: string): string | undefined {
  return lines.filter((line) => setCookiePair(line)[0] === name).at(-1);
}

export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
