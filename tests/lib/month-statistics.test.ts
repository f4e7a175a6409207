import { describe, expect, test } from 'vitest';
import type { Colour } from '../../src/lib/colour.ts';
import { coverage, hoursInMonth, monthCoverage } from '../../src/lib/coverage.ts';
import { allFailedWords, frenchDetail } from '../../src/lib/failure-words.ts';
import {
  formatCount,
  formatDay,
  formatDecimalShare,
  formatMonth,
  formatParisMoment,
  formatPeriod,
  formatShare,
} from '../../src/lib/format.ts';
import { headlineFigure } from '../../src/lib/headline.ts';
import {
  colourShare,
  lastCompleteMonths,
  monthStatistics,
  newestFirst,
  openingRate,
  periodStatistics,
  sumStatistics,
  withinMonthShare,
  type CountedProbe,
} from '../../src/lib/month-statistics.ts';
import { headlinePeriodWords, hoursWords, probePeriodWords } from '../../src/lib/period-statement.ts';

const HOUR = 3_600_000;

/** Probes of the given colours (`failed`: timeouts), one an hour from `start`. */
const probes = (
  counts: Partial<Record<Colour | 'failed', number>>,
  start = Date.parse('2018-03-01T00:20:25+01:00'),
): CountedProbe[] =>
  Object.entries(counts)
    .flatMap(([colour, count]) => Array.from({ length: count }, () => colour))
    .map((colour, index) => ({
      colour: colour === 'failed' ? null : (colour as Colour),
      outcome: colour === 'failed' ? 'timeout' : colour === 'noir' ? 'none' : 'slots',
      instant: start + index * HOUR,
    }));

/** Every hour of a month, from its first hour, `:20:25` past. */
const hourly = (month: string, colour: Colour | 'failed', hours = hoursInMonth(month)) =>
  probes(
    { [colour]: hours },
    Date.parse(
      `${month}-01T00:20:25${['04', '05', '06', '07', '08', '09', '10'].includes(month.slice(5)) ? '+02:00' : '+01:00'}`,
    ),
  );

describe('month statistics', () => {
  test('failed probes are counted apart, by failure code, and never in the total of successful probes', () => {
    const statistics = monthStatistics('2018-03', probes({ noir: 6, vert: 2, failed: 5 }));
    expect(statistics).toMatchObject({
      successful: 8,
      failed: 5,
      counts: { noir: 6, vert: 2 },
      failures: { timeout: 5 },
      probedHours: 13,
    });
    expect(colourShare(statistics, 'noir')).toBe(0.75);
    expect(openingRate(statistics)).toBe(0.25);
  });

  test('a month with only failures has no shares rather than 0 %', () => {
    const statistics = monthStatistics('2018-03', probes({ failed: 3 }));
    expect(colourShare(statistics, 'noir')).toBeNull();
    expect(withinMonthShare(statistics)).toBeNull();
    expect(formatShare(statistics.counts.noir, statistics.successful)).toBe('—');
  });

  test('totals add every month, and months list newest first', () => {
    const months = [
      monthStatistics('2018-01', probes({ noir: 1 })),
      monthStatistics('2018-03', probes({ rouge: 2, failed: 1 })),
      monthStatistics('2018-02', probes({ jaune: 1 })),
    ];
    expect(sumStatistics(months)).toMatchObject({
      month: null,
      successful: 4,
      failed: 1,
      counts: { noir: 1, rouge: 2, jaune: 1 },
    });
    expect(newestFirst(months).map((row) => row.month)).toEqual(['2018-03', '2018-02', '2018-01']);
  });

  test.each([
    ['2018-03-15', 3, ['2017-12', '2018-01', '2018-02']],
    ['2018-01-01', 1, ['2017-12']],
    ['2018-03', 2, ['2018-01', '2018-02']],
  ])('the last elapsed months before %s (%i)', (reference, count, expected) => {
    expect(lastCompleteMonths(reference, count)).toEqual(expected);
  });

  test('period statistics ignore months outside the period', () => {
    const months = [monthStatistics('2018-01', probes({ noir: 1 })), monthStatistics('2018-02', probes({ vert: 3 }))];
    expect(periodStatistics(months, ['2018-02', '2018-03'])).toMatchObject({
      successful: 3,
      counts: { vert: 3, noir: 0 },
    });
  });
});

describe('one rounding rule for shares (half-up on the exact count)', () => {
  test.each([
    [1, 500, '0,2\u00a0%', '0.0020'],
    [124, 125, '99,2\u00a0%', '0.9920'],
    [7, 7, '100\u00a0%', '1.0000'],
    [0, 7, '0\u00a0%', '0.0000'],
    [1, 2, '50\u00a0%', '0.5000'],
    [1, 8, '12,5\u00a0%', '0.1250'], // exactly half: up, whatever the binary float says
    [1, 7076, '<\u00a00,1\u00a0%', '0.0001'], // 0,014 %: not « 0,1 % »
    [1, 200_000, '<\u00a00,1\u00a0%', '0.0000'],
    [7075, 7076, '>\u00a099,9\u00a0%', '0.9999'],
    [1, 1000, '0,1\u00a0%', '0.0010'],
    [1, 2000, '0,1\u00a0%', '0.0005'], // 0,05 % rounds half-up to 0,1 %
    [2, 7, '28,6\u00a0%', '0.2857'],
    [0, 0, '—', ''],
  ])('%i of %i is written %s on pages and %s in CSV', (count, total, page, csv) => {
    expect(formatShare(count, total)).toBe(page);
    expect(formatDecimalShare(count, total)).toBe(csv);
  });

  test.each([
    ['2018-03', 'mars 2018'],
    ['2020-08', 'août 2020'],
    ['2021-12', 'décembre 2021'],
  ])('month %s is labelled %s', (month, label) => {
    expect(formatMonth(month)).toBe(label);
  });

  test('days and counts', () => {
    expect(formatDay('2018-03-01')).toBe('01/03/2018');
    expect(formatCount(12345)).toBe('12\u00a0345');
    expect(formatParisMoment(Date.parse('2018-03-01T00:20:25+01:00'))).toBe('1er\u00a0mars 2018 à 0\u00a0h\u00a020');
  });
});

describe('headline figure: a date within one month', () => {
  const compiled = Date.parse('2018-04-10T12:00:00+02:00');

  test('covers the three elapsed months before the compile date, not the current one', () => {
    const months = [
      monthStatistics('2018-01', probes({ noir: 10 })),
      monthStatistics('2018-02', probes({ noir: 5, vert: 4, jaune: 1 })),
      monthStatistics('2018-03', probes({ noir: 2, rouge: 2, failed: 4 })),
      monthStatistics('2018-04', probes({ vert: 100 })), // current month: excluded
    ];
    const figure = headlineFigure(months, compiled);
    expect(figure.period).toEqual(['2018-01', '2018-02', '2018-03']);
    expect(figure.statistics.successful).toBe(24);
    expect(figure.withinMonthShare).toBeCloseTo(5 / 24);
    expect(figure.noirShare).toBeCloseTo(17 / 24);
  });

  test('a procedure whose every date is two months away has no access within a month, though it was never noir', () => {
    const months = ['2018-01', '2018-02', '2018-03'].map((month) => monthStatistics(month, hourly(month, 'rouge')));
    const figure = headlineFigure(months, compiled);
    expect(figure.withinMonthShare).toBe(0);
    expect(figure.noirShare).toBe(0);
    expect(openingRate(figure.statistics)).toBe(1); // the former « taux d’ouverture » said 100 %
    expect(
      formatShare(figure.statistics.counts.vert + figure.statistics.counts.jaune, figure.statistics.successful),
    ).toBe('0\u00a0%');
  });

  test('has no figure without data', () => {
    expect(headlineFigure([], null)).toMatchObject({ period: [], withinMonthShare: null, noirShare: null });
  });
});

describe('periods come from the probes', () => {
  const compiled = Date.parse('2018-09-20T14:20:25+02:00');

  test.each([
    {
      name: 'a month probed on its last day only',
      month: '2018-08',
      probes: probes({ noir: 24 }, Date.parse('2018-08-31T00:20:25+02:00')),
      period: 'du 31\u00a0août 2018 à 0\u00a0h\u00a020 au 31\u00a0août 2018 à 23\u00a0h\u00a020',
      hours: '24\u00a0heures sur 744 du mois ont au moins un sondage, 720 n’en ont aucun',
      complete: false,
      current: false,
    },
    {
      name: 'the current month, up to its last probe',
      month: '2018-09',
      probes: probes({ noir: 470 }, Date.parse('2018-09-01T00:20:25+02:00')),
      period: 'du 1er\u00a0septembre 2018 à 0\u00a0h\u00a020 au 20\u00a0septembre 2018 à 13\u00a0h\u00a020',
      hours: '470\u00a0heures sur 471 écoulées du mois ont au moins un sondage, 1 n’en a aucun',
      complete: false,
      current: true,
    },
    {
      name: 'a month with a gap',
      month: '2018-07',
      probes: [
        ...probes({ noir: 24 * 10 }, Date.parse('2018-07-01T00:20:25+02:00')),
        ...probes({ vert: 24 * 11 }, Date.parse('2018-07-21T00:20:25+02:00')),
      ],
      period: 'du 1er\u00a0juillet 2018 à 0\u00a0h\u00a020 au 31\u00a0juillet 2018 à 23\u00a0h\u00a020',
      hours: '504\u00a0heures sur 744 du mois ont au moins un sondage, 240 n’en ont aucun',
      complete: false,
      current: false,
    },
    {
      name: 'a month probed every hour',
      month: '2018-06',
      probes: hourly('2018-06', 'noir'),
      period: 'du 1er\u00a0juin 2018 à 0\u00a0h\u00a020 au 30\u00a0juin 2018 à 23\u00a0h\u00a020',
      hours: 'chacune des 720 heures du mois a au moins un sondage',
      complete: true,
      current: false,
    },
  ])('$name', ({ month, probes: monthProbes, period, hours, complete, current }) => {
    const covered = monthCoverage(monthStatistics(month, monthProbes), compiled);
    expect(probePeriodWords(covered)).toBe(period);
    expect(hoursWords(covered, 'du mois')).toBe(hours);
    expect(covered).toMatchObject({ complete, current });
  });

  test.each([
    ['2018-03', 743],
    ['2018-10', 745],
    ['2018-06', 720],
  ])('%s has %i hours on the Paris clock', (month, hours) => {
    expect(hoursInMonth(month)).toBe(hours);
  });

  test('« mois complets » only of months probed throughout', () => {
    const period = ['2018-04', '2018-05', '2018-06'];
    const full = period.map((month) => monthStatistics(month, hourly(month, 'noir')));
    expect(headlinePeriodWords(period, coverage(full, period, compiled))).toBe(
      'sur les trois mois complets d’avril 2018 à juin 2018',
    );
    const gap = [full[0]!, full[2]!];
    expect(headlinePeriodWords(period, coverage(gap, period, compiled))).toBe(
      'sur les trois mois d’avril 2018 à juin 2018 (1\u00a0440\u00a0heures sur 2\u00a0184 de la période ont au moins un sondage, 744 n’en ont aucun)',
    );
  });

  test.each([
    [['2017-12', '2018-01', '2018-02'], true, 'sur les trois mois complets de décembre 2017 à février 2018'],
    [['2018-08'], true, 'sur le mois complet d’août 2018'],
    [['2018-10', '2018-11'], false, 'sur les deux mois d’octobre 2018 à novembre 2018'],
    [[], true, ''],
  ])('%j reads « %s »', (months, complete, expected) => {
    expect(formatPeriod(months, complete)).toBe(
      expected === '' ? '' : expected.replace('sur les deux mois d’', 'sur les deux mois d’'),
    );
  });
});

describe('failures in French', () => {
  test.each([
    [{ captcha: 2161 }, '2\u00a0161\u00a0sondages, tous en échec\u00a0: captcha exigé'],
    [{ blocked: 2, network_error: 1 }, '3\u00a0sondages, tous en échec\u00a0: accès bloqué (2), erreur réseau (1)'],
    [{ moved: 1 }, '1\u00a0sondage, en échec\u00a0: la démarche a changé d’adresse'],
  ])('%j reads « %s »', (failures, words) => {
    expect(allFailedWords(failures)).toBe(words);
  });

  test.each([
    ['HTTP 500', 'réponse HTTP 500'],
    ['HTTP 502 (502 Bad Gateway)', 'réponse HTTP 502 (502 Bad Gateway)'],
    ['HTTP 403 Forbidden, anti-bot challenge page', 'réponse HTTP 403, page de contrôle anti-robot'],
    ['no complete answer within 30 s', 'pas de réponse complète en 30 s'],
    ['connection refused', 'connexion refusée'],
    ['CaptchEtat captcha required to reach the slots', 'captcha CaptchEtat exigé avant les créneaux'],
    ['redirected to another host: rdv.example/x', 'redirection vers un autre site\u00a0: rdv.example/x'],
    ['the page says "Service fermé"', 'la page indique «\u202fService fermé\u202f»'],
    ['something new', 'texte d’origine\u00a0: «\u202fsomething new\u202f»'],
    ['', ''],
  ])('detail %j reads %j', (detail, french) => {
    expect(frenchDetail(detail)).toBe(french);
  });
});
