/**
 * The robot's tests alone, without the site build of the main configuration:
 * `npx vitest run -c tests/robot/vitest.config.ts`. The main configuration
 * (`npx vitest run`) runs them too.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/robot/**/*.test.ts'],
    reporters: ['default', './tests/support/summary-reporter.ts'],
    testTimeout: 30_000,
  },
});
