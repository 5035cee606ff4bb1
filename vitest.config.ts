import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'server/**/*.test.ts',
      'test/**/*.test.ts',
      'web/**/*.test.ts',
      'cli/**/*.test.ts',
      'contract/**/*.test.ts',
    ],
    exclude: ['node_modules', 'dist', 'data'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
