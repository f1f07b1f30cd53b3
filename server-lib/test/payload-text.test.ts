import { expect, test } from 'vitest';
import { jsonText, type TypedValue } from '../../protocol/src/index.js';
import { samplePayload } from '../../protocol/src/sample-payload.js';
import { payloadText } from '../src/debug-header.js';

function nested(depth: number): TypedValue {
  let node: TypedValue = 1;
  for (let i = 0; i < depth; i++) node = { x: node };
  return node;
}

test('payloadText is jsonText at any depth: JSON.stringify, and past its stack the explicit printer', () => {
  for (const depth of [1, 30, 3_000, 20_000]) {
    const payload = samplePayload();
    payload.session.after = nested(depth);
    const text = payloadText(payload);
    expect(text).toBe(jsonText(payload as unknown as TypedValue));
    expect(text.length).toBeGreaterThan(depth * 6);
  }
  // The deepest one is past JSON.stringify's recursion: the fallback really ran.
  const deep = samplePayload();
  deep.session.after = nested(20_000);
  expect(() => JSON.stringify(deep)).toThrow(RangeError);
});
