import { expect, test } from 'vitest';
import { accessibilityViolations, describeInBrowser, pageProblems } from '../support/browser.ts';
import { pdfPages } from '../support/pdf.ts';

const PROCEDURE = '/93/titre-sejour-bobigny/';
const MARCH = '/93/titre-sejour-bobigny/2018-03/';

describeInBrowser('site pages in Chromium', (site) => {
  test('the synthesis chart is drawn with the shares of the month table', async () => {
    const page = await site.open(PROCEDURE);
    const drawn = await page.locator('[data-synthesis-chart]').getAttribute('data-drawn', { timeout: 10_000 });
    const series = JSON.parse(drawn ?? '[]') as { label: string; data: (number | null)[] }[];
    // Months oldest first: January (2 noir of 4), February (2 orange of 3), March (711 noir of 712).
    expect(series.map((entry) => entry.label)).toEqual(['Vert', 'Jaune', 'Orange', 'Rouge', 'Noir']);
    expect(series.find((entry) => entry.label === 'Noir')!.data.map((share) => Number(share?.toFixed(2)))).toEqual([50, 0, 99.86]);
    expect(series.find((entry) => entry.label === 'Orange')!.data.map((share) => Number(share?.toFixed(2)))).toEqual([0, 66.67, 0]);
    expect(await page.locator('canvas[role="img"]').getAttribute('aria-label')).toContain('de janvier 2018 à mars 2018');
    expect(pageProblems(page)).toEqual([]);
  });

  test('the month table is there without JavaScript', async () => {
    const page = await site.open(PROCEDURE, { javaScript: false });
    expect(await page.locator('table.month-table tbody tr').count()).toBe(3);
    const raw = await site.open(MARCH, { javaScript: false });
    expect(await raw.locator('table.raw-table tbody tr').count()).toBe(743);
  });

  test('the range filter shows, and prints, only the chosen days', async () => {
    const page = await site.open(MARCH);
    await page.getByLabel('Du').fill('2018-03-05');
    await page.getByLabel('au', { exact: true }).fill('2018-03-06');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await expect.poll(() => page.locator('table.raw-table tbody:visible tr').count()).toBe(48);
    expect(await page.locator('[data-period]').textContent()).toBe('du 5/03/2018 au 6/03/2018');
    expect(await page.locator('[data-range-status]').textContent()).toBe('48 sondages affichés.');
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
      expect(text, `page ${index + 1}`).toContain('période du 1/03/2018 au 31/03/2018');
      expect(text, `page ${index + 1}`).toContain('données compilées le 31 mars 2018');
      expect(text, `page ${index + 1}`).toContain(`page ${index + 1} / ${printed.length}`);
    });
    expect(printed[0]).toContain('a réalisé un sondage par heure pour la période du 1/03/2018 au 31/03/2018');
    expect(printed.join('\n')).toContain('Échec : erreur du serveur (HTTP 500)');
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
  });

  test('the home table sorts by a column and filters by text', async () => {
    const page = await site.open('/');
    const table = page.locator('.procedure-table table');
    const procedures = () => table.locator('tbody tr:visible th[scope="row"]').allTextContents();
    await table.getByRole('button', { name: /Taux d’ouverture/ }).click();
    const header = table.locator('th', { has: page.getByRole('button', { name: /Taux d’ouverture/ }) });
    expect(await header.getAttribute('aria-sort')).toMatch(/ascending|descending/);
    expect((await procedures())[0]).toBe("Demande d'admission exceptionnelle au séjour");
    await page.getByLabel('Filtrer les démarches').fill('corse');
    await expect.poll(async () => (await procedures()).length).toBe(1);
    expect(await procedures()).toEqual(['Première demande de titre de séjour']);
    expect(pageProblems(page)).toEqual([]);
  });

  test.each([
    ['home', '/'],
    ['department', '/93/'],
    ['procedure', PROCEDURE],
    ['procedure without data', '/975/spm-sejour/'],
    ['raw month', MARCH],
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
