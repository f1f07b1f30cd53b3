import { inject } from 'vitest';
import type { HistoryRecord } from '../../core/history/format.js';

type Mode = 'memory' | 'cookie' | 'rolling' | 'cookieLost';

/** Real click-throughs of the demo app, recorded in Node by global-setup.ts. */
export function demoHistory(mode: Mode = 'memory'): HistoryRecord[] {
  return (JSON.parse(inject('demoHistories')) as Record<Mode, HistoryRecord[]>)[mode];
}
