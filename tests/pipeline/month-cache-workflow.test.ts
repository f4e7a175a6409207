/**
 * The site workflow keeps the month cache between runs through
 * .github/scripts/month-cache.mjs: one snapshot per month and version of the
 * code, restored by the month's later builds and never saved twice. Whatever
 * goes wrong with the Actions cache (no service, a refused restore or save,
 * a missing setting) is a warning and never fails the build.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { fallbackKeys, monthCacheKey, restoreMonthCache, saveMonthCache } from '../../.github/scripts/month-cache.mjs';

const NOW = new Date('2026-11-30T23:30:00Z');
const CODE = 'c0de';
const KEY = 'guichets-fermes-months-v1-c0de-2026-11';

/** What the script told the workflow log. */
function log() {
  const lines: string[] = [];
  return {
    lines,
    core: {
      info: (message: string) => lines.push(`info: ${message}`),
      warning: (message: string) => lines.push(`warning: ${message}`),
    },
  };
}

/** An Actions cache service answering as told, recording what it was asked. */
function service({
  available = true,
  restored = undefined as string | undefined,
  fails = false,
}: { available?: boolean; restored?: string | undefined; fails?: boolean } = {}) {
  const calls: string[] = [];
  return {
    calls,
    cache: {
      isFeatureAvailable: () => available,
      restoreCache: async (paths: string[], key: string, restoreKeys: string[] = []) => {
        calls.push(`restore ${paths.join(',')} ${key} ${restoreKeys.join(' ')}`);
        if (fails) throw new Error('Cache service responded with 503');
        return restored;
      },
      saveCache: async (paths: string[], key: string) => {
        calls.push(`save ${paths.join(',')} ${key}`);
        if (fails) throw new Error('Unable to reserve cache with key, another job may be creating this cache.');
        return 1;
      },
    },
  };
}

describe('the month cache key', () => {
  test.each([
    ['2026-11-30T23:30:00Z', KEY],
    ['2026-12-01T00:10:00Z', 'guichets-fermes-months-v1-c0de-2026-12'],
  ])('at %s is %s', (instant, key) => {
    expect(monthCacheKey(CODE, new Date(instant))).toBe(key);
  });

  test('falls back to the same code’s latest month, then to any', () => {
    expect(fallbackKeys(CODE)).toEqual(['guichets-fermes-months-v1-c0de-', 'guichets-fermes-months-v1-']);
    expect(monthCacheKey(CODE, NOW).startsWith(fallbackKeys(CODE)[0]!)).toBe(true);
  });
});

describe('restoring the month cache', () => {
  test.each([
    { case: 'this month’s snapshot', answer: { restored: KEY }, result: KEY, said: 'info: month cache restored' },
    { case: 'no snapshot yet', answer: {}, result: '', said: 'info: no month cache yet' },
    {
      case: 'a refusal of the service',
      answer: { fails: true },
      result: '',
      said: 'warning: month cache not restored',
    },
    { case: 'no cache service', answer: { available: false }, result: '', said: 'info: no Actions cache service' },
  ])('$case: gives "$result" and says so', async ({ answer, result, said }) => {
    const { core, lines } = log();
    const { cache } = service(answer);
    await expect(restoreMonthCache({ core, cache, directory: '/tmp/months', code: CODE, now: NOW })).resolves.toBe(
      result,
    );
    expect(lines.join('\n')).toContain(said);
  });

  test('asks for this month’s key with the fallbacks, in the cache directory', async () => {
    const { core } = log();
    const { cache, calls } = service();
    await restoreMonthCache({ core, cache, directory: '/tmp/months', code: CODE, now: NOW });
    expect(calls).toEqual([`restore /tmp/months ${KEY} ${fallbackKeys(CODE).join(' ')}`]);
  });

  test('without its settings, warns and restores nothing', async () => {
    const { core, lines } = log();
    const { cache, calls } = service();
    await expect(restoreMonthCache({ core, cache, directory: '', code: CODE, now: NOW })).resolves.toBe('');
    expect([calls, lines]).toEqual([[], [expect.stringContaining('warning: month cache not restored')]]);
  });
});

describe('saving the month cache', () => {
  test.each([
    { case: 'restored from last month', restored: 'guichets-fermes-months-v1-c0de-2026-10', answer: {}, saved: true },
    { case: 'nothing restored', restored: '', answer: {}, saved: true },
    { case: 'restored from this month’s snapshot', restored: KEY, answer: {}, saved: false },
    { case: 'saved first by another run', restored: '', answer: { fails: true }, saved: false },
    { case: 'no cache service', restored: '', answer: { available: false }, saved: false },
  ])('$case: saved $saved, and the build goes on', async ({ restored, answer, saved }) => {
    const { core, lines } = log();
    const { cache, calls } = service(answer);
    await expect(
      saveMonthCache({ core, cache, restored, directory: '/tmp/months', code: CODE, now: NOW }),
    ).resolves.toBe(saved);
    if (saved) expect(calls).toEqual([`save /tmp/months ${KEY}`]);
    if ('fails' in answer) expect(lines.join('\n')).toContain('warning: month cache not saved');
  });
});

describe('the site workflow’s month cache steps', () => {
  const workflow = parse(readFileSync('.github/workflows/site.yml', 'utf8')) as {
    jobs: { build: { steps: { name?: string; with?: { script?: string } }[] } };
  };
  const steps = workflow.jobs.build.steps;
  const script = (name: string) => steps.find((step) => step.name === name)?.with?.script ?? '';

  test('restore before the build, save after it', () => {
    const names = steps.map((step) => step.name);
    expect(names.indexOf('Restore the month cache')).toBeLessThan(names.indexOf('Build'));
    expect(names.indexOf('Save the month cache')).toBeGreaterThan(names.indexOf('Build'));
  });

  test.each(['Restore the month cache', 'Save the month cache'])(
    '%s: its script runs as github-script runs it, and goes on without a cache service',
    (name) => {
      // github-script runs the script as the body of an async function given `core` (among others), in Node.
      const runner = `
        const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
        const core = { info: (m) => console.log('info: ' + m), warning: (m) => console.log('warning: ' + m) };
        await new AsyncFunction('core', process.env.SCRIPT)(core);`;
      const environment: NodeJS.ProcessEnv = { ...process.env, GITHUB_WORKSPACE: process.cwd() };
      // No cache service here, as outside a runner.
      delete environment.ACTIONS_RESULTS_URL;
      delete environment.ACTIONS_CACHE_URL;
      const output = execFileSync(process.execPath, ['--input-type=module', '--eval', runner], {
        env: { ...environment, STATS_CACHE_DIR: '/tmp/months', MONTH_CACHE_CODE: CODE, SCRIPT: script(name) },
        encoding: 'utf8',
      });
      expect(output.trim().split('\n')).toEqual([expect.stringContaining('info: no Actions cache service')]);
    },
  );
});
