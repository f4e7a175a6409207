import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { load } from 'cheerio';
import { describe, expect, inject, test } from 'vitest';

const siteDir = inject('fixtureSiteDir');
const gzippedSize = (content: string | Buffer) => gzipSync(content, { level: 9 }).length;
const html = (sitePath: string) => readFileSync(path.join(siteDir, sitePath, 'index.html'), 'utf8');

/** Scripts a page loads: external files under the site and inline modules. */
function pageScripts(sitePath: string): string[] {
  const $ = load(html(sitePath));
  return $('script')
    .toArray()
    .filter((script) => $(script).attr('type') !== 'application/json')
    .map((script) => {
      const source = $(script).attr('src');
      return source ? readFileSync(path.join(siteDir, source), 'utf8') : $(script).text();
    });
}

describe('size budgets', () => {
  test.each([
    // [page, budget in kB of gzipped HTML]
    ['/93/titre-sejour-bobigny/', 25],
    ['/975/spm-sejour/', 25],
    // A whole month of hourly probes, prerendered so it prints without JavaScript.
    ['/93/titre-sejour-bobigny/2018-03/', 25],
  ])('%s weighs at most %i kB of gzipped HTML', (sitePath, budget) => {
    expect(gzippedSize(html(sitePath)) / 1024).toBeLessThanOrEqual(budget);
  });

  test('the chart JavaScript of a procedure page weighs at most 80 kB gzipped', () => {
    const scripts = pageScripts('/93/titre-sejour-bobigny/');
    expect(scripts.length).toBeGreaterThan(0);
    const total = scripts.reduce((sum, script) => sum + gzippedSize(script), 0);
    expect(total / 1024).toBeLessThanOrEqual(80);
  });
});
