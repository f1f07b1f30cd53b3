/** Parses a Cookie request header into name/value pairs, in order, values as sent (RFC 6265bis §5.8.3 shape). */
export function parseCookieHeader(header: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const part of header.split(';')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    // A nameless cookie is sent as its bare value.
    if (eq === -1) out.push({ name: '', value: trimmed });
    else out.push({ name: trimmed.slice(0, eq).trim(), value: trimmed.slice(eq + 1).trim() });
  }
  return out;
}
