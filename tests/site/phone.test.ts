/**
 * The site on a phone (360 px wide), with and without JavaScript: no page
 * scrolls sideways (wide tables scroll inside their own region) and the
 * pages of every type pass axe at phone width too.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { inject, expect, test } from 'vitest';
import { accessibilityViolations, describeInBrowser, pageProblems } from '../support/browser.ts';

const PHONE = { width: 360, height: 740 };

/** Every page of the built fixture site, as a site path (`/93/titre-sejour-bobigny/2018-03/`, `/404.html`). */
function builtPages(root: string): string[] {
  const pages: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const file = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name === 'index.html')
        pages.push(`/${path.relative(root, directory).split(path.sep).join('/')}/`.replace('//', '/'));
      else if (entry.name.endsWith('.html')) pages.push(`/${path.relative(root, file).split(path.sep).join('/')}`);
    }
  };
  walk(root);
  return pages.sort();
}

const pages = builtPages(inject('fixtureSiteDir'));

/** One page of each type; the list below must keep finding them all in the built site. */
const PAGE_TYPES = [
  ['home', '/'],
  ['department', '/93/'],
  ['procedure', '/93/titre-sejour-bobigny/'],
  ['procedure without data', '/975/spm-sejour/'],
  ['raw month', '/93/titre-sejour-bobigny/2018-03/'],
  ['older raw month, drawn in the browser', '/93/titre-sejour-bobigny/2015-06/'],
  ['letter', '/93/titre-sejour-bobigny/courrier/'],
  ['evidence pack', '/93/titre-sejour-bobigny/dossier/'],
  ['method', '/methode/'],
  ['data', '/donnees/'],
  ['guide list', '/guides/'],
  ['guide with a table', '/guides/les-trois-referes/'],
  ['tools', '/outils/'],
  ['planner', '/outils/planifier-mes-tentatives/'],
  ['tracking table', '/outils/tableau-de-suivi/'],
  ['page not found', '/404.html'],
] as const;

describeInBrowser('the site on a 360 px phone', (site) => {
  test('the fixture site has a page of every type', () => {
    expect(pages).toEqual(expect.arrayContaining(PAGE_TYPES.map(([, sitePath]) => sitePath)));
  });

  test.each(pages.flatMap((sitePath) => [[sitePath, true] as const, [sitePath, false] as const]))(
    '%s does not scroll sideways (JavaScript %s)',
    async (sitePath, javaScript) => {
      const page = await site.open(sitePath, { javaScript, viewport: PHONE });
      if (javaScript) await page.waitForLoadState('networkidle');
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        screen: document.documentElement.clientWidth,
      }));
      expect(widths.page, `${sitePath} is ${widths.page} px wide on a ${widths.screen} px screen`).toBeLessThanOrEqual(
        widths.screen,
      );
      await page.context().close();
    },
  );

  test.each(PAGE_TYPES)('the %s page has no accessibility violation at 360 px', async (_name, sitePath) => {
    const page = await site.open(sitePath, { viewport: PHONE });
    await page.waitForLoadState('networkidle');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  test('a wide table scrolls inside a region the keyboard reaches, named after the table', async () => {
    const page = await site.open('/93/titre-sejour-bobigny/2018-03/', { viewport: PHONE });
    const region = page.getByRole('region', { name: /^Sondages de mars 2018/ });
    const sizes = await region.evaluate((element) => ({ content: element.scrollWidth, box: element.clientWidth }));
    expect(sizes.content).toBeGreaterThan(sizes.box);
    await page.keyboard.press('Tab');
    for (
      let step = 0;
      step < 40 && !(await region.evaluate((element) => element === document.activeElement));
      step += 1
    )
      await page.keyboard.press('Tab');
    expect(await region.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    await page.context().close();
  });

  test.each([
    ['home', '/'],
    ['department', '/93/'],
  ])(
    'the %s table shows each procedure with its headline figure, no sideways scroll needed',
    async (_name, sitePath) => {
      const page = await site.open(sitePath, { viewport: PHONE });
      const table = page.locator('table[data-procedure-table]');
      const onScreen = async (cell: ReturnType<typeof table.locator>, what: string) => {
        const box = (await cell.boundingBox())!;
        expect(box.x, what).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, what).toBeLessThanOrEqual(PHONE.width);
      };
      await onScreen(table.getByRole('columnheader', { name: /Date à moins d’un mois/ }), 'headline column header');
      const rows = await table.locator('tbody tr').all();
      for (const [index, row] of rows.entries()) {
        await onScreen(row.locator('th[scope="row"]'), `procedure of row ${index + 1}`);
        await onScreen(row.locator('td.within-month'), `headline figure of row ${index + 1}`);
      }
      const withFigure = table.locator('tbody tr', { has: page.locator('svg.colour-bar') }).first();
      expect(await withFigure.locator('td.within-month').textContent()).toMatch(/\d\s%/);
      await page.context().close();
    },
  );

  test('the map tiles are at least 44 px, the metropolitan grid scrolling inside its own region the keyboard reaches', async () => {
    const page = await site.open('/', { viewport: PHONE });
    const sizes = await page
      .locator('.tile-map [data-department]')
      .evaluateAll((tiles) =>
        tiles.map((tile) => tile.getBoundingClientRect()).map(({ width, height }) => Math.min(width, height)),
      );
    expect(sizes.length).toBeGreaterThan(100);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(44);
    const region = page.getByRole('region', { name: 'France métropolitaine' });
    expect(await region.getAttribute('tabindex')).toBe('0');
    const widths = await region.evaluate((element) => ({ content: element.scrollWidth, box: element.clientWidth }));
    expect(widths.content).toBeGreaterThan(widths.box);
    await page.context().close();
  });
});
