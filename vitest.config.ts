import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

/** The cookie engine's tests, once per time zone: its verdicts must not depend on the machine's zone (issue #10). */
const cookieZones = [
  ['cookies-utc', 'UTC'],
  ['cookies-new-york', 'America/New_York'],
  ['cookies-kolkata', 'Asia/Kolkata'],
] as const;

// Three layers, one runner: `unit` (pure core, protocol, server-lib, demo-app; Node),
// `ui` (panel components in jsdom) and `e2e` (real Chromium and Firefox, one at a time).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'protocol/**/*.test.ts',
            'adapters/**/*.test.ts',
            'server-lib/**/*.test.ts',
            'demo-app/**/*.test.ts',
            'extension/core/**/*.test.ts',
            'extension/panel/state/**/*.test.ts',
            'scripts/**/*.test.ts',
            'test-support/**/*.test.ts',
          ],
          exclude: ['extension/core/cookies/**', '**/node_modules/**'],
          testTimeout: 20_000,
        },
      },
      ...cookieZones.map(([name, tz]) => ({
        test: {
          name,
          environment: 'node',
          include: ['extension/core/cookies/**/*.test.ts'],
          env: { TZ: tz },
          testTimeout: 60_000,
        },
      })),
      {
        plugins: [preact()],
        test: {
          name: 'ui',
          environment: 'jsdom',
          globalSetup: ['extension/panel/test/global-setup.ts'],
          include: ['extension/**/*.test.tsx'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
