import type { TestProject } from 'vitest/node';
import { recordDemoHistory } from '../../../scripts/record-demo-history.js';

/**
 * Runs in Node before the UI tests (which run in jsdom): records real click-throughs of the
 * demo app with server-lib on, and hands them to the tests as JSON via `inject`.
 */
export default async function setup(project: TestProject): Promise<void> {
  const [memory, cookie, rolling, cookieLost] = await Promise.all([
    recordDemoHistory(),
    recordDemoHistory({ store: 'cookie' }),
    recordDemoHistory({ rolling: true }),
    recordDemoHistory({ store: 'cookie', dropOversized: true }),
  ]);
  project.provide('demoHistories', JSON.stringify({ memory, cookie, rolling, cookieLost }));
}

declare module 'vitest' {
  export interface ProvidedContext {
    demoHistories: string;
  }
}
