/**
 * `OUT_DIR` may be any folder on disk. Astro keeps its prerender chunks in
 * the output folder when the folder's path starts with the working
 * directory's, so a folder beside the checkout whose name extends the
 * checkout's (`/work/guichets-site/a/b` for `/work/guichets`) used to fail
 * with ERR_MODULE_NOT_FOUND: its chunks could not import the project's
 * packages.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { astroOutDir, misreadAsInside } from '../../src/site/build.ts';

describe('where Astro is told to build', () => {
  test.each([
    ['/work/guichets/dist', false], // inside the project
    ['/work/guichets', false],
    ['/work/.guichets-site.staging', false], // outside, and Astro sees it outside
    ['/tmp/site/.dist.staging', false],
    ['/work/guichets-site/a/.b.staging', true], // outside, but its path starts with the project's
    ['/work/guichets2/.dist.staging', true],
  ])('%s is misread as inside /work/guichets: %s', (directory, misread) => {
    expect(misreadAsInside(directory, '/work/guichets')).toBe(misread);
  });

  test('a misread folder is reached through a link Astro sees as outside the project', () => {
    const staging = `${process.cwd()}-out-${process.pid}/a/.b.staging`;
    const alias = astroOutDir(staging, process.cwd());
    try {
      expect(misreadAsInside(alias.outDir, process.cwd())).toBe(false);
      expect(path.basename(alias.outDir)).toBe('.b.staging');
    } finally {
      alias.remove();
      rmSync(`${process.cwd()}-out-${process.pid}`, { recursive: true, force: true });
    }
  });
});

describe('a build into a folder beside the checkout, two levels deep', () => {
  test('writes the whole site there', { timeout: 240_000 }, () => {
    const besides = `${process.cwd()}-site-${process.pid}`;
    const outDir = path.join(besides, 'a', 'b');
    try {
      execFileSync(path.resolve('node_modules/.bin/tsx'), ['scripts/build.ts'], {
        env: { ...process.env, DATA_DIR: inject('fixtureDataDir'), OUT_DIR: outDir },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      expect(existsSync(path.join(outDir, 'index.html'))).toBe(true);
      expect(existsSync(path.join(outDir, '93', 'titre-sejour-bobigny', 'index.html'))).toBe(true);
      expect(existsSync(path.join(outDir, 'donnees', 'sondages.csv.gz'))).toBe(true);
    } finally {
      rmSync(besides, { recursive: true, force: true });
    }
  });
});
