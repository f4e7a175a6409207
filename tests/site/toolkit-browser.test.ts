import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { parseRegistry } from '../../src/lib/registry.ts';
import { isoWeek } from '../../src/site/toolkit/attempt-plan.ts';
import { FIXTURE_REGISTRY } from '../support/fixture-data.ts';
import { accessibilityViolations, describeInBrowser, pageProblems } from '../support/browser.ts';
import { pdfPages } from '../support/pdf.ts';
import { parseCalendar, readZip, readZipIndependently, unescapeText } from './toolkit-support.ts';

const LETTER = '/93/titre-sejour-bobigny/courrier/';
const PACK = '/93/titre-sejour-bobigny/dossier/';
const PLANNER = '/outils/planifier-mes-tentatives/';
const PERMALINK = 'https://guichets.example/93/titre-sejour-bobigny/';
/** Every procedure of the fixture's registry is listed on the tools page. */
const REGISTRY_SIZE = parseRegistry(FIXTURE_REGISTRY, 'procedures.csv').length;
/** The planner's clocks (the browser runs on Paris time): before and after the first attempt's 9 h 15. */
const MONDAY_MORNING = '2018-03-05T07:00:00+01:00';

/** A4 in PDF points, as Chromium writes the MediaBox (±1 pt). */
function pageSizes(pdf: Buffer): [number, number][] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((match) => [
    Number(match[1]),
    Number(match[2]),
  ]);
}

/** Requests the page makes from now on (the tools must make none with what is typed). */
function recordRequests(page: Page): string[] {
  const requests: string[] = [];
  page.on('request', (request) => {
    // The browser may still fetch the favicon after the page has loaded; it carries nothing.
    if (/^(blob|data):/.test(request.url()) || request.url().endsWith('/favicon.svg')) return;
    requests.push(`${request.method()} ${request.url()}`);
  });
  return requests;
}

async function fillLetter(page: Page): Promise<void> {
  await page.getByLabel('Nom et prénom (obligatoire)').fill('Awa Diallo');
  await page.getByLabel('Adresse postale (obligatoire)').fill('12 rue de la Paix\n93000 Bobigny');
  await page
    .getByLabel('Adresse du service des étrangers (obligatoire)')
    .fill('Préfecture de Bobigny\nService des étrangers\n1 esplanade Jean-Moulin\n93000 Bobigny');
  await page.getByLabel('Ville d’où vous écrivez (obligatoire)').fill('Bobigny');
  await page.getByLabel('Date du courrier (obligatoire)').fill('2018-04-03');
  await page.getByLabel('Première demande').check();
  await page.getByLabel('J’ai essayé plusieurs fois').check();
  const attempts = [
    ['2018-03-05', '09:15'],
    ['2018-03-13', '17:45'],
    ['2018-03-20', '14:30'],
  ];
  for (const [index, [day, time]] of attempts.entries()) {
    await page.locator(`#attempt-${index}-day`).fill(day!);
    await page.locator(`#attempt-${index}-time`).fill(time!);
  }
  await page.getByLabel('Date d’expiration de ce document').fill('2018-05-01');
}

describeInBrowser('the toolkit in Chromium', (site) => {
  test('the letter shows the fixture figures and fills in from the form', async () => {
    const page = await site.open(LETTER);
    const requests = recordRequests(page);
    // Bobigny compiled on 31 March 2018: December 2017 to February 2018, 7 successful probes, 2 noir.
    expect(await page.locator('[data-successful]').textContent()).toBe('7');
    expect((await page.locator('[data-noir-share]').textContent())?.replace(/\s/g, ' ')).toBe('28,6 %');
    expect(await page.locator('[data-letter-statistics]').textContent()).toContain('de décembre 2017 à février 2018');
    await fillLetter(page);
    const letter = (await page.locator('[data-letter]').innerText()).replace(/\s+/g, ' ');
    expect(letter).toContain('Awa Diallo 12 rue de la Paix 93000 Bobigny');
    expect(letter).toContain('Bobigny, le 3 avril 2018');
    expect(letter).toContain('Objet : Demande de rendez-vous pour le dépôt d’une demande de titre de séjour');
    expect(letter).toContain('le 5 mars 2018 à 9 h 15 : aucune date proposée');
    expect(letter).toContain(
      'sur les 7 sondages réussis de la période de décembre 2017 à février 2018 (8 heures sur 2 160 de la période ont au moins un sondage, 2 152 n’en ont aucun), aucun rendez-vous n’était proposé dans 28,6 % des cas',
    );
    expect(letter).toContain(`(source : ${PERMALINK}, données arrêtées au dernier sondage, le 31 mars 2018 à 23 h 20`);
    expect(letter).toContain('Mon titre de séjour actuel expire le 1er mai 2018.');
    // Nothing typed went anywhere, nothing was stored.
    expect(requests).toEqual([]);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([
      0,
      0,
      '',
    ]);
    expect(pageProblems(page)).toEqual([]);
  });

  test('the letter prints alone, on whole A4 pages, with the figures and the permalink', async () => {
    const page = await site.open(LETTER);
    await fillLetter(page);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const printed = pdfPages(pdf);
    expect(printed.length).toBeGreaterThanOrEqual(1);
    expect(printed.length).toBeLessThanOrEqual(2);
    for (const [width, height] of pageSizes(pdf)) {
      expect(Math.abs(width - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(height - 841.9)).toBeLessThan(1.5);
    }
    const text = printed.join(' ');
    expect(text).toContain('Awa Diallo');
    expect(text).toContain('7 sondages réussis');
    expect(text).toContain('28,6 %');
    expect(text).toContain(PERMALINK);
    expect(text).toContain('salutations distinguées');
    // Only the letter: no form, no site menus, no site footer.
    expect(text).not.toContain('Compléter le courrier');
    expect(text).not.toContain('Aller au contenu');
    expect(text).not.toMatch(/page \d+ \/ \d+/);
    expect(text).not.toContain('version des données');
  });

  test('the letter is not printed or saved while required fields are missing, and says which', async () => {
    const page = await site.open(LETTER);
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByRole('button', { name: 'Imprimer le courrier' }).click();
    const summary = page.locator('[data-error-summary]');
    expect(await summary.isVisible()).toBe(true);
    expect(await summary.textContent()).toContain('Indiquez votre nom et votre prénom.');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    const name = page.getByLabel('Nom et prénom (obligatoire)');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toContain('name-error');
    expect(await page.locator('#name-error').textContent()).toBe('Indiquez votre nom et votre prénom.');
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(0);
    await fillLetter(page);
    expect(await summary.isVisible()).toBe(false);
    expect(await name.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: 'Imprimer le courrier' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  });

  test('the letter downloads as .odt and as plain text, with the same text', async () => {
    const page = await site.open(LETTER);
    const requests = recordRequests(page);
    await fillLetter(page);
    const [odt] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Télécharger \(\.odt/ }).click(),
    ]);
    expect(odt.suggestedFilename()).toBe('courrier-prefecture-93-titre-sejour-bobigny.odt');
    const entries = readZip(readFileSync((await odt.path())!));
    readZipIndependently(readFileSync((await odt.path())!));
    expect(entries[0]!.data.toString()).toBe('application/vnd.oasis.opendocument.text');
    const content = entries
      .find((entry) => entry.name === 'content.xml')!
      .data.toString('utf8')
      .replace(/\u00a0/g, ' ');
    expect(content).toContain('Awa Diallo');
    expect(content).toContain('aucun rendez-vous n’était proposé dans 28,6 % des cas');
    const [text] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger le texte (.txt)' }).click(),
    ]);
    const plain = readFileSync((await text.path())!, 'utf8').replace(/\u00a0/g, ' ');
    expect(plain.startsWith('\uFEFFAwa Diallo\r\n12 rue de la Paix')).toBe(true);
    expect(plain).toContain(`source : ${PERMALINK}`);
    expect(requests).toEqual([]);
  });

  test('without JavaScript the letter page prints a template to fill in by hand', async () => {
    const page = await site.open(LETTER, { javaScript: false });
    expect(await page.locator('[data-letter-form]').isVisible()).toBe(false);
    const letter = await page.locator('[data-letter]').innerText();
    expect(letter).toContain('[Nom et prénom]');
    expect(letter).toContain('Préfecture de Bobigny');
    expect(letter.replace(/\s/g, ' ')).toContain('28,6 %');
  });

  test('a procedure without a successful probe in the period: no statistics paragraph, and the page says why', async () => {
    const page = await site.open('/2A/ajaccio-sejour/courrier/');
    expect(await page.locator('[data-no-statistics]').textContent()).toContain(
      'Aucun sondage réussi sur les trois derniers mois écoulés (de décembre 2017 à février 2018)',
    );
    expect(await page.locator('[data-letter]').innerText()).not.toContain('relevés publics');
    expect(await page.locator('input[name=includeStatistics]').count()).toBe(0);
  });

  test('the evidence pack prints the three annexes with the right numbers, pages numbered', async () => {
    const page = await site.open(PACK);
    await page.locator('[data-synthesis-chart][data-drawn]').waitFor();
    // Annex 2: the period's months only, newest first, with the period's totals.
    const rows = await page
      .locator('#annexe-2 table.month-table tbody tr')
      .evaluateAll((elements) =>
        elements.map((row) =>
          [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim()),
        ),
      );
    expect(rows).toEqual([
      [
        'février 2018 (sondé en partie)',
        '3',
        '0 % (0)',
        '33,3 % (1)',
        '66,7 % (2)',
        '0 % (0)',
        '0 % (0)',
        '0',
        '3',
        '672',
        '669',
      ],
      [
        'janvier 2018 (sondé en partie)',
        '4',
        '25 % (1)',
        '0 % (0)',
        '0 % (0)',
        '25 % (1)',
        '50 % (2)',
        '1',
        '5',
        '744',
        '739',
      ],
    ]);
    const totals = await page.locator('#annexe-2 tfoot th, #annexe-2 tfoot td').allTextContents();
    expect(totals.slice(0, 2)).toEqual(['Totaux des 2 mois du tableau', '7']);
    expect(totals[6]?.replace(/\s+/g, ' ')).toBe('28,6 % (2)');
    // Annex 3: February 2018's three probes.
    expect(await page.locator('#annexe-3 table.raw-table tbody tr').count()).toBe(3);
    for (const annex of ['#annexe-1', '#annexe-2'])
      expect(await page.locator(`${annex} [data-annex-source] a`).getAttribute('href')).toBe(PERMALINK);
    expect(await page.locator('#annexe-3 [data-annex-source] a').getAttribute('href')).toBe(`${PERMALINK}2018-02/`);

    await page.emulateMedia({ media: 'print' });
    const printed = pdfPages(await page.pdf({ format: 'A4' }));
    const text = printed.join('\n');
    for (const annex of ['Annexe 1', 'Annexe 2', 'Annexe 3']) expect(text).toContain(annex);
    expect(text.indexOf('Annexe 1')).toBeLessThan(text.indexOf('Annexe 2'));
    expect(text.indexOf('Annexe 2')).toBeLessThan(text.indexOf('Annexe 3'));
    // pdftotext reads the table column by column in places: look for each row's figures in order.
    expect(text).toContain('3 0 % (0) 33,3 % (1) 66,7 % (2) 0 % (0) 0 % (0) 0');
    expect(text).toContain('4 25 % (1) 0 % (0) 0 % (0) 25 % (1) 50 % (2) 1');
    expect(text).toContain('7 14,3 % (1) 14,3 % (1) 28,6 % (2) 14,3 % (1) 28,6 % (2) 1');
    for (const day of ['01/02/2018', '12/02/2018', '28/02/2018']) expect(text).toContain(day);
    expect(text).toContain('version des données');
    printed.forEach((sheet, index) => {
      expect(sheet, `page ${index + 1}`).toContain(`page ${index + 1} / ${printed.length}`);
      expect(sheet, `page ${index + 1}`).toContain('données arrêtées au dernier sondage, le 31 mars 2018');
    });
    const box = await page.locator('[data-synthesis-chart] canvas').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(pageProblems(page)).toEqual([]);
  });

  test('the evidence pack of a procedure without a complete month says so', async () => {
    const page = await site.open('/95/sarcelles-5260/dossier/');
    expect(await page.locator('[data-no-complete-month]').textContent()).toContain(
      'Aucun sondage sur les trois derniers mois écoulés',
    );
    expect(await page.locator('.annex').count()).toBe(0);
  });

  test('the planner downloads a valid calendar of five attempts over three weeks', async () => {
    const page = await site.open(`${PLANNER}?demarche=93/titre-sejour-bobigny`, { clock: MONDAY_MORNING });
    const requests = recordRequests(page);
    await page.getByLabel('Date de la première tentative').fill('2018-03-05');
    expect(await page.locator('[data-planned-day]').allTextContents()).toEqual([
      'lundi 5 mars 2018',
      'jeudi 8 mars 2018',
      'mardi 13 mars 2018',
      'dimanche 18 mars 2018',
      'samedi 24 mars 2018',
    ]);
    expect(await page.locator('[data-log-url]').textContent()).toBe(
      'https://www.seine-saint-denis.gouv.fr/booking/create/9829',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger le calendrier (.ics)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    const text = readFileSync((await download.path())!, 'utf8');
    const calendar = parseCalendar(text); // CRLF, 75-octet lines, balanced BEGIN/END
    expect(calendar.name).toBe('VCALENDAR');
    const events = calendar.children.filter((child) => child.name === 'VEVENT');
    expect(events).toHaveLength(5);
    const starts = events.map((event) => event.properties.get('DTSTART')![0]!);
    expect(starts).toEqual([
      '20180305T091500',
      '20180308T123000',
      '20180313T174500',
      '20180318T110000',
      '20180324T143000',
    ]);
    const days = starts.map((start) => `${start.slice(0, 4)}-${start.slice(4, 6)}-${start.slice(6, 8)}`);
    expect(new Set(days.map(isoWeek)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(starts.map((start) => start.slice(9, 11))).size).toBe(5);
    for (const event of events) {
      expect(event.properties.get('UID')?.[0]).toMatch(/@guichets-fermes$/);
      expect(event.properties.get('DTSTAMP')?.[0]).toMatch(/^\d{8}T\d{6}Z$/);
      expect(event.children.map((child) => child.name)).toEqual(['VALARM']);
      expect(unescapeText(event.properties.get('DESCRIPTION')![0]!)).toContain(
        'https://www.seine-saint-denis.gouv.fr/booking/create/9829',
      );
    }
    expect(unescapeText(events[2]!.properties.get('SUMMARY')![0]!)).toBe(
      'Tentative de prise de rendez-vous en préfecture (3/5)',
    );
    expect(requests).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
  });

  test.each([
    ['today, late in the evening', '2018-03-05T22:30:00+01:00', null],
    ['today, just past 9 h 15', '2018-03-05T09:15:30+01:00', null],
    ['a past day, in the evening', '2018-03-05T21:00:00+01:00', '2018-03-01'],
  ])('asked to start %s, the planner proposes no time already past', async (_case, clock, wanted) => {
    const page = await site.open(PLANNER, { clock });
    const field = page.getByLabel('Date de la première tentative');
    expect(await field.inputValue()).toBe('2018-03-05'); // today, on the person's clock
    if (wanted) await field.fill(wanted);
    const asked = wanted === null ? 'lundi 5 mars 2018' : 'jeudi 1er mars 2018';
    expect((await page.locator('[data-start-moved]').textContent())?.replace(/\s+/g, ' ')).toBe(
      `La première tentative serait à 9 h 15 le ${asked}, une heure déjà passée : le plan commence le mardi 6 mars 2018.`,
    );
    expect(await page.locator('[data-planned-day]').allTextContents()).toEqual([
      'mardi 6 mars 2018',
      'vendredi 9 mars 2018',
      'mercredi 14 mars 2018',
      'lundi 19 mars 2018',
      'dimanche 25 mars 2018',
    ]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger le calendrier (.ics)' }).click(),
    ]);
    const events = parseCalendar(readFileSync((await download.path())!, 'utf8')).children.filter(
      (child) => child.name === 'VEVENT',
    );
    expect(events.map((event) => event.properties.get('DTSTART')![0])).toEqual([
      '20180306T091500',
      '20180309T123000',
      '20180314T174500',
      '20180319T110000',
      '20180325T143000',
    ]);
    expect(pageProblems(page)).toEqual([]);
  });

  test('in the morning, the planner starts today and says nothing of a move', async () => {
    const page = await site.open(PLANNER, { clock: MONDAY_MORNING });
    expect(await page.getByLabel('Date de la première tentative').inputValue()).toBe('2018-03-05');
    expect(await page.locator('[data-start-moved]').isHidden()).toBe(true);
    expect((await page.locator('[data-planned-day]').allTextContents())[0]).toBe('lundi 5 mars 2018');
  });

  test('the attempt log prints on one A4 page with the planned days and blank result columns', async () => {
    const page = await site.open(PLANNER, { clock: MONDAY_MORNING });
    await page.getByLabel('Date de la première tentative').fill('2018-03-05');
    const printed = pdfPages(await page.pdf({ format: 'A4' }));
    expect(printed).toHaveLength(1);
    const sheet = printed[0]!;
    for (const day of [
      'lundi 5 mars 2018',
      'jeudi 8 mars 2018',
      'mardi 13 mars 2018',
      'dimanche 18 mars 2018',
      'samedi 24 mars 2018',
    ])
      expect(sheet).toContain(day);
    expect(sheet).toContain('Capture d’écran');
    expect(sheet).toContain('☐ oui ☐ non');
    expect(sheet).toContain('la date et l’heure de la tentative');
    expect(sheet).not.toContain('Télécharger le calendrier');
  });

  test('the tracking table page offers the two templates', async () => {
    const page = await site.open('/outils/tableau-de-suivi/');
    const [ods] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /format ODS/ }).click(),
    ]);
    expect(readZip(readFileSync((await ods.path())!))[0]!.data.toString()).toBe(
      'application/vnd.oasis.opendocument.spreadsheet',
    );
    expect(
      readZipIndependently(readFileSync((await ods.path())!))
        .get('mimetype')
        ?.toString(),
    ).toBe('application/vnd.oasis.opendocument.spreadsheet');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /format CSV/ }).click(),
    ]);
    expect(readFileSync((await csv.path())!, 'utf8').startsWith('\uFEFFPersonne')).toBe(true);
  });

  test.each([
    ['letter', LETTER],
    ['letter without statistics', '/2A/ajaccio-sejour/courrier/'],
    ['letter of a procedure without data', '/975/spm-sejour/courrier/'],
    ['evidence pack', PACK],
    ['evidence pack without a complete month', '/95/sarcelles-5260/dossier/'],
    ['planner', PLANNER],
    ['tracking table', '/outils/tableau-de-suivi/'],
    ['tools', '/outils/'],
  ])('the %s page has no accessibility violation and makes no third-party request', async (_name, sitePath) => {
    const page = await site.open(sitePath);
    await page.waitForLoadState('networkidle');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
  });

  test('the letter form with its errors shown has no accessibility violation', async () => {
    const page = await site.open(LETTER);
    await page.getByLabel('J’ai essayé plusieurs fois').check();
    await page.evaluate(() => (window.print = () => {}));
    await page.getByRole('button', { name: 'Imprimer le courrier' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  test('the tools page filters its procedures as the home table does', async () => {
    const page = await site.open('/outils/');
    const rows = page.locator('#outils-demarches tbody tr');
    await page.getByLabel('Filtrer les démarches').fill('sarcelles');
    await expect
      .poll(() =>
        rows.evaluateAll((all) =>
          all.filter((row) => !(row as HTMLElement).hidden).map((row) => row.querySelector('th')!.textContent),
        ),
      )
      .toEqual([expect.stringContaining('Sarcelles')]);
    expect((await page.locator('[data-procedure-filter] .filter-status').textContent())?.replace(/\s+/gu, ' ')).toBe(
      `1 démarche affichée sur ${REGISTRY_SIZE}`,
    );
  });

  test('the tools page lists every procedure without JavaScript, with no dead filter field', async () => {
    const page = await site.open('/outils/', { javaScript: false });
    expect(await page.locator('#outils-demarches tbody tr:visible').count()).toBe(REGISTRY_SIZE);
    expect(await page.getByLabel('Filtrer les démarches').isVisible()).toBe(false);
  });
});
