import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import type { Page } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { parseMonthFile } from '../../src/lib/probe.ts';
import { parseRegistry } from '../../src/lib/registry.ts';
import { monthPath, procedurePath } from '../../src/site/paths.ts';
import { rawMonthRows, rawProbeRow } from '../../src/site/raw-month-table.ts';
import { accessibilityViolations, describeInBrowser, pageProblems } from '../support/browser.ts';
import { monthFileDigest, versionOfDigest } from '../../src/lib/month-version.ts';
import { BOBIGNY_JUNE_2015, bobignyMarch } from '../support/fixture-data.ts';
import { pdfPages } from '../support/pdf.ts';

const PROCEDURE = '/93/titre-sejour-bobigny/';
const MARCH = '/93/titre-sejour-bobigny/2018-03/';
/** Older than the prerendered window: the browser draws its rows from the CSV. */
const JUNE_2015 = '/93/titre-sejour-bobigny/2015-06/';
const JUNE_2015_CSV = '/donnees/sondages/93/titre-sejour-bobigny/2015-06.csv.gz';

/** Each row of the raw table as its cells' text. */
const rawRows = (page: Page, selector = 'table.raw-table tbody tr') =>
  page
    .locator(selector)
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim())),
    );

/** The rows a prerendered page would carry for the fixture's June 2015, as text. */
function prerenderedJune2015(): string[][] {
  const $ = load(
    `<table>${rawMonthRows(parseMonthFile(BOBIGNY_JUNE_2015, 'fixture.csv', '2015-06').probes.map(rawProbeRow))}</table>`,
  );
  return $('tr')
    .toArray()
    .map((row) =>
      $(row)
        .find('th, td')
        .toArray()
        .map((cell) => $(cell).text().trim()),
    );
}

/** Opens the June 2015 page and waits for its rows. */
async function openJune2015(open: (sitePath: string) => Promise<Page>, hash = ''): Promise<Page> {
  const page = await open(`${JUNE_2015}${hash}`);
  await page.locator('table.raw-table[data-raw-month-rendered]').waitFor({ state: 'attached', timeout: 10_000 });
  return page;
}

/**
 * Every procedure page and every month page of the fixture, found from its data
 * (the registry and the month files), whatever procedures it holds.
 */
function printablePages(): string[] {
  const dataDir = inject('fixtureDataDir');
  return parseRegistry(readFileSync(path.join(dataDir, 'procedures.csv'), 'utf8'), 'procedures.csv').flatMap(
    (procedure) => {
      const directory = path.join(dataDir, 'probes', procedure.department, procedure.slug);
      const months = existsSync(directory)
        ? readdirSync(directory)
            .filter((file) => /^\d{4}-\d{2}\.csv$/.test(file))
            .map((file) => file.slice(0, 7))
        : [];
      return [procedurePath(procedure), ...months.map((month) => monthPath(procedure, month))];
    },
  );
}

/**
 * What a printed sheet holds of its own: the margins (address, period, edition,
 * page number) are left out, and the citation and the site footer are printed
 * invisible (laid out as before, so the sheets break at the same places).
 */
const BODY_ONLY_CSS = `@page { @top-right { content: none } @bottom-left { content: none } @bottom-right { content: none } }
@media print { .citation, .site-footer { visibility: hidden !important } }`;

/** Below this many characters, a sheet holds almost nothing: a lone row, a heading, a note. */
const NEAR_EMPTY_SHEET = 200;

describeInBrowser('site pages in Chromium', (site) => {
  test('the synthesis chart is drawn with the shares of the month table', async () => {
    const page = await site.open(PROCEDURE);
    const drawn = await page.locator('[data-synthesis-chart]').getAttribute('data-drawn', { timeout: 10_000 });
    const series = JSON.parse(drawn ?? '[]') as { label: string; data: (number | null)[] }[];
    // Months oldest first: June 2015 (1 of each colour in 5), January (2 noir of 4), February (2 orange of 3), March (711 noir of 712).
    // The five colours, then failed probes among those attempted: 2 of 7, 1 of 5, 0 of 3, 31 of 743.
    expect(series.map((entry) => entry.label)).toEqual([
      'Vert',
      'Jaune',
      'Orange',
      'Rouge',
      'Noir',
      'Sondages échoués (part des sondages tentés)',
    ]);
    expect(series[5]!.data.map((share) => Number(share?.toFixed(2)))).toEqual([28.57, 20, 0, 4.17]);
    expect(series.find((entry) => entry.label === 'Noir')!.data.map((share) => Number(share?.toFixed(2)))).toEqual([
      20, 50, 0, 99.86,
    ]);
    expect(series.find((entry) => entry.label === 'Orange')!.data.map((share) => Number(share?.toFixed(2)))).toEqual([
      20, 0, 66.67, 0,
    ]);
    expect(await page.locator('canvas[role="img"]').getAttribute('aria-label')).toContain('de juin 2015 à mars 2018');
    expect(pageProblems(page)).toEqual([]);
  });

  test('the month table is there without JavaScript', async () => {
    const page = await site.open(PROCEDURE, { javaScript: false });
    expect(await page.locator('table.month-table tbody tr').count()).toBe(4);
    const raw = await site.open(MARCH, { javaScript: false });
    expect(await raw.locator('table.raw-table tbody tr').count()).toBe(743);
  });

  test('an older month says, without JavaScript, that it needs it, and links its CSV', async () => {
    const page = await site.open(JUNE_2015, { javaScript: false });
    expect(await page.locator('table.raw-table tbody tr').count()).toBe(0);
    const message = page.locator('.empty-state', { hasText: 'JavaScript' });
    await expect.poll(() => message.isVisible()).toBe(true);
    expect(await message.textContent()).toContain('Les sondages de juin 2015 ne sont pas écrits dans cette page');
    expect(await message.getByRole('link').getAttribute('href')).toBe(JUNE_2015_CSV);
  });

  test('an older month draws from its CSV the rows a prerendered month would carry', async () => {
    const page = await openJune2015(site.open);
    const expected = prerenderedJune2015();
    expect(expected).toHaveLength(7);
    expect(await rawRows(page)).toEqual(expected);
    expect(expected[5]![2]).toBe(
      'Échec\u00a0: erreur du serveur (réponse HTTP 503\u00a0: <maintenance>, «\u202frevenez\u202f» & réessayez)',
    );
    expect(
      await page.locator('tbody[data-day]').evaluateAll((days) => days.map((day) => (day as HTMLElement).dataset.day)),
    ).toEqual(['2015-06-01', '2015-06-02', '2015-06-03']);
    expect(await page.locator('[data-raw-month-status]').textContent()).toBe('');
    expect(await page.locator('table.raw-table').getAttribute('aria-busy')).toBeNull();
    expect(await page.locator('[data-range-filter]').isVisible()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
  });

  test('the range filter works on the rows of an older month, and a shared range applies once they are drawn', async () => {
    const page = await openJune2015(site.open);
    await page.getByLabel('Du').fill('2015-06-02');
    await page.getByLabel('au', { exact: true }).fill('2015-06-03');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await expect.poll(() => page.locator('table.raw-table tbody:visible tr').count()).toBe(4);
    expect(await page.locator('[data-range-status]').textContent()).toBe('4\u00a0sondages affichés.');
    expect(await page.locator('[data-period]').textContent()).toBe('du 2/06/2015 au 3/06/2015');
    expect(page.url()).toContain('#du=2015-06-02&au=2015-06-03');
    const shared = await openJune2015(site.open, '#du=2015-06-01&au=2015-06-01');
    await expect.poll(() => shared.locator('table.raw-table tbody:visible tr').count()).toBe(3);
    expect(await rawRows(shared, 'table.raw-table tbody:visible tr')).toEqual(prerenderedJune2015().slice(0, 3));
    expect(await shared.locator('[data-period]').textContent()).toBe('du 1/06/2015 au 1/06/2015');
    expect(pageProblems(shared)).toEqual([]);
  });

  test('a printed older month has its rows, and the URL, the period and the month file version on every page', async () => {
    const page = await openJune2015(site.open);
    const printed = pdfPages(await page.pdf({ format: 'A4' }));
    printed.forEach((text, index) => {
      expect(text, `page ${index + 1}`).toContain(`https://guichets.example${JUNE_2015}`);
      // The period the probes cover, not the calendar month.
      expect(text, `page ${index + 1}`).toContain(
        'période du 01/06/2015 9 h 20 au 03/06/2015 9 h 20 · mois : 7 h sondées sur 720',
      );
      // A closed month cites its own file, never the compile date: its page stays the same from build to build.
      expect(text, `page ${index + 1}`).toMatch(/mois clos · version des données du mois [0-9a-f]{12}/);
      expect(text, `page ${index + 1}`).not.toContain('données compilées');
      expect(text, `page ${index + 1}`).toContain(`page ${index + 1} / ${printed.length}`);
    });
    const text = printed.join('\n');
    expect(text).toContain('01/06/2015 09:20:25 Aucune date');
    expect(text).toContain('20/06/2015 aucune autre date');
    // pdftotext may read a wrapped cell's last line after the next column: the detail is checked in parts.
    expect(text).toContain('Échec : erreur du serveur (réponse HTTP 503 : <maintenance>, « revenez »');
    expect(text).toContain('Non sondé : captcha exigé');
    expect(text).not.toContain('JavaScript');
  });

  test('an older month whose CSV cannot be read says so in French and offers the CSV', async () => {
    const context = await site.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    await page.route(`**${JUNE_2015_CSV}`, (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(`${site.origin}${JUNE_2015}`);
    const status = page.locator('[data-raw-month-status]');
    await expect
      .poll(() => status.textContent(), { timeout: 10_000 })
      .toContain('Le tableau de ce mois n’a pas pu être affiché\u00a0: le serveur a répondu par une erreur 404');
    expect(await status.getByRole('link').getAttribute('href')).toBe(JUNE_2015_CSV);
    expect(await page.locator('table.raw-table tbody tr').count()).toBe(0);
    expect(await page.locator('[data-range-filter]').isHidden()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  test('the range filter shows, and prints, only the chosen days', async () => {
    const page = await site.open(MARCH);
    await page.getByLabel('Du').fill('2018-03-05');
    await page.getByLabel('au', { exact: true }).fill('2018-03-06');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await expect.poll(() => page.locator('table.raw-table tbody:visible tr').count()).toBe(48);
    expect(await page.locator('[data-period]').textContent()).toBe('du 5/03/2018 au 6/03/2018');
    expect(await page.locator('[data-range-status]').textContent()).toBe('48\u00a0sondages affichés.');
    expect(page.url()).toContain('#du=2018-03-05&au=2018-03-06');
    const printed = pdfPages(await page.pdf({ format: 'A4' }));
    const text = printed.join('\n');
    expect(text).toContain('05/03/2018');
    expect(text).not.toContain('07/03/2018');
    expect(printed.length).toBeLessThanOrEqual(2);
    expect(printed[0]).toContain('période du 5/03/2018 au 6/03/2018');
  });

  test('a printed month fits in 20 A4 pages, each with the URL, the period and the compile date', async () => {
    const page = await site.open(MARCH);
    const printed = pdfPages(await page.pdf({ format: 'A4' }));
    expect(printed.length).toBeGreaterThan(5);
    expect(printed.length).toBeLessThanOrEqual(20);
    printed.forEach((text, index) => {
      expect(text, `page ${index + 1}`).toContain(`https://guichets.example${MARCH}`);
      expect(text, `page ${index + 1}`).toContain(
        'période du 01/03/2018 0 h 20 au 31/03/2018 23 h 20 · mois : 743 h sondées sur 743 (mois en cours)',
      );
      // The month still running: its file's version as compiled, the one its citation gives, beside the compile date.
      expect(text, `page ${index + 1}`).toContain(
        `version actuelle du mois ${versionOfDigest(monthFileDigest(bobignyMarch()))}`,
      );
      expect(text, `page ${index + 1}`).toContain('données compilées le 31 mars 2018');
      expect(text, `page ${index + 1}`).toContain(`page ${index + 1} / ${printed.length}`);
    });
    // March is the month still running: no « un sondage par heure » for the whole month, the probes' own period instead.
    expect(printed[0]).toContain(
      'a réalisé 743 sondages pour la période du 1er mars 2018 à 0 h 20 au 31 mars 2018 à 23 h 20 (heure de Paris)',
    );
    expect(printed[0]).toContain(
      'Le mois est en cours : chacune des 743 heures écoulées du mois a au moins un sondage.',
    );
    expect(printed.join('\n')).toContain('Échec : erreur du serveur (réponse HTTP 500)');
    // Every sheet's first row carries its date, even when a day runs over a sheet break.
    const sheetsWithRows = printed.filter((text) => /\d\d:20:25/.test(text));
    expect(sheetsWithRows.length).toBeGreaterThan(5);
    for (const text of sheetsWithRows)
      expect(/(\d\d\/03\/2018)? ?\d\d:20:25/.exec(text)?.[1], text.slice(0, 300)).toMatch(/^\d\d\/03\/2018$/);
  });

  test('a printed procedure page shows the chart, the table and the source on every page', async () => {
    const page = await site.open(PROCEDURE);
    await page.locator('[data-synthesis-chart][data-drawn]').waitFor();
    await page.emulateMedia({ media: 'print' });
    const box = await page.locator('[data-synthesis-chart] canvas').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    const printed = pdfPages(await page.pdf({ format: 'A4' }));
    expect(printed.length).toBeLessThanOrEqual(4);
    for (const text of printed) expect(text).toContain(`https://guichets.example${PROCEDURE}`);
    expect(printed.join('\n')).toContain('Totaux');
    // The page opens with what the latest probe found.
    expect(printed[0]).toContain('Dernier sondage, le 31 mars 2018 à 23 h 20 : aucune date.');
  });

  test.each(printablePages())(
    'printed, %s has no near-empty sheet and takes only the sheets it needs',
    async (sitePath) => {
      const page = await site.open(sitePath);
      if (await page.locator('[data-synthesis-chart]').count())
        await page.locator('[data-synthesis-chart][data-drawn]').waitFor();
      if (await page.locator('table.raw-table[data-raw-month-csv]').count())
        await page.locator('table.raw-table[data-raw-month-rendered]').waitFor({ state: 'attached', timeout: 10_000 });
      const whole = pdfPages(await page.pdf({ format: 'A4' }));
      await page.addStyleTag({ content: BODY_ONLY_CSS });
      const sheets = pdfPages(await page.pdf({ format: 'A4' }));
      // Hiding the citation and the footer moves nothing: the same sheets, now without them.
      expect(sheets).toHaveLength(whole.length);
      sheets.forEach((text, index) =>
        expect(text.trim().length, `sheet ${index + 1} of ${sheets.length}: ${text}`).toBeGreaterThanOrEqual(
          NEAR_EMPTY_SHEET,
        ),
      );
      // As few sheets as the content needs: every sheet but the last is at least half full (counted in body text).
      const full = Math.max(...sheets.map((text) => text.length));
      if (sheets.length > 2)
        sheets
          .slice(1, -1)
          .forEach((text, index) => expect(text.length, `sheet ${index + 2}`).toBeGreaterThan(full / 2));
    },
  );

  test('a month table printed over several sheets prints its totals once, after the last month', async () => {
    const page = await site.open(PROCEDURE);
    await page.locator('[data-synthesis-chart][data-drawn]').waitFor();
    // Short sheets, so that the fixture's four months run over two sheets as ten years of months would on A4.
    const splits: number[] = [];
    for (const height of [100, 140, 160]) {
      await page.addStyleTag({ content: `@page { size: 210mm ${height}mm }` });
      const printed = pdfPages(await page.pdf({ preferCSSPageSize: true }));
      const sheetOf = (text: string) => printed.findIndex((sheet) => sheet.includes(text));
      // The newest month's row (March 2018) and the oldest one's (June 2015), by their figures.
      const [newest, oldest] = [sheetOf('99,9 % (711)'), sheetOf('20 % (1) 20 % (1)')];
      expect(newest, `${height} mm`).toBeGreaterThanOrEqual(0);
      if (newest === oldest) continue;
      splits.push(height);
      const text = printed.join('\n');
      expect(text.match(/Totaux/g), `${height} mm`).toHaveLength(1);
      expect(sheetOf('Totaux'), `${height} mm`).toBeGreaterThanOrEqual(oldest);
    }
    expect(splits.length, 'the month table ran over two sheets at least once').toBeGreaterThan(0);
  });

  test('the home table sorts by a column and filters by text', async () => {
    const page = await site.open('/');
    const table = page.locator('.procedure-table table');
    const procedures = () =>
      table
        .locator('tbody tr:visible th[scope="row"] a')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    const shares = () =>
      table.locator('tbody tr:visible td.within-month').evaluateAll((cells) =>
        cells
          .map((cell) => cell.getAttribute('data-sort'))
          .filter((key) => key !== '')
          .map(Number),
      );
    await table.getByRole('button', { name: /Date à moins d’un mois/ }).click();
    const header = table.locator('th', { has: page.getByRole('button', { name: /Date à moins d’un mois/ }) });
    const order = await header.getAttribute('aria-sort');
    expect(order).toMatch(/^(ascending|descending)$/);
    // The procedures with a figure in the order of their share (Lyon's 0 %, Bobigny's 28,6 %).
    const sorted = await shares();
    expect(sorted.length).toBeGreaterThanOrEqual(2);
    expect(sorted).toEqual([...sorted].sort((a, b) => (order === 'ascending' ? a - b : b - a)));
    expect((await procedures())[0]).toBe(
      order === 'ascending' ? '/69/lyon-premiere-demande/' : '/93/titre-sejour-bobigny/',
    );
    await page.getByLabel('Filtrer les démarches').fill('corse');
    await expect.poll(async () => (await procedures()).length).toBe(1);
    expect(await procedures()).toEqual(['/2A/ajaccio-sejour/']);
    expect(pageProblems(page)).toEqual([]);
  });

  test.each([
    ['home', '/'],
    ['department', '/93/'],
    ['procedure', PROCEDURE],
    ['procedure without data', '/975/spm-sejour/'],
    ['raw month', MARCH],
    ['older raw month, before its rows are drawn', JUNE_2015],
    ['raw month with only failures', '/95/sarcelles-5260/2018-03/'],
    ['method', '/methode/'],
    ['data', '/donnees/'],
    ['guide list', '/guides/'],
    ['guide', '/guides/les-trois-referes/'],
  ])('the %s page has no accessibility violation and makes no third-party request', async (_name, sitePath) => {
    const page = await site.open(sitePath);
    await page.waitForLoadState('networkidle');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
  });
});
