import { describe, expect, test } from 'vitest';
import { formatValue } from './format-value.js';

describe('formatValue: Python values read as themselves (PROTOCOL.md §5.2)', () => {
  test('a tuple, a Markup, a UUID, a Decimal', () => {
    expect(formatValue({ $ss: 'instance', className: 'tuple', entries: { '0': 'admin', '1': 'dev' } })).toBe(
      'tuple(2) ["admin", "dev"]',
    );
    expect(formatValue({ $ss: 'instance', className: 'Markup', entries: { value: '<b>hi</b>' } })).toBe(
      'Markup "<b>hi</b>"',
    );
    expect(formatValue({ $ss: 'instance', className: 'UUID', entries: { value: '1234' } })).toBe(
      'UUID "1234"',
    );
    expect(formatValue({ $ss: 'instance', className: 'Cart', entries: { items: [1] } })).toBe(
      'Cart {items: [1]}',
    );
    expect(formatValue({ $ss: 'instance', className: 'Empty', entries: {} })).toBe('Empty {}');
  });

  test('typed values inside a list are described, not printed in their wire form', () => {
    const flashes = [{ $ss: 'instance', className: 'tuple', entries: { '0': 'message', '1': 'Saved' } }];
    expect(formatValue(flashes)).toBe('[tuple(2) ["message", "Saved"]]');
    expect(formatValue({ when: { $ss: 'date', iso: '2026-01-01T00:00:00.000Z' } })).toBe(
      '{when: Date 2026-01-01T00:00:00.000Z}',
    );
  });

  test('long previews stop early and are cut', () => {
    const long = Array.from({ length: 1000 }, (_, i) => ({ k: i }));
    const text = formatValue(long);
    expect(text.startsWith('[{k: 0}, {k: 1}')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(120);
  });
});
