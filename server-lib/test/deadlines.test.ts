import { describe, expect, test } from 'vitest';
import { Deadlines } from '../src/deadlines.js';

describe('Deadlines: one timer for every held response', () => {
  test('fires what is not cancelled, in order, and never what is', async () => {
    const deadlines = new Deadlines(20);
    const fired: number[] = [];
    const entry = (i: number) => ({ expire: () => fired.push(i) });
    const entries = [0, 1, 2, 3].map(entry);
    for (const e of entries) deadlines.add(e);
    deadlines.delete(entries[1]!);
    await new Promise((r) => setTimeout(r, 80));
    expect(fired).toEqual([0, 2, 3]);
    expect(deadlines.size).toBe(0);
    deadlines.add(entry(4));
    await new Promise((r) => setTimeout(r, 80));
    expect(fired).toEqual([0, 2, 3, 4]);
  });
});
