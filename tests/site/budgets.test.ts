import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { load } from 'cheerio';
import { describe, expect, inject, test } from 'vitest';

const siteDir = inject('fixtureSiteDir');
const gzippedSize = (content: string | Buffer) => gzipSync(content, { level: 9 }).length;
const html = (sitePath: string) => readFileSync(path.join(siteDir, sitePath, 'index.html'), 'utf8');

/** Relative modules a bundled script imports statically (`from"./chunk.js"`, `import"./chunk.js"`). */
const IMPORTS = /(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g;

/** A script file and, once each, the chunks it imports, as site paths. */
function withImports(sitePath: string, seen = new Set<string>()): Set<string> {
  if (seen.has(sitePath)) return seen;
  seen.add(sitePath);
  const text = readFileSync(path.join(siteDir, sitePath), 'utf8');
  for (const [, relative] of text.matchAll(IMPORTS))
    withImports(path.posix.join(path.posix.dirname(sitePath), relative!), seen);
  return seen;
}

/** Scripts a page loads: external files under the site with the chunks they import, and inline modules. */
function pageScripts(sitePath: string): string[] {
  const $ = load(html(sitePath));
  const scripts = $('script')
    .toArray()
    .filter((script) => $(script).attr('type') !== 'application/json');
  const files = new Set<string>();
  const inline: string[] = [];
  for (const script of scripts) {
    const source = $(script).attr('src');
    if (source) withImports(source, files);
    else inline.push($(script).text());
  }
  return [...[...files].map((file) => readFileSync(path.join(siteDir, file), 'utf8')), ...inline];
}

describe('size budgets', () => {
  test.each([
    // [page, budget in kB of gzipped HTML]
    ['/93/titre-sejour-bobigny/', 25],
    ['/975/spm-sejour/', 25],
    // A whole month of hourly probes, prerendered so it prints without JavaScript.
    ['/93/titre-sejour-bobigny/2018-03/', 25],
    // An older month: the shell only, its rows are drawn from the CSV (a few hundred thousand of these at full scale).
    ['/93/titre-sejour-bobigny/2015-06/', 8],
  ])('%s weighs at most %i kB of gzipped HTML', (sitePath, budget) => {
    expect(gzippedSize(html(sitePath)) / 1024).toBeLessThanOrEqual(budget);
  });

  test('the chart JavaScript of a procedure page weighs at most 80 kB gzipped', () => {
    const scripts = pageScripts('/93/titre-sejour-bobigny/');
    expect(scripts.length).toBeGreaterThan(0);
    const total = scripts.reduce((sum, script) => sum + gzippedSize(script), 0);
    expect(total / 1024).toBeLessThanOrEqual(80);
  });

  test('the JavaScript of an older month page (CSV reading, rows, range filter) weighs at most 30 kB gzipped', () => {
    const scripts = pageScripts('/93/titre-sejour-bobigny/2015-06/');
    expect(scripts.some((script) => script.includes('DecompressionStream'))).toBe(true);
    const total = scripts.reduce((sum, script) => sum + gzippedSize(script), 0);
    expect(total / 1024).toBeLessThanOrEqual(30);
  });

  test('a recent month page loads no CSV reader', () => {
    const scripts = pageScripts('/93/titre-sejour-bobigny/2018-03/');
    expect(scripts.some((script) => script.includes('DecompressionStream'))).toBe(false);
  });
});
