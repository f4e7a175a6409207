/**
 * Two builds of one checkout never run Astro at the same time (they would
 * share its `.astro/` prerender folder), and a build killed while holding the
 * lock does not block the next one.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, test } from 'vitest';
import { withBuildLock } from '../../src/site/build-lock.ts';

let directory = '';
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('the build lock', () => {
  test('a second build waits until the first has finished', async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'guichets-lock-'));
    const events: string[] = [];
    const build = (name: string) =>
      withBuildLock(directory, async () => {
        events.push(`${name} starts`);
        await sleep(300);
        events.push(`${name} ends`);
      });
    await Promise.all([build('first'), build('second')]);
    expect(events).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
    expect(existsSync(path.join(directory, 'build.lock'))).toBe(false);
  });

  test('the lock of a build that died is taken over', async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'guichets-lock-'));
    // A process that has exited: its pid is free (reuse within the test is vanishingly unlikely).
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    mkdirSync(path.join(directory, 'build.lock'));
    writeFileSync(path.join(directory, 'build.lock', 'pid'), dead);
    await expect(withBuildLock(directory, async () => 'built')).resolves.toBe('built');
  });

  test('the lock is released when the build fails', async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'guichets-lock-'));
    await expect(
      withBuildLock(directory, async () => {
        throw new Error('data error');
      }),
    ).rejects.toThrow('data error');
    await expect(withBuildLock(directory, async () => 'next')).resolves.toBe('next');
  });
});
