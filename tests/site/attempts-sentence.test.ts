import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { describe, expect, inject, test } from 'vitest';

const siteDir = inject('fixtureSiteDir');
const page = (relative: string) => load(readFileSync(path.join(siteDir, relative, 'index.html'), 'utf8'));
const text = (value: string) => value.replace(/[ \t\n]+/g, ' ').trim();

// Bobigny's last three complete months before 31 March 2018 hold January (2 and 3 January: 2 noir,
// 2 with dates, 1 timeout) and February (1, 12 and 28 February: 3 with dates): 8 probes on 5 days
// in 4 ISO weeks (2018-W01, W05, W07, W09).
const BOBIGNY =
  'Du 2\u00a0janvier 2018 à 9\u00a0h\u00a020 au 28\u00a0février 2018 à 9\u00a0h\u00a020 (heure de Paris), le robot Guichets fermés a tenté 8 fois d’obtenir un rendez-vous sur la page ' +
  'https://www.seine-saint-denis.gouv.fr/booking/create/9829, au cours de 4 semaines calendaires distinctes et de 5 jours différents\u202f; ' +
  'lors de 2 de ces tentatives, réparties sur 1 semaine et 1 jour, le site n’a proposé aucune date\u202f; il a proposé au moins une date lors de 5 tentatives\u202f; ' +
  '1 tentative a échoué (site indisponible, en erreur ou bloquant le robot) sans être comptée comme «\u202faucune date\u202f».';

describe('the attempts sentence on the evidence pack and the letter', () => {
  test.each([['93/titre-sejour-bobigny/dossier'], ['93/titre-sejour-bobigny/courrier']])(
    '%s states probes, distinct weeks and days',
    (sitePath) => {
      const $ = page(sitePath);
      expect(text($('[data-attempts-sentence]').text())).toBe(BOBIGNY);
      expect($('.attempts-sentence figcaption').text()).toContain('n°\u00a0435594');
    },
  );

  test('the letter itself carries the sentence after the statistics', () => {
    const $ = page('93/titre-sejour-bobigny/courrier');
    expect(text($('.letter-sheet').text())).toContain(BOBIGNY);
  });

  test('a procedure without probes in the period states nothing', () => {
    expect(page('2A/ajaccio-sejour/dossier')('[data-attempts-sentence]')).toHaveLength(0);
  });
});
