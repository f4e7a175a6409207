import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['./tests/support/global-setup.ts'],
    reporters: ['default', './tests/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 240_000,
    // `npm test` runs with --coverage: the domain core and the robot must stay covered.
    coverage: {
      provider: 'v8',
      include: ['src/lib/**/*.ts', 'src/robot/**/*.ts'],
      reporter: [['text', { skipFull: true }]],
      reportOnFailure: true,
      thresholds: {
        'src/lib/**/*.ts': { lines: 90 },
        'src/robot/**/*.ts': { lines: 90 },
      },
    },
  },
});
