import { describe, expect, test } from 'vitest';
import { isoWeek } from '../../src/lib/calendar.ts';
import { validateProbe, type Probe } from '../../src/lib/probe.ts';
import { AttemptsCounter, attemptsSentence, probeSpread } from '../../src/lib/probe-spread.ts';

/** A probe from its recorded time and outcome (dates for `slots`). */
function probe(probedAt: string, outcome = 'none', firstDate = ''): Probe {
  const result = validateProbe({ probed_at: probedAt, outcome, first_date: firstDate });
  if (typeof result === 'string') throw new Error(result);
  return result;
}

const URL = 'https://www.seine-saint-denis.gouv.fr/booking/create/9829';

describe('ISO weeks', () => {
  test.each([
    ['2020-12-31', '2020-W53'],
    ['2021-01-01', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2018-12-31', '2019-W01'],
    ['2018-03-25', '2018-W12'],
    ['2018-03-26', '2018-W13'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeek(day)).toBe(week);
  });
});

describe('the spread of probes over weeks and days (Paris time)', () => {
  test.each([
    [
      // The night clocks go forward (Sunday 25 March 2018): 01:20 winter time and 03:20 summer time are the same day and week.
      'across the spring clock change',
      [
        '2018-03-24T23:20:00+01:00',
        '2018-03-25T01:20:00+01:00',
        '2018-03-25T03:20:00+02:00',
        '2018-03-26T00:20:00+02:00',
      ],
      { probes: 4, weeks: 2, days: 3 },
    ],
    [
      // The night clocks go back (Sunday 28 October 2018): 02:20 happens twice, one day, one week.
      'across the autumn clock change',
      ['2018-10-28T02:20:00+02:00', '2018-10-28T02:20:00+01:00', '2018-10-28T23:20:00+01:00'],
      { probes: 3, weeks: 1, days: 1 },
    ],
    [
      // 23:30 UTC on 31 December is already 1 January in Paris; 28 Dec 2020 to 3 Jan 2021 is ISO week 53 of 2020.
      'across a year end with an ISO week 53',
      [
        '2020-12-28T10:00:00+01:00',
        '2020-12-31T23:59:00+01:00',
        '2021-01-01T00:30:00+01:00',
        '2021-01-03T18:00:00+01:00',
        '2021-01-04T09:00:00+01:00',
      ],
      { probes: 5, weeks: 2, days: 5 },
    ],
    [
      // 31 December 2018 (a Monday) is in week 1 of 2019, with 1 January.
      'across a year end whose last days are week 1',
      ['2018-12-30T12:00:00+01:00', '2018-12-31T12:00:00+01:00', '2019-01-01T12:00:00+01:00'],
      { probes: 3, weeks: 2, days: 3 },
    ],
  ])('%s', (_, times, expected) => {
    const spread = probeSpread(times.map((time) => probe(time)));
    expect({ probes: spread.probes, weeks: spread.weeks, days: spread.days }).toEqual(expected);
    expect(spread.first).toBe(Date.parse(times[0]!));
    expect(spread.last).toBe(Date.parse(times.at(-1)!));
  });

  test('is empty without probes', () => {
    expect(probeSpread([])).toEqual({ probes: 0, weeks: 0, days: 0, first: null, last: null });
  });
});

describe('the attempts sentence', () => {
  const sentence = (probes: Probe[]) => {
    const counter = new AttemptsCounter();
    for (const one of probes) counter.add(one);
    return attemptsSentence(counter.result(), URL);
  };

  test('states probes, distinct weeks and days, the first and last instant, over a DST change and a year end', () => {
    const probes = [
      probe('2020-12-28T10:00:00+01:00'),
      probe('2020-12-31T23:59:00+01:00', 'timeout'),
      probe('2021-01-01T00:30:00+01:00'),
      probe('2021-01-04T09:00:00+01:00', 'slots', '2021-01-20'),
    ];
    expect(sentence(probes)).toBe(
      'Du 28\u00a0décembre 2020 à 10\u00a0h\u00a000 au 4\u00a0janvier 2021 à 9\u00a0h\u00a000 (heure de Paris), le robot Guichets fermés a tenté 4 fois d’obtenir un rendez-vous sur la page ' +
        `${URL}, au cours de 2 semaines calendaires distinctes et de 4 jours différents\u202f; lors de 2 de ces tentatives, réparties sur 1 semaine et 2 jours, ` +
        'le site n’a proposé aucune date\u202f; il a proposé au moins une date lors de 1 tentative\u202f; 1 tentative a échoué (site indisponible, en erreur ou bloquant le robot) ' +
        'sans être comptée comme «\u202faucune date\u202f».',
    );
  });

  test.each([
    ['split by month', 2],
    ['split inside a week', 1],
    ['in one piece', 0],
  ])('gives the same spread when its probes are counted in parts (%s)', (_, cut) => {
    const probes = [
      probe('2020-12-28T10:00:00+01:00'),
      probe('2020-12-31T23:59:00+01:00', 'timeout'),
      probe('2021-01-01T00:30:00+01:00'),
      probe('2021-01-01T09:00:00+01:00'),
      probe('2021-01-04T09:00:00+01:00', 'slots', '2021-01-20'),
    ];
    const whole = new AttemptsCounter();
    for (const one of probes) whole.add(one);
    const [first, second] = [new AttemptsCounter(), new AttemptsCounter()];
    probes.forEach((one, index) => (index < cut ? first : second).add(one));
    const merged = new AttemptsCounter();
    merged.addPart(first.part());
    merged.addPart(second.part());
    expect(merged.result()).toEqual(whole.result());
  });

  test('writes « 1er » for the first of a month and counts the spring-forward day once', () => {
    const text = sentence([
      probe('2018-03-01T00:20:00+01:00'),
      probe('2018-03-25T01:20:00+01:00'),
      probe('2018-03-25T03:20:00+02:00'),
    ]);
    expect(text).toContain(
      'Du 1er\u00a0mars 2018 à 0\u00a0h\u00a020 au 25\u00a0mars 2018 à 3\u00a0h\u00a020 (heure de Paris)',
    );
    expect(text).toContain('a tenté 3 fois');
    expect(text).toContain('au cours de 2 semaines calendaires distinctes et de 2 jours différents');
    expect(text).toContain('le site n’a proposé aucune date lors de toutes ces tentatives.');
  });

  test('says nothing without probes', () => {
    expect(sentence([])).toBeNull();
  });

  test('never calls failures « aucune date »', () => {
    const text = sentence([
      probe('2018-03-01T00:20:00+01:00', 'blocked'),
      probe('2018-03-08T00:20:00+01:00', 'captcha'),
    ])!;
    expect(text).toContain('le site n’a jamais répondu qu’aucune date n’était disponible');
    expect(text).toContain('2 tentatives ont échoué');
  });
});
