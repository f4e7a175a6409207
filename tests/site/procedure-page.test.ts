import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { describe, expect, inject, test } from 'vitest';

const siteDir = inject('fixtureSiteDir');
const page = (relative: string) => load(readFileSync(path.join(siteDir, relative, 'index.html'), 'utf8'));

describe('the procedure page built from the fixture data', () => {
  const $ = page('93/titre-sejour-bobigny');
  const rows = $('table.month-table tbody tr')
    .toArray()
    .map((row) =>
      $(row)
        .find('th, td')
        .toArray()
        .map((cell) => $(cell).text().replace(/\s+/g, ' ').trim()),
    );

  test('lists months newest first, labelled in French', () => {
    // The month still running and the months with hours never probed say so.
    expect(rows.map((row) => row[0])).toEqual([
      'mars 2018 (mois en cours)',
      'février 2018 (sondé en partie)',
      'janvier 2018 (sondé en partie)',
      'juin 2015 (sondé en partie)',
    ]);
  });

  test('shows successful probes, colour shares with counts and failures apart', () => {
    // January: 4 successful probes (2 noir, 1 vert, 1 rouge) and 1 timeout.
    // Then coverage: probes attempted, hours of the month, hours without any probe.
    expect(rows[2]).toEqual([
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
    ]);
    // February: 1 jaune, 2 orange.
    expect(rows[1]).toEqual([
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
    ]);
    // March: 743 hourly probes (the 25th has 23 hours), 31 failures at 03:20, one vert; every hour so far probed.
    expect(rows[0]).toEqual([
      'mars 2018 (mois en cours)',
      '712',
      '0,1 % (1)',
      '0 % (0)',
      '0 % (0)',
      '0 % (0)',
      '99,9 % (711)',
      '31',
      '743',
      '743 écoulées',
      '0',
    ]);
    // June 2015, far older: one probe of each colour and 2 failures.
    expect(rows[3]).toEqual([
      'juin 2015 (sondé en partie)',
      '5',
      '20 % (1)',
      '20 % (1)',
      '20 % (1)',
      '20 % (1)',
      '20 % (1)',
      '2',
      '7',
      '720',
      '713',
    ]);
  });

  test('ends with a totals row', () => {
    const totals = $('table.month-table tfoot tr th, table.month-table tfoot tr td')
      .toArray()
      .map((cell) => $(cell).text().replace(/\s+/g, ' ').trim());
    // 4 + 3 + 712 + 5 = 724 successful: 3 vert, 2 jaune, 3 orange, 2 rouge, 714 noir; 1 + 0 + 31 + 2 = 34 failures.
    // The totals row says what it sums.
    expect(totals).toEqual([
      'Totaux des 4 mois du tableau, mois en cours compris',
      '724',
      '0,4 % (3)',
      '0,3 % (2)',
      '0,4 % (3)',
      '0,3 % (2)',
      '98,6 % (714)',
      '34',
      '758',
      '2 879',
      '2 121',
    ]);
  });

  test('gives the legend with the exact definitions and the date of its own latest probe', () => {
    expect($('.legend').text()).toContain('au moins deux dates proposées dans le mois qui suit le sondage');
    expect($('.legend').text()).toContain('première date proposée plus de deux mois après le sondage');
    expect($('.compiled-line').text().replace(/\s+/g, ' ')).toBe(
      'Données arrêtées au dernier sondage, le 31 mars 2018 à 23 h 20.',
    );
  });

  test('links each month to its raw data', () => {
    expect(
      $('table.month-table tbody tr th a')
        .toArray()
        .map((link) => $(link).attr('href')),
    ).toEqual([
      '/93/titre-sejour-bobigny/2018-03/',
      '/93/titre-sejour-bobigny/2018-02/',
      '/93/titre-sejour-bobigny/2018-01/',
      '/93/titre-sejour-bobigny/2015-06/',
    ]);
  });

  test.each([
    // [month, prerendered rows (0: drawn in the browser from the CSV)]
    ['2018-03', 743],
    ['2018-01', 5],
    ['2015-06', 0],
  ])('the raw month %s carries %i prerendered rows', (month, count) => {
    const raw = page(`93/titre-sejour-bobigny/${month}`);
    expect(raw('table.raw-table caption').text()).toContain('Heures de Paris');
    expect(raw('table.raw-table thead th').length).toBe(4);
    expect(raw('table.raw-table tbody tr').length).toBe(count);
    expect(raw('noscript').length).toBe(count === 0 ? 1 : 0);
    expect(raw('[data-raw-month-status]').length).toBe(count === 0 ? 1 : 0);
  });

  test('an older month page says, without JavaScript, why its table is empty and links its CSV', () => {
    const raw = page('93/titre-sejour-bobigny/2015-06');
    const csv = '/donnees/sondages/93/titre-sejour-bobigny/2015-06.csv.gz';
    expect(raw('table.raw-table').attr('data-raw-month-csv')).toBe(csv);
    // With scripting on, cheerio reads <noscript> as text, as a browser running JavaScript would.
    const message = load(raw('noscript').text());
    expect(message.text().replace(/\s+/g, ' ')).toContain('ce qui demande JavaScript');
    expect(message('a').attr('href')).toBe(csv);
    expect(raw('.month-summary').text().replace(/\s+/g, ' ')).toContain(
      '7 sondages ce mois-ci : 5 réussis, dont 1 sans aucune date proposée, et 2 échoués',
    );
  });

  test('a procedure without probes says so instead of showing an empty table', () => {
    const empty = page('975/spm-sejour');
    expect(empty('table.month-table').length).toBe(0);
    expect(empty('.empty-state').text()).toContain('aucun sondage');
  });
});
