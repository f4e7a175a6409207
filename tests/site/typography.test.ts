/**
 * French typography on every page the fixture site builds: no breaking space
 * before ; : ? ! or », none after «, and « d’avril », never « de avril ».
 * Scripts, styles, code and attribute values are not running text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { describe, expect, inject, test } from 'vitest';
import { frenchSpacing, innerQuotes } from '../../src/lib/french-typography.ts';
import { frenchHtml } from '../../src/site/french-html.ts';
import type { ChartData } from '../../src/site/client/synthesis-chart.ts';
import { describeInBrowser, pageProblems } from '../support/browser.ts';

const show = (text: string) => text.replace(/\u00a0/g, '⍽').replace(/\u202f/g, '·');

/** What a French reader would find wrong in running text, each problem with its context. */
function typographyProblems(text: string): string[] {
  return [
    ...[...text.matchAll(/.{0,30}[ \t\r\n][;:?!»].{0,10}/g)].map(
      ([match]) => `breaking space before punctuation: “${match.trim()}”`,
    ),
    ...[...text.matchAll(/.{0,10}«[ \t\r\n].{0,30}/g)].map(([match]) => `breaking space after «: “${match.trim()}”`),
    ...[...text.matchAll(/\bde (avril|août|octobre)\b/gi)].map(([match]) => `no elision: “${match}”`),
    ...[...text.matchAll(/«[^»]*«/g)].map(([match]) => `nested guillemets: “${match.slice(0, 60)}”`),
  ].map(show);
}

describe('French spacing of running text', () => {
  test.each([
    ['Objet : demande', 'Objet⍽: demande'],
    ['Pourquoi ? Parce que ; enfin !', 'Pourquoi·? Parce que·; enfin·!'],
    ['part « noir »', 'part «·noir·»'],
    ['part «noir»', 'part «·noir·»'],
    ['71,4 %', '71,4⍽%'],
    ['https://example.fr/a:b', 'https://example.fr/a:b'],
    ['à 23:20', 'à 23:20'],
    ['09:20:25 puis 10:20:25', '09:20:25 puis 10:20:25'],
    ['il dit “ oui ”', 'il dit “oui”'],
    ['Objet⍽: déjà juste', 'Objet⍽: déjà juste'],
  ])('%j becomes %j', (text, expected) => {
    expect(show(frenchSpacing(text.replace(/⍽/g, '\u00a0')))).toBe(expected);
  });

  test('a quotation inside a quotation takes “ ”', () => {
    expect(innerQuotes('guichet « salarié »')).toBe('guichet “salarié”');
    expect(show(frenchSpacing('la démarche « AES (guichet « salarié ») » de Paris'))).toBe(
      'la démarche «·AES (guichet “salarié”)·» de Paris',
    );
  });

  test.each([
    ['<p>Objet : x</p>', '<p>Objet⍽: x</p>'],
    ['<p><strong>Objet</strong> : x</p>', '<p><strong>Objet</strong>⍽: x</p>'],
    ['<a title="a : b" href="/x?y=1">Lien !</a>', '<a title="a : b" href="/x?y=1">Lien·!</a>'],
    [
      '<script>if (a ? b : c) {}</script><style>a :hover {}</style>',
      '<script>if (a ? b : c) {}</script><style>a :hover {}</style>',
    ],
    ['<code>a ; b</code> et ; c', '<code>a ; b</code> et·; c'],
    ['<!-- a : b --><p>ok</p>', '<!-- a : b --><p>ok</p>'],
    // A raw-data month's days come from rawMonthRows already in French: left as made; the caption still changes.
    [
      '<caption>Sondages : x</caption><tbody data-day=2018-03-01><tr><td>a : b</tbody><tbody><tr><td>c : d</tbody>',
      '<caption>Sondages⍽: x</caption><tbody data-day=2018-03-01><tr><td>a : b</tbody><tbody><tr><td>c⍽: d</tbody>',
    ],
  ])('in HTML, only the text changes: %s', (html, expected) => {
    expect(show(frenchHtml(html))).toBe(expected);
  });
});

/** Every HTML page of the built fixture site, as a path relative to its root. */
function htmlPages(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .sort();
}

const siteDir = inject('fixtureSiteDir');
const pages = htmlPages(siteDir);

describe('French typography on every built page', () => {
  test('the fixture site has pages to check', () => {
    expect(pages.length).toBeGreaterThan(30);
  });

  test.each(pages)('%s', (page) => {
    const $ = load(readFileSync(path.join(siteDir, page), 'utf8'));
    $('script, style, textarea, code, pre').remove();
    expect(typographyProblems($('html').text())).toEqual([]);
  });

  // The chart's tooltips ride in JSON next to the canvas, which the site's middleware leaves alone.
  test.each(pages.filter((page) => readFileSync(path.join(siteDir, page), 'utf8').includes('data-synthesis-chart')))(
    'the chart tooltips of %s',
    (page) => {
      const $ = load(readFileSync(path.join(siteDir, page), 'utf8'));
      const data = JSON.parse($('[data-synthesis-chart] script[type="application/json"]').text()) as ChartData;
      const tooltips = [...data.series.flatMap((series) => series.tooltips), ...data.failures.tooltips];
      expect(tooltips.length).toBeGreaterThan(0);
      expect(typographyProblems(tooltips.join('\n'))).toEqual([]);
    },
  );
});

/** Text built by the pages' scripts, after they ran: the middleware never sees it. */
describeInBrowser('French typography of text built in the browser', (site) => {
  test('the letter preview, its error summary and its advice', async () => {
    const page = await site.open('/93/titre-sejour-bobigny/courrier/');
    // Printing with the form still empty lists what is missing.
    await page.getByRole('button', { name: 'Imprimer le courrier' }).click();
    const summary = await page.locator('[data-error-summary]').innerText();
    expect(summary).toContain('Indiquez votre adresse postale');
    await page.getByLabel('Nom et prénom (obligatoire)').fill('Awa Diallo');
    await page.getByLabel('Adresse postale (obligatoire)').fill('12 rue de la Paix\n93000 Bobigny');
    await page.getByLabel('Ville d’où vous écrivez (obligatoire)').fill('Bobigny');
    await page.getByLabel('Date du courrier (obligatoire)').fill('2018-04-03');
    // What the person types goes through the same rules: « salarié », a colon, a semicolon, a question mark.
    await page.getByLabel('Motif, en quelques mots').fill('travail : « salarié » ; urgent ?');
    await page.getByLabel('J’ai essayé plusieurs fois').check();
    await page.locator('#attempt-0-day').fill('2018-03-05');
    await page.locator('#attempt-0-time').fill('09:15');
    const letter = await page.locator('[data-letter]').innerText();
    expect(letter).toContain('Objet');
    expect(letter).toContain('salarié');
    const advice = await page.locator('[data-attempt-advice]').innerText();
    expect(advice).toContain('Le juge demande plusieurs tentatives');
    expect(typographyProblems([letter, summary, advice].join('\n'))).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
  });

  test('the planner, once it has planned the attempts and saved the calendar', async () => {
    const page = await site.open('/outils/planifier-mes-tentatives/');
    await page.getByLabel('Date de la première tentative').fill('2018-03-05');
    await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger le calendrier (.ics)' }).click(),
    ]);
    const status = await page.locator('[data-planner-status]').innerText();
    expect(status).toContain('Calendrier enregistré');
    const text = await page.locator('main').innerText();
    expect(text).toContain('lundi 5 mars 2018');
    expect(typographyProblems(text)).toEqual([]);
  });

  test('an older month, whose rows are drawn from its CSV', async () => {
    const page = await site.open('/93/titre-sejour-bobigny/2015-06/');
    await page.locator('table.raw-table[data-raw-month-rendered]').waitFor({ state: 'attached', timeout: 10_000 });
    const rows = await page.locator('table.raw-table').innerText();
    expect(rows).toContain('Échec');
    expect(typographyProblems(rows)).toEqual([]);
  });

  test('an older month whose CSV cannot be read says why', async () => {
    const context = await site.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    await page.route('**/2015-06.csv.gz', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(`${site.origin}/93/titre-sejour-bobigny/2015-06/`);
    const status = page.locator('[data-raw-month-status]');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toContain('n’a pas pu être affiché');
    expect(typographyProblems((await status.textContent()) ?? '')).toEqual([]);
    await context.close();
  });
});
