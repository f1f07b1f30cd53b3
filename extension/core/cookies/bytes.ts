const encoder = new TextEncoder();

/** UTF-8 octets of a string: what the browser's 4096/1024-octet limits count. */
export function utf8Length(text: string): number {
  // ASCII fast path: most cookies, and the 10,000-header bench.
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  return ascii ? text.length : encoder.encode(text).length;
}
