/**
 * `OUT_DIR` may be any folder on disk. Astro keeps its prerender chunks in
 * the output folder when the folder's path starts with the working
 * directory's, so a folder beside the checkout whose name extends the
 * checkout's (`/work/guichets-site/a/b` for `/work/guichets`) used to fail
 * with ERR_MODULE_NOT_FOUND: its chunks could not import the project's
 * packages.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { astroOutDir, misreadAsInside, moveInto } from '../../src/site/build.ts';

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

describe('the downloads moved into the built pages', () => {
  test('merge with the pages: folders the pages lack move whole, shared folders keep both, a download replaces a page of the same path', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'guichets-move-'));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    try {
      write('pages/donnees/index.html', 'page');
      write('pages/same.txt', 'page');
      write('downloads/donnees/sondages.csv.gz', 'all');
      write('downloads/donnees/sondages/93/x/2018-03.csv.gz', 'month');
      write('downloads/same.txt', 'download');
      moveInto(path.join(root, 'downloads'), path.join(root, 'pages'));
      const read = (file: string) => readFileSync(path.join(root, 'pages', file), 'utf8');
      expect([
        read('donnees/index.html'),
        read('donnees/sondages.csv.gz'),
        read('donnees/sondages/93/x/2018-03.csv.gz'),
        read('same.txt'),
      ]).toEqual(['page', 'all', 'month', 'download']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
