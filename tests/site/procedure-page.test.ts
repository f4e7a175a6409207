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
    .map((row) => $(row).find('th, td').toArray().map((cell) => $(cell).text().replace(/\s+/g, ' ').trim()));

  test('lists months newest first, labelled in French', () => {
    expect(rows.map((row) => row[0])).toEqual(['mars 2018', 'février 2018', 'janvier 2018']);
  });

  test('shows successful probes, colour shares with counts and failures apart', () => {
    // January: 4 successful probes (2 noir, 1 vert, 1 rouge) and 1 timeout.
    expect(rows[2]).toEqual(['janvier 2018', '4', '25 % (1)', '0 % (0)', '0 % (0)', '25 % (1)', '50 % (2)', '1']);
    // February: 1 jaune, 2 orange.
    expect(rows[1]).toEqual(['février 2018', '3', '0 % (0)', '33,3 % (1)', '66,7 % (2)', '0 % (0)', '0 % (0)', '0']);
    // March: 743 hourly probes (the 25th has 23 hours), 31 failures at 03:20, one vert.
    expect(rows[0]).toEqual(['mars 2018', '712', '0,1 % (1)', '0 % (0)', '0 % (0)', '0 % (0)', '99,9 % (711)', '31']);
  });

  test('ends with a totals row', () => {
    const totals = $('table.month-table tfoot tr th, table.month-table tfoot tr td').toArray().map((cell) => $(cell).text().replace(/\s+/g, ' ').trim());
    expect(totals).toEqual(['Totaux', '719', '0,3 % (2)', '0,1 % (1)', '0,3 % (2)', '0,1 % (1)', '99,2 % (713)', '32']);
  });

  test('gives the legend with the exact definitions and the compile date taken from the data', () => {
    expect($('.legend').text()).toContain('au moins deux dates proposées dans le mois qui suit le sondage');
    expect($('.legend').text()).toContain('première date proposée plus de deux mois après le sondage');
    expect($('.compiled-line').text()).toBe('Données compilées le 31 mars 2018 à 23:20.');
  });

  test('links each month to its raw data', () => {
    expect($('table.month-table tbody tr th a').first().attr('href')).toBe('/93/titre-sejour-bobigny/2018-03/');
  });

  test('a procedure without probes says so instead of showing an empty table', () => {
    const empty = page('975/spm-sejour');
    expect(empty('table.month-table').length).toBe(0);
    expect(empty('.empty-state').text()).toContain('aucun sondage');
  });
});
