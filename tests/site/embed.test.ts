import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { load } from 'cheerio';
import { describe, expect, inject, test } from 'vitest';
import { describeInBrowser, pageProblems } from '../support/browser.ts';

const siteDir = inject('fixtureSiteDir');
const EMBED = '/93/titre-sejour-bobigny/integrer/';
const read = (sitePath: string) => readFileSync(path.join(siteDir, sitePath, 'index.html'), 'utf8');
const gzippedKb = (content: string | Buffer) => gzipSync(content, { level: 9 }).length / 1024;

describe('the embeddable page', () => {
  const html = read(EMBED);
  const $ = load(html);

  test('weighs under 30 kB gzipped with everything it loads', () => {
    const loaded = [
      ...$('script[src]')
        .toArray()
        .map((script) => $(script).attr('src')!),
      ...$('link[rel="stylesheet"]')
        .toArray()
        .map((link) => $(link).attr('href')!),
    ].map((sitePath) => readFileSync(path.join(siteDir, sitePath)));
    const total = gzippedKb(html) + loaded.reduce((sum, file) => sum + gzippedKb(file), 0);
    expect(total).toBeLessThanOrEqual(30);
  });

  test('needs no script: the chart is SVG drawn at build time and the numbers are in a table', () => {
    expect($('script')).toHaveLength(0);
    // One segment per colour present: June 2015 all five, January vert, rouge and noir, February jaune and orange, March vert and noir.
    expect($('svg.synthesis-svg g rect')).toHaveLength(5 + 3 + 2 + 2);
    expect($('svg.synthesis-svg').attr('role')).toBe('img');
    expect(
      $('table.month-table tbody tr')
        .toArray()
        .map((row) => $(row).attr('data-month')),
    ).toEqual(['2018-03', '2018-02', '2018-01', '2015-06']);
  });

  test('gives the headline figure and the source with permalink, the date of its latest probe and its data version', () => {
    expect($('[data-embed-headline]').text()).toContain('sondages réussis de décembre 2017 à février 2018');
    const source = $('[data-embed-source]').text();
    expect(source).toContain('https://guichets.example/93/titre-sejour-bobigny/');
    expect(source).toContain('données arrêtées au dernier sondage, le 31\u00a0mars 2018 à 23\u00a0h\u00a020');
    expect(source).toMatch(/version des données de la démarche [0-9a-f]{12}/);
    // Links leave the frame for the whole window.
    expect(
      $('a[href^="https://guichets.example/"]')
        .toArray()
        .every((link) => $(link).attr('target') === '_top'),
    ).toBe(true);
  });

  test('refers to nothing outside the site', () => {
    const external = $('[src], link[href]')
      .toArray()
      .map((element) => $(element).attr('src') ?? $(element).attr('href')!)
      .filter((url) => /^(https?:)?\/\//.test(url) && !url.startsWith('https://guichets.example/'));
    expect(external).toEqual([]);
  });

  test('the procedure page offers the snippet to paste', () => {
    const page = load(read('/93/titre-sejour-bobigny/'));
    expect(page('[data-embed-snippet]').text()).toBe(
      '<iframe src="https://guichets.example/93/titre-sejour-bobigny/integrer/" title="Guichets fermés : Demande d\'admission exceptionnelle au séjour, Préfecture de Bobigny" width="100%" height="520" loading="lazy" style="border:0"></iframe>',
    );
  });
});

describeInBrowser('the embeddable page in Chromium', (site) => {
  test.each([[true], [false]])(
    'with JavaScript %s: the chart and the table are there, no third-party request',
    async (javaScript) => {
      const page = await site.open(EMBED, { javaScript, viewport: { width: 360, height: 640 } });
      await page.waitForLoadState('networkidle');
      expect(await page.locator('svg.synthesis-svg').isVisible()).toBe(true);
      await page.locator('details summary').click();
      expect(await page.locator('table.month-table tbody tr').count()).toBe(4);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(pageProblems(page)).toEqual([]);
    },
  );
});
