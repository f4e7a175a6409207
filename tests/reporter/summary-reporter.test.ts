/**
 * The closing line `tests: N passed, N failed` is what CI reads: it must agree
 * with vitest's own verdict (exit code) whatever went wrong. Each case runs a
 * small fixture suite through the reporter in a child vitest process.
 * A child vitest takes seconds alone and far longer on a busy machine, hence
 * the long timeouts (no timing is asserted).
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

const run = promisify(execFile);
const VITEST = path.resolve('node_modules/vitest/vitest.mjs');
const CONFIG = 'tests/reporter/fixtures/vitest.config.ts';
const CHILD_RUN_TIMEOUT = 180_000;

/** Runs one fixture through vitest and returns its exit code and output lines. */
async function runFixture(
  fixture: string,
  env: Record<string, string> = {},
): Promise<{ exitCode: number; lines: string[] }> {
  const childEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'REQUIRE_BROWSER'),
  );
  let exitCode = 0;
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, [VITEST, 'run', '-c', CONFIG, fixture], {
      env: { ...childEnv, ...env, NO_COLOR: '1' },
      timeout: 170_000,
    }));
  } catch (error) {
    const failure = error as { code?: number; stdout?: string };
    exitCode = failure.code ?? -1;
    stdout = failure.stdout ?? '';
  }
  return { exitCode, lines: stdout.trimEnd().split('\n') };
}

describe('the closing line of a run', () => {
  test.concurrent.each([
    { fixture: 'passing', exitCode: 0, closing: 'tests: 3 passed, 0 failed', explains: [] },
    { fixture: 'failing-test', exitCode: 1, closing: 'tests: 1 passed, 1 failed', explains: [] },
    {
      fixture: 'throwing-before-all',
      exitCode: 1,
      closing: 'tests: 1 passed, 2 failed',
      explains: [
        'error outside a test in tests/reporter/fixtures/throwing-before-all.fixture.ts › a suite whose setup throws: fixture beforeAll failed',
      ],
    },
    {
      fixture: 'throwing-after-all',
      exitCode: 1,
      closing: 'tests: 2 passed, 1 failed',
      explains: [
        'error outside a test in tests/reporter/fixtures/throwing-after-all.fixture.ts › a suite whose teardown throws: fixture afterAll failed',
      ],
    },
    {
      fixture: 'failing-import',
      exitCode: 1,
      closing: 'tests: 0 passed, 1 failed',
      explains: [
        "error outside a test in tests/reporter/fixtures/failing-import.fixture.ts: Cannot find module './no-such-module.ts'",
      ],
    },
    {
      fixture: 'skipped-with-reasons',
      exitCode: 0,
      closing: 'tests: 1 passed, 0 failed, 4 skipped',
      explains: [
        'skipped 1: skipped in the source (test.skip, describe.skip or todo)',
        'skipped 3: fixture tool missing; install it with apt-get install -y tool',
      ],
    },
    {
      fixture: 'unhandled-error',
      exitCode: 1,
      closing: 'tests: 2 passed, 1 failed',
      explains: ['unhandled error: fixture unhandled error'],
    },
  ])(
    '$fixture: $closing',
    async ({ fixture, exitCode, closing, explains }) => {
      const result = await runFixture(fixture);
      expect(result.exitCode).toBe(exitCode);
      expect(result.lines.at(-1)).toBe(closing);
      const explanations = result.lines.slice(-1 - explains.length, -1);
      explains.forEach((line, index) => expect(explanations[index]).toContain(line));
    },
    CHILD_RUN_TIMEOUT,
  );

  test(
    'a global setup that throws fails the run with 1 failed and says where to look',
    async () => {
      const result = await runFixture('passing', { FIXTURE_GLOBAL_SETUP_FAILS: '1' });
      expect(result.exitCode).toBe(1);
      expect(result.lines.slice(-2)).toEqual([
        'the run failed outside any test (global setup, coverage thresholds or configuration): see the messages above',
        'tests: 0 passed, 1 failed',
      ]);
    },
    CHILD_RUN_TIMEOUT,
  );
});

describe('browser tests without a working Chromium', () => {
  const brokenChromium = path.join(mkdtempSync(path.join(tmpdir(), 'guichets-broken-chromium-')), 'chromium');
  writeFileSync(brokenChromium, '#!/bin/sh\necho "this Chromium does not start" >&2\nexit 1\n');
  chmodSync(brokenChromium, 0o755);

  test.concurrent.each([
    {
      situation: 'Chromium missing: each browser test is skipped, and the reason printed once',
      env: { CHROMIUM_PATH: '/nonexistent/chromium' },
      exitCode: 0,
      closing: 'tests: 0 passed, 0 failed, 2 skipped',
      explains:
        'skipped 2: Chromium not found at /nonexistent/chromium; install it with apt-get update && apt-get install -y chromium',
    },
    {
      situation: 'Chromium missing with REQUIRE_BROWSER=1: each browser test fails',
      env: { CHROMIUM_PATH: '/nonexistent/chromium', REQUIRE_BROWSER: '1' },
      exitCode: 1,
      closing: 'tests: 0 passed, 2 failed',
      explains: 'fixture pages in Chromium: REQUIRE_BROWSER is set: Chromium not found at /nonexistent/chromium',
    },
    {
      situation: 'Chromium present but failing to start with REQUIRE_BROWSER=1: each browser test fails',
      env: { CHROMIUM_PATH: brokenChromium, REQUIRE_BROWSER: '1' },
      exitCode: 1,
      closing: 'tests: 0 passed, 2 failed',
      explains: `fixture pages in Chromium: REQUIRE_BROWSER is set: Chromium at ${brokenChromium} failed to start`,
    },
    {
      situation: 'Chromium present but failing to start: each browser test is skipped with the reason',
      env: { CHROMIUM_PATH: brokenChromium },
      exitCode: 0,
      closing: 'tests: 0 passed, 0 failed, 2 skipped',
      explains: `skipped 2: Chromium at ${brokenChromium} failed to start`,
    },
  ])(
    '$situation',
    async ({ env, exitCode, closing, explains }) => {
      const result = await runFixture('browser', env);
      expect(result.exitCode).toBe(exitCode);
      expect(result.lines.at(-1)).toBe(closing);
      expect(result.lines.at(-2)).toContain(explains);
    },
    CHILD_RUN_TIMEOUT,
  );
});
