import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { describe, expect, inject, test } from 'vitest';
import { parseRegistry } from '../../src/lib/registry.ts';
import { trackingCsv, trackingOds } from '../../src/site/toolkit/tracking-table.ts';
import { monthFileDigest, versionOfDigest } from '../../src/lib/month-version.ts';
import { BOBIGNY_FEBRUARY, FIXTURE_REGISTRY } from '../support/fixture-data.ts';

const siteDir = inject('fixtureSiteDir');
const dataDir = inject('fixtureDataDir');
const page = (sitePath: string) => load(readFileSync(path.join(siteDir, sitePath, 'index.html'), 'utf8'));
const text = (value: string) => value.replace(/\s+/g, ' ').trim();
const PRIVACY = 'Vos informations restent dans votre navigateur : rien n’est envoyé ni enregistré.';
const procedures = parseRegistry(FIXTURE_REGISTRY, 'procedures.csv');

describe('every procedure has its letter and evidence pack, linked from its page', () => {
  test.each(procedures.map((procedure) => [`${procedure.department}/${procedure.slug}`]))('%s', (key) => {
    const links = page(key)('a')
      .map((_, link) => page(key)(link).attr('href'))
      .get();
    expect(links).toContain(`/${key}/courrier/`);
    // A procedure without any probe has no evidence to pack: its page does not offer one.
    if (existsSync(path.join(dataDir, 'probes', key))) expect(links).toContain(`/${key}/dossier/`);
    else expect(links).not.toContain(`/${key}/dossier/`);
    expect(page(`${key}/courrier`)('h1').text()).toBe('Courrier à la préfecture');
    expect(page(`${key}/dossier`)('h1').text()).toBe('Dossier de preuves statistiques');
  });
});

describe('the letter page', () => {
  const $ = page('93/titre-sejour-bobigny/courrier');

  test('states the figures of the last three complete months with their source', () => {
    const figures = text($('[data-letter-statistics]').text());
    expect(figures).toContain(
      'Sur les 7 sondages réussis de la période de décembre 2017 à février 2018 (8 heures sur 2 160 de la période ont au moins un sondage, 2 152 n’en ont aucun), aucun rendez-vous n’était proposé dans 28,6 % des cas et une date à moins d’un mois dans 28,6 %',
    );
    expect(figures).toContain('2 sondages sans date ; 1 sondage échoué, compté à part');
    expect(figures).toContain(
      'Source : https://guichets.example/93/titre-sejour-bobigny/, données arrêtées au dernier sondage, le 31 mars 2018 à 23 h 20, version',
    );
  });

  test('promises that nothing leaves the browser', () => {
    expect(text($('.privacy-note').text())).toContain(PRIVACY);
  });

  test('hands the build’s facts to the browser, and nothing else', () => {
    const facts = JSON.parse($('script[data-letter-facts]').text());
    expect(facts).toMatchObject({
      prefecture: 'Préfecture de Bobigny',
      bookingUrl: 'https://www.seine-saint-denis.gouv.fr/booking/create/9829',
      evidencePackUrl: 'https://guichets.example/93/titre-sejour-bobigny/dossier/',
      statistics: {
        successful: 7,
        noir: 2,
        failed: 1,
        period: 'de décembre 2017 à février 2018',
        permalink: 'https://guichets.example/93/titre-sejour-bobigny/',
      },
    });
  });

  test('the form can never be submitted: no action, no submit button, hidden without JavaScript', () => {
    const form = $('form[data-letter-form]');
    expect(form.attr('action')).toBeUndefined();
    expect(form.attr('hidden')).toBeDefined();
    expect($('button:not([type=button])').length).toBe(0);
    expect($('input[type=submit]').length).toBe(0);
  });

  test('every field has a label, every required field an error message tied to it', () => {
    $(
      'form[data-letter-form] input:not([type=radio]):not([type=checkbox]), form[data-letter-form] textarea, form[data-letter-form] select',
    ).each((_, element) => {
      const id = $(element).attr('id');
      if ($(element).closest('template').length) return;
      expect(id, $.html(element)).toBeTruthy();
      expect($(`label[for="${id}"]`).length, id).toBe(1);
    });
    for (const id of ['name', 'address', 'prefectureAddress', 'place', 'date', 'title']) {
      expect($(`#${id}`).attr('required'), id).toBeDefined();
      expect($(`[data-error-for="${id}"]`).attr('id'), id).toBe(`${id}-error`);
    }
  });

  test('prefills the prefecture and tells where to find its address', () => {
    expect($('#prefectureAddress').text()).toBe('Préfecture de Bobigny\nService des étrangers\n');
    expect($('#prefectureAddress-hint').text()).toContain('site internet de la préfecture');
    expect($('#title').attr('value')).toBe("Demande d'admission exceptionnelle au séjour");
  });

  test('prints a template letter without JavaScript', () => {
    const letter = text($('[data-letter]').text());
    expect(letter).toContain('[Nom et prénom]');
    expect(letter).toContain('Objet : Demande de rendez-vous pour le dépôt d’une demande de titre de séjour');
    expect(letter).toContain('aucun rendez-vous n’était proposé dans 28,6 % des cas');
  });

  test('links the planner with the procedure chosen', () => {
    expect($('a[href="/outils/planifier-mes-tentatives/?demarche=93/titre-sejour-bobigny"]').length).toBe(1);
  });

  test.each([
    ['2A/ajaccio-sejour', 'Aucun sondage réussi sur les trois derniers mois écoulés (de décembre 2017 à février 2018)'],
    [
      '95/sarcelles-5260',
      '2 sondages, tous en échec : accès bloqué (1), site surchargé ou limitant les accès (1). Le robot n’a pas pu savoir si des dates étaient proposées',
    ],
    ['975/spm-sejour', 'aucun sondage pour cette démarche'],
    [
      '94/creteil-etudiants',
      'Aucun sondage réussi sur les trois derniers mois écoulés (de décembre 2017 à février 2018)',
    ],
    [
      '13/marseille-renouvellement',
      'Cette démarche n’est plus sondée et le robot n’a enregistré aucun sondage pour elle : le courrier ne cite pas de statistiques, et il n’y en aura pas.',
    ],
  ])('%s: no statistics, and the page says why', (key, reason) => {
    const other = page(`${key}/courrier`);
    expect(other('[data-letter-statistics]').length).toBe(0);
    expect(text(other('[data-no-statistics]').text())).toContain(reason);
    expect(JSON.parse(other('script[data-letter-facts]').text()).statistics).toBeNull();
    expect(other('[data-letter]').text()).not.toContain('relevés publics');
  });
});

describe('the evidence pack', () => {
  const $ = page('93/titre-sejour-bobigny/dossier');

  test('has the three annexes, each with its source URL, the data version and the date of the latest probe', () => {
    const headings = $('.annex > h2')
      .map((_, heading) => text($(heading).text()))
      .get();
    expect(headings).toEqual([
      'Annexe 1 — Graphique de synthèse',
      'Annexe 2 — Résultats mois par mois, de décembre 2017 à février 2018',
      'Annexe 3 — Données brutes de février 2018',
    ]);
    const sources = $('[data-annex-source]')
      .map((_, source) => text($(source).text()))
      .get();
    expect(sources[0]).toMatch(
      /^Source : https:\/\/guichets\.example\/93\/titre-sejour-bobigny\/ · version des données de la démarche [0-9a-f]{12} · données arrêtées au dernier sondage, le 31 mars 2018 à 23 h 20\.$/,
    );
    expect(sources[2]).toContain('https://guichets.example/93/titre-sejour-bobigny/2018-02/');
    // The raw month is cited by its own file's version, as its page cites it (not the whole dataset's).
    expect(sources[2]).toContain(`version du mois ${versionOfDigest(monthFileDigest(BOBIGNY_FEBRUARY))}`);
    expect(sources[2]).not.toContain('version des données');
  });

  test('annex 1 is the synthesis chart, annex 2 the period’s months with their totals, annex 3 February’s 3 probes', () => {
    expect($('#annexe-1 [data-synthesis-chart] canvas[role=img]').length).toBe(1);
    expect(
      $('#annexe-2 table.month-table tbody tr')
        .map((_, row) => $(row).attr('data-month'))
        .get(),
    ).toEqual(['2018-02', '2018-01']);
    expect(
      $('#annexe-2 tfoot th, #annexe-2 tfoot td')
        .map((_, cell) => text($(cell).text()))
        .get()
        .slice(0, 2),
    ).toEqual(['Totaux des 2 mois du tableau', '7']);
    expect(text($('#annexe-2 .annex-note').text())).toContain('Aucun sondage enregistré pour décembre 2017');
    expect(
      $('#annexe-3 table.raw-table tbody')
        .map((_, day) => $(day).attr('data-day'))
        .get(),
    ).toEqual(['2018-02-01', '2018-02-12', '2018-02-28']);
  });

  test('states the period’s figures', () => {
    expect(text($('[data-pack-summary]').text())).toBe(
      'Sur les trois mois de décembre 2017 à février 2018 (8 heures sur 2 160 de la période ont au moins un sondage, 2 152 n’en ont aucun), 7 sondages ont réussi ; aucune date n’était proposée lors de 28,6 % d’entre eux (2 sondages), une date à moins d’un mois lors de 28,6 %. 1 sondage a échoué ; il est compté à part.',
    );
  });

  test.each([
    ['975/spm-sejour', 'aucun sondage pour cette démarche'],
    [
      '95/sarcelles-5260',
      'Aucun sondage sur les trois derniers mois écoulés (de décembre 2017 à février 2018) : le dossier de preuves sera disponible quand un mois de sondages sera écoulé',
    ],
  ])('%s: an empty state instead of empty annexes', (key, message) => {
    const empty = page(`${key}/dossier`);
    expect(text(empty('[data-no-complete-month]').text())).toContain(message);
    expect(empty('.annex').length).toBe(0);
  });
});

describe('the planner and the tracking table', () => {
  test('the planner explains the spread, links the guide and prints a log of five attempts', () => {
    const $ = page('outils/planifier-mes-tentatives');
    expect(text($('.privacy-note').text())).toContain(PRIVACY);
    expect($('a[href="/guides/garder-la-preuve/"]').length).toBeGreaterThan(0);
    expect(text($('main').text())).toContain('n’ayant pas été effectuées la même semaine');
    expect(
      $('.log-table thead th')
        .map((_, cell) => text($(cell).text()))
        .get(),
    ).toEqual([
      'Tentative n°',
      'Date',
      'Heure',
      'Résultat (ce que le site a affiché)',
      'Capture d’écran faite ? (nom du fichier)',
    ]);
    expect(
      $('[data-planned-time]')
        .map((_, cell) => $(cell).text())
        .get(),
    ).toEqual(['9 h 15', '12 h 30', '17 h 45', '11 h 00', '14 h 30']);
    expect($('#demarche option').length).toBe(procedures.length + 1);
  });

  test('the tracking table page links both templates, which are the build’s own files', () => {
    const $ = page('outils/tableau-de-suivi');
    expect(text($('.privacy-note').text())).toContain(PRIVACY);
    expect(text($('.privacy-note').text())).toContain('ne reçoit ni ne garde jamais le tableau rempli');
    expect($('a[href="/guides/contentieux-de-masse/"]').length).toBe(1);
    expect(
      $('a[download]')
        .map((_, link) => $(link).attr('href'))
        .get(),
    ).toEqual(['/outils/tableau-de-suivi/modele.ods', '/outils/tableau-de-suivi/modele.csv']);
    expect(readFileSync(path.join(siteDir, 'outils/tableau-de-suivi/modele.csv'), 'utf8')).toBe(trackingCsv());
    expect(
      readFileSync(path.join(siteDir, 'outils/tableau-de-suivi/modele.ods')).equals(Buffer.from(trackingOds())),
    ).toBe(true);
  });
});

describe('the tools’ code sends and stores nothing', () => {
  const files = [
    ...readdirSync('src/site/toolkit').map((name) => path.join('src/site/toolkit', name)),
    ...['letter.ts', 'planner.ts', 'download.ts'].map((name) => path.join('src/site/client', name)),
  ];
  test.each(files)('%s', (file) => {
    const source = readFileSync(file, 'utf8');
    expect(source).not.toMatch(
      /\bfetch\(|XMLHttpRequest|sendBeacon|WebSocket|EventSource|localStorage|sessionStorage|indexedDB|document\.cookie|\.submit\(/,
    );
  });
});

describe('the tools page', () => {
  test('lists the procedures in department order, every one in the HTML, with the filter hidden until the script shows it', () => {
    const $ = page('outils');
    expect(
      $('#outils-demarches tbody th a')
        .map((_, link) => $(link).attr('href'))
        .get(),
    ).toEqual([
      '/13/marseille-renouvellement/',
      '/2A/ajaccio-sejour/', // Corsica where the former department 20 stood
      '/69/lyon-premiere-demande/',
      '/93/titre-sejour-bobigny/',
      '/94/creteil-etudiants/',
      '/95/sarcelles-5260/',
      '/975/spm-sejour/',
    ]);
    expect($('[data-procedure-filter="outils-demarches"]').attr('hidden')).toBeDefined();
  });
});
