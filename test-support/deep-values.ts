import type { TypedValue } from '../protocol/src/typed-value.js';

/**
 * Shapes the huge-value property tests of every layer share (issue 13): no DOM or Node types, so
 * the extension's, the protocol's and server-lib's tests can all import it.
 */

/** `{x: {x: … leaf}}`, `depth` levels, built in a loop (a recursive builder would be the bug under test). */
export function chain(depth: number, leaf: TypedValue = 'needle'): TypedValue {
  let node: TypedValue = leaf;
  for (let i = 0; i < depth; i++) node = { x: node };
  return node;
}

/** How many levels a value nests, walked with an explicit stack. */
export function depthOf(value: TypedValue): number {
  let max = 0;
  const stack: [TypedValue, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    max = Math.max(max, d);
    if (v !== null && typeof v === 'object') for (const c of Object.values(v)) stack.push([c, d + 1]);
  }
  return max;
}
