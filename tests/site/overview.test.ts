import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { describe, expect, inject, test } from 'vitest';
import { DEPARTMENTS } from '../../src/lib/departments.ts';
import { parseRegistry } from '../../src/lib/registry.ts';
import { METROPOLE_TILES, OVERSEAS_STRIP } from '../../src/site/tile-positions.ts';
import { FIXTURE_REGISTRY } from '../support/fixture-data.ts';

const siteDir = inject('fixtureSiteDir');
const REGISTRY = parseRegistry(FIXTURE_REGISTRY, 'procedures.csv');
/**
 * The national split, December 2017 to February 2018: Bobigny's 7 successful
 * probes (1 vert, 1 jaune, 2 orange, 1 rouge, 2 noir) and Lyon's 11 rouge,
 * 18 in all: 1/18 = 5,6 %, 2/18 = 11,1 %, 12/18 = 66,7 %.
 */
const NATIONAL_SPLIT = ['Vert : 5,6 %', 'Jaune : 5,6 %', 'Orange : 11,1 %', 'Rouge : 66,7 %', 'Noir : 11,1 %'];
const page = (relative: string) => load(readFileSync(path.join(siteDir, relative, 'index.html'), 'utf8'));
/** Text as read, with French non-breaking spaces and line breaks made plain spaces. */
const text = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

/** The cells of each procedure row, keyed by the procedure page it links to. */
function tableRows($: CheerioAPI, table = 'table[data-procedure-table]'): Map<string, string[]> {
  return new Map(
    $(`${table} tbody tr`)
      .toArray()
      .map((row) => [
        $(row).find('th[scope=row] a').attr('href')!,
        $(row)
          .find('th, td')
          .toArray()
          .map((cell) => text($(cell).text())),
      ]),
  );
}

describe('the tile positions', () => {
  const placed = [...METROPOLE_TILES.keys(), ...OVERSEAS_STRIP];

  test('place every department of DEPARTMENTS exactly once', () => {
    expect([...placed].sort()).toEqual(DEPARTMENTS.map((place) => place.code).sort());
  });

  test('put metropolitan departments (Corsica included) on the grid and the overseas ones in the strip', () => {
    for (const place of DEPARTMENTS) {
      expect(METROPOLE_TILES.has(place.code), place.code).toBe(place.zone === 'metropole');
    }
  });

  test('never put two departments on the same cell', () => {
    const cells = [...METROPOLE_TILES.values()].map(({ column, row }) => `${column},${row}`);
    expect(new Set(cells).size).toBe(cells.length);
  });

  test('keep Paris surrounded by its inner ring: 93 north, 94 east, 91 south, 92 west', () => {
    const paris = METROPOLE_TILES.get('75')!;
    expect(METROPOLE_TILES.get('93')).toEqual({ column: paris.column, row: paris.row - 1 });
    expect(METROPOLE_TILES.get('94')).toEqual({ column: paris.column + 1, row: paris.row });
    expect(METROPOLE_TILES.get('91')).toEqual({ column: paris.column, row: paris.row + 1 });
    expect(METROPOLE_TILES.get('92')).toEqual({ column: paris.column - 1, row: paris.row });
  });
});

describe('the home page built from the fixture data', () => {
  const $ = page('');
  const rows = tableRows($);

  test('has one table row per procedure of the registry', () => {
    expect([...rows.keys()]).toEqual(REGISTRY.map(({ department, slug }) => `/${department}/${slug}/`));
  });

  // Data compiled 31 March 2018: the headline covers December 2017 to February 2018.
  test.each([
    // Bobigny: January 4 successful (1 vert, 1 rouge, 2 noir) + February 3 (1 jaune, 2 orange) = 7 successful,
    // 2 within a month (vert + jaune), 2 noir; March is still running.
    [
      '/93/titre-sejour-bobigny/',
      'Seine-Saint-Denis (93)',
      '28,6 %',
      '28,6 %',
      '7',
      '31 mars 2018 à 23 h 20 : aucune date',
    ],
    // Sarcelles: March only, and only failures: what happened, not « pas encore de données ».
    [
      '/95/sarcelles-5260/',
      "Val-d'Oise (95)",
      '— 2 sondages, tous en échec : accès bloqué (1), site surchargé ou limitant les accès (1)',
      '—',
      '0',
      '1er mars 2018 à 10 h 20 : échec (accès bloqué, réponse HTTP 403)',
    ],
    // Ajaccio: 2 vert in March, the month still running.
    [
      '/2A/ajaccio-sejour/',
      'Corse-du-Sud (2A)',
      '— premier mois de sondages en cours : pas encore de mois écoulé',
      '—',
      '0',
      '6 mars 2018 à 9 h 20 : première date proposée le 7 mars 2018',
    ],
    // Saint-Pierre-et-Miquelon: no probe at all.
    [
      '/975/spm-sejour/',
      'Saint-Pierre-et-Miquelon (975)',
      '— aucun sondage enregistré pour l’instant',
      '—',
      '0',
      'aucun',
    ],
  ])('shows the headline figures of %s', (href, place, opening, noir, successful, latest) => {
    const [, openingCell, noirCell, departmentCell, , successfulCell, latestCell] = rows.get(href)!;
    expect([departmentCell, openingCell, noirCell, successfulCell, latestCell]).toEqual([
      place,
      opening,
      noir,
      successful,
      latest,
    ]);
  });

  test('gives every number a sort key, missing figures an empty one', () => {
    const bobigny = $('a[href="/93/titre-sejour-bobigny/"]').closest('tr');
    expect(bobigny.find('td.within-month').attr('data-sort')).toBe(String(2 / 7));
    expect(bobigny.find('td.successful').attr('data-sort')).toBe('7');
    expect($('a[href="/975/spm-sejour/"]').closest('tr').find('td.within-month').attr('data-sort')).toBe('');
  });

  test('has sortable column headers with scope, a caption and the filter field', () => {
    const headers = $('table[data-procedure-table] thead th').toArray();
    expect(headers.map((header) => text($(header).text()))).toEqual([
      'Démarche',
      'Date à moins d’un mois',
      'Aucune date (« noir »)',
      'Département',
      'Préfecture',
      'Sondages réussis (période)',
      'Dernier sondage',
    ]);
    expect(headers.every((header) => $(header).attr('scope') === 'col' && $(header).attr('data-sort-type'))).toBe(true);
    // The fixture's period was probed in a few hours only: never « mois complets ».
    expect(text($('table[data-procedure-table] caption').text())).toContain(
      'sur les trois mois de décembre 2017 à février 2018 (sondés en partie, voir chaque démarche)',
    );
    const input = $('[data-procedure-filter] input');
    expect(text($(`label[for="${input.attr('id')}"]`).text())).toBe('Filtrer les démarches');
    expect($('[data-procedure-filter] [aria-live]').length).toBe(1);
  });

  test('states the national figure, its period in words and the last update', () => {
    expect(
      $('.headline p')
        .toArray()
        .map((figure) => text($(figure).text())),
    ).toEqual(['11,1 % date à moins d’un mois', '11,1 % aucune date (« noir »)']);
    expect(text($('main').text())).toContain('18 sondages réussis sur les trois mois de décembre 2017 à février 2018');
    expect(
      $('section[aria-labelledby="ensemble"] .split-legend li')
        .toArray()
        .map((item) => text($(item).text())),
    ).toEqual(NATIONAL_SPLIT);
    expect(text($('.compiled-line').text())).toContain('données compilées le 31 mars 2018 à 23 h 20');
  });

  test('says what the robot does and links to the method', () => {
    expect(text($('.lead').text())).toContain('Toutes les heures, un robot');
    expect($('.lead a').attr('href')).toBe('/methode/');
  });

  test('has exactly one tile per department', () => {
    const codes = $('.tile-map [data-department]')
      .toArray()
      .map((tile) => $(tile).attr('data-department'));
    expect([...codes].sort()).toEqual(DEPARTMENTS.map((place) => place.code).sort());
  });

  test.each([
    ['93', '/93/', '93 – Seine-Saint-Denis : date à moins d’un mois 28,6 %'],
    ['95', '/95/', "95 – Val-d'Oise : aucun sondage réussi sur la période"],
    ['2A', '/2A/', '2A – Corse-du-Sud : aucun sondage réussi sur la période'],
    ['975', '/975/', '975 – Saint-Pierre-et-Miquelon : aucun sondage réussi sur la période'],
    ['23', undefined, '23 – Creuse : pas de démarche suivie'],
  ])('gives the tile of %s its link and accessible name', (code, href, name) => {
    const tile = $(`.tile-map [data-department="${code}"]`);
    expect(tile.attr('href')).toBe(href);
    expect(text(tile.attr('aria-label') ?? tile.find('.visually-hidden').text())).toBe(name);
    expect(text(tile.text())).toContain(code);
  });

  test('colours a tile by its class of the scale and shows the class in the legend', () => {
    // 28,6 % falls in the 20 à 40 % class.
    expect($('.tile-map [data-department="93"]').attr('style')).toContain('background:#414487');
    expect(text($('.map-legend').text())).toContain('20 à 40 %');
    // The legend shows the five-colour split behind the one figure.
    expect(
      $('.map-legend .split-legend li')
        .toArray()
        .map((item) => text($(item).text())),
    ).toEqual(NATIONAL_SPLIT);
    expect($('.tile-map [data-department="95"]').hasClass('no-data')).toBe(true);
    expect($('.tile-map [data-department="23"]').hasClass('untracked')).toBe(true);
  });
});

describe('the department pages built from the fixture data', () => {
  test('list the procedures of 93 by office, with the figure and its bar', () => {
    const $ = page('93');
    expect(text($('h1').text())).toBe('Seine-Saint-Denis (93)');
    expect(
      $('main h2')
        .toArray()
        .map((heading) => text($(heading).text())),
    ).toEqual(['Préfecture de Bobigny']);
    const [procedure, opening, noir, successful] = tableRows($).get('/93/titre-sejour-bobigny/')!;
    expect([procedure, opening, noir, successful]).toEqual([
      "Demande d'admission exceptionnelle au séjour",
      '28,6 %',
      '28,6 %',
      '7',
    ]);
    expect(text($('td svg.colour-bar').attr('aria-label'))).toBe(
      'Sur 7 sondages réussis : vert 1, jaune 1, orange 2, rouge 1, noir 2',
    );
    expect(text($('.department-figure').text())).toContain(
      'une date à moins d’un mois lors de 28,6 % des 7 sondages réussis, aucune date (« noir ») lors de 28,6 %',
    );
  });

  test.each(['95', '2A', '975'])('exist for %s, which has procedures but no figure yet', (code) => {
    const $ = page(code);
    expect($('table[data-procedure-table] tbody tr').length).toBe(1);
    expect(text($('.empty-state').text())).toContain('il n’y a pas de part à calculer');
    expect($('svg.colour-bar').length).toBe(0);
  });

  test('do not exist for departments without procedures', () => {
    const withProcedures = [...new Set(REGISTRY.map(({ department }) => department))];
    const withPage = DEPARTMENTS.filter((place) => existsSync(path.join(siteDir, place.code, 'index.html'))).map(
      (place) => place.code,
    );
    expect(withPage.sort()).toEqual([...withProcedures].sort());
  });
});
