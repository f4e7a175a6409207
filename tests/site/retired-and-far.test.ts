/**
 * What a visitor reads about the two kinds of procedure the headline could
 * misstate: one no longer probed (`until`), with or without months of data,
 * and one whose every date is more than two months away (all rouge), where
 * the former « taux d’ouverture » would have printed 100 %.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { describe, expect, inject, test } from 'vitest';
import { OPENING_CLASSES } from '../../src/site/tile-map.ts';
import { FAR_PROCEDURE, RETIRED_WITH_DATA, RETIRED_WITHOUT_DATA } from '../support/fixture-data.ts';

const siteDir = inject('fixtureSiteDir');
const page = (relative: string): CheerioAPI => load(readFileSync(path.join(siteDir, relative, 'index.html'), 'utf8'));
/** Visible text with every kind of space read as one plain space. */
const text = ($: CheerioAPI, selector: string) => $(selector).text().replace(/\s+/g, ' ').trim();
const procedurePage = ({ department, slug }: { department: string; slug: string }) => page(`${department}/${slug}`);

describe('a procedure no longer probed', () => {
  const cases = [
    {
      name: 'with months of data',
      procedure: RETIRED_WITH_DATA,
      until: '31 août 2017',
      reason: 'remplacée par une démarche en ligne de l’ANEF',
      after: 'Les données recueillies jusque-là restent publiées ci-dessous ; il n’y en aura pas de nouvelles.',
    },
    {
      name: 'never probed',
      procedure: RETIRED_WITHOUT_DATA,
      until: '31 janvier 2018',
      reason: 'page de réservation retirée par la préfecture avant le premier sondage',
      after: 'Aucun sondage n’a été enregistré pour elle : cette page n’aura ni statistiques ni données brutes.',
    },
  ];

  test.each(cases)('$name: says in French that it is no longer probed after $until, and why', (row) => {
    const $ = procedurePage(row.procedure);
    expect(text($, '[data-retired]')).toBe(
      `Cette démarche n’est plus suivie par le robot après le ${row.until}. Motif noté dans le registre : ${row.reason}. ${row.after}`,
    );
  });

  test.each(cases)('$name: offers no letter filled with figures, and says why', (row) => {
    const $ = procedurePage(row.procedure);
    const body = text($, 'main');
    expect(body).not.toContain('rempli avec les chiffres');
    expect(body).toContain(
      'Courrier à la préfecture (sans chiffres du site : aucun sondage réussi sur les trois derniers mois écoulés)',
    );
  });

  test.each(cases)('$name: promises no statistics, feed news or evidence pack to come', (row) => {
    const body = text(procedurePage(row.procedure), 'main');
    for (const promise of [
      'pas encore',
      'apparaîtront',
      'mois en cours figure',
      'vous signale',
      'données brutes du dernier d’entre eux',
      'sera prêt',
      'premier mois de sondages en cours',
    ])
      expect(body).not.toContain(promise);
  });

  test('with months of data: the summary says there is no figure over the period and there will be none', () => {
    const $ = procedurePage(RETIRED_WITH_DATA);
    expect(text($, '[data-retired-headline]')).toBe(
      'Plus sondée après le 31 août 2017 : aucun sondage sur les trois mois de décembre 2017 à février 2018, et il n’y en aura plus. Les mois sondés jusque-là figurent dans le tableau ci-dessous.',
    );
    // Its months are still published, as measured (« sondé en partie »: two probes each).
    expect(
      $('table.month-table tbody tr th')
        .toArray()
        .map((cell) => $(cell).text().replace(/\s+/g, ' ').trim()),
    ).toEqual(['août 2017 (sondé en partie)', 'juillet 2017 (sondé en partie)']);
    expect(text($, 'main')).toContain(
      'Dossier de preuves : aucun sondage sur les trois derniers mois écoulés, il n’y a rien à y imprimer',
    );
  });

  test.each([
    [RETIRED_WITH_DATA, '— plus sondée après le 31 août 2017'],
    [RETIRED_WITHOUT_DATA, '— plus sondée après le 31 janvier 2018, aucun sondage enregistré'],
  ])('the home table says where %o stands instead of a figure', (procedure, words) => {
    const $ = page('');
    const row = $(`#tableau-demarches tbody tr:has(a[href="/${procedure.department}/${procedure.slug}/"])`);
    expect(row.length).toBe(1);
    expect(row.find('td.within-month').text().replace(/\s+/g, ' ').trim()).toBe(words);
  });

  test.each([
    ['', '5 démarches suivies et 2 qui ne le sont plus'],
    [RETIRED_WITH_DATA.department, '1 démarche qui n’est plus suivie'],
  ])('the count of page /%s does not call « suivies » the procedures no longer probed', (where, words) => {
    const $ = page(where);
    expect(text($, 'main')).toContain(words);
    expect(text($, 'main')).not.toMatch(/\b7 démarches suivies\b|\b1 démarche suivie\b/);
  });

  test('its feed says after which day it stopped, and why', () => {
    const feed = readFileSync(
      path.join(siteDir, RETIRED_WITH_DATA.department, RETIRED_WITH_DATA.slug, 'flux.atom'),
      'utf8',
    ).replace(/\s+/g, ' ');
    expect(feed).toContain('Démarche plus sondée après le 31 août 2017');
    expect(feed).toContain(
      'Le robot ne sonde plus cette démarche après le 31 août 2017. Motif noté dans le registre : remplacée par une démarche en ligne de l’ANEF.',
    );
  });

  test.each([
    [RETIRED_WITH_DATA, 'Les données déjà recueillies restent publiées.', 'Aucun sondage n’avait été enregistré'],
    [RETIRED_WITHOUT_DATA, 'Aucun sondage n’avait été enregistré pour elle.', 'données déjà recueillies'],
  ])('the feed of $slug speaks of gathered data only when there are some', (procedure, says, never) => {
    const feed = readFileSync(path.join(siteDir, procedure.department, procedure.slug, 'flux.atom'), 'utf8')
      .replace(/\s+/g, ' ')
      .replace(/[\u00a0\u202f]/g, ' ');
    expect(feed).toContain(says);
    expect(feed).not.toContain(never);
  });
});

describe('a procedure whose every date is more than two months away', () => {
  const $ = procedurePage(FAR_PROCEDURE);

  test('its headline is the 0 % of dates within a month, never « 100 % »', () => {
    expect(text($, '.headline-rate')).toBe('0 %');
    expect(text($, '.headline p').replace(/\s+/g, ' ')).toContain(
      'le site a proposé une date à moins d’un mois lors de 0 % des 11 sondages réussis (vert ou jaune) ; aucune date lors de 0 % d’entre eux',
    );
    expect(text($, '.headline p')).not.toContain('100');
  });

  test('shows the five-colour split with its whole rouge share', () => {
    const split = $('.headline')
      .find('li')
      .toArray()
      .map((item) => $(item).text().replace(/\s+/g, ' ').trim());
    expect(split).toEqual(['Vert : 0 %', 'Jaune : 0 %', 'Orange : 0 %', 'Rouge : 100 %', 'Noir : 0 %']);
  });

  test('the home table shows 0 % with a bar that is all rouge', () => {
    const home = page('');
    const row = home(`#tableau-demarches tbody tr:has(a[href="/${FAR_PROCEDURE.department}/${FAR_PROCEDURE.slug}/"])`);
    const cell = row.find('td.within-month');
    expect(cell.attr('data-sort')).toBe('0');
    expect(cell.text().replace(/\s+/g, ' ').trim()).toBe('0 %');
    expect(cell.find('svg').attr('aria-label')?.replace(/\s+/g, ' ')).toBe(
      'Sur 11 sondages réussis : vert 0, jaune 0, orange 0, rouge 11, noir 0',
    );
  });

  test('the home page map puts its department in the lowest class, « moins de 20 % »', () => {
    const tile = page('')(`.tile[data-department="${FAR_PROCEDURE.department}"]`);
    const lowest = OPENING_CLASSES[0]!;
    expect(lowest.label).toBe('moins de 20\u00a0%');
    expect(tile.attr('style')).toBe(`background:${lowest.fill};color:${lowest.ink}`);
    expect(tile.attr('aria-label')?.replace(/\s+/g, ' ')).toBe('69 – Rhône : date à moins d’un mois 0 %');
  });

  test('its department page gives the same figure with the rouge split', () => {
    const department = page(FAR_PROCEDURE.department);
    expect(text(department, '.department-figure')).toContain(
      'une date à moins d’un mois lors de 0 % des 11 sondages réussis',
    );
    expect(text(department, '.department-figure')).toContain('Rouge : 100 %');
  });
});
