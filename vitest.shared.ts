/** Shared vitest settings: every project's vitest.config.ts spreads these. */
import tsconfigPaths from 'vite-tsconfig-paths';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export function projectConfig(extra: { testTimeout?: number } = {}) {
  return defineConfig({
    plugins: [tsconfigPaths({ root })],
    test: {
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: extra.testTimeout ?? 60_000,
      hookTimeout: 60_000,
      pool: 'forks',
      // tfjs keeps global engine state; one file per worker process keeps tests independent.
      poolOptions: { forks: { singleFork: false, maxForks: 2, minForks: 1 } },
    },
  });
}
