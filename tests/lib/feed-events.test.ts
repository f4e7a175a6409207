import { describe, expect, test } from 'vitest';
import { addDays } from '../../src/lib/calendar.ts';
import { detectEvents, summariseDays, type DaySummary, type FeedInput } from '../../src/lib/feed-events.ts';
import { monthStatistics } from '../../src/lib/month-statistics.ts';
import { validateProbe, type Probe } from '../../src/lib/probe.ts';

function probe(probedAt: string, outcome = 'none', firstDate = ''): Probe {
  const result = validateProbe({ probed_at: probedAt, outcome, first_date: firstDate });
  if (typeof result === 'string') throw new Error(result);
  return result;
}

/** One summary per day from `start`, each day described by a letter: D dates, N no date, F all failed, _ no probe. */
function days(start: string, pattern: string): DaySummary[] {
  return [...pattern].flatMap((letter, index): DaySummary[] => {
    const day = addDays(start, index);
    const at = Date.parse(`${day}T10:00:00+01:00`);
    if (letter === '_') return [];
    if (letter === 'F')
      return [
        {
          day,
          probes: 24,
          successful: 0,
          withDates: 0,
          firstDatesAt: null,
          earliestDate: null,
          failures: { blocked: 20, timeout: 4 },
        },
      ];
    if (letter === 'D')
      return [
        {
          day,
          probes: 24,
          successful: 24,
          withDates: 1,
          firstDatesAt: at,
          earliestDate: addDays(day, 40),
          failures: {},
        },
      ];
    return [{ day, probes: 24, successful: 24, withDates: 0, firstDatesAt: null, earliestDate: null, failures: {} }];
  });
}

const input = (summaries: DaySummary[], compiledDay: string, extra: Partial<FeedInput> = {}): FeedInput => ({
  days: summaries,
  months: [],
  until: '',
  compiledDay,
  ...extra,
});
const keys = (value: FeedInput) => detectEvents(value).map((event) => event.key);

describe('events of a procedure', () => {
  test.each([
    ['dates every day: nothing to tell', days('2018-01-01', 'D'.repeat(30)), '2018-02-01', []],
    [
      'two weeks without a date after dates',
      days('2018-01-01', `DDD${'N'.repeat(14)}`),
      '2018-02-01',
      ['sans-date/2018-01-04'],
    ],
    ['thirteen days without a date are not two weeks', days('2018-01-01', `DDD${'N'.repeat(13)}`), '2018-02-01', []],
    [
      'dates back after two weeks without',
      days('2018-01-01', `D${'N'.repeat(14)}D`),
      '2018-02-01',
      ['sans-date/2018-01-02', 'dates/2018-01-16'],
    ],
    [
      'dates back after a dry start of the data (no « gone » without dates before)',
      days('2018-01-01', `${'N'.repeat(15)}D`),
      '2018-02-01',
      ['dates/2018-01-16'],
    ],
    ['a short gap between dates is no event', days('2018-01-01', `D${'N'.repeat(5)}D`), '2018-02-01', []],
    // Days when every probe failed tell nothing about dates, but are an event of their own.
    [
      'failed days inside a dry period',
      days('2018-01-01', `D${'N'.repeat(6)}FF${'N'.repeat(6)}D`),
      '2018-02-01',
      ['sans-mesure/2018-01-08', 'sans-date/2018-01-02', 'dates/2018-01-16'],
    ],
    [
      'one run of failed days, then another after a measured day',
      days('2018-01-01', 'DFFFDFD'),
      '2018-02-01',
      ['sans-mesure/2018-01-02', 'sans-mesure/2018-01-06'],
    ],
    [
      'a day without any probe breaks a run of failed days',
      days('2018-01-01', 'DF_FD'),
      '2018-02-01',
      ['sans-mesure/2018-01-02', 'sans-mesure/2018-01-04'],
    ],
    ['the day being probed is not judged yet', days('2018-01-01', 'DDF'), '2018-01-03', []],
  ])('%s', (_, summaries, compiledDay, expected) => {
    expect(keys(input(summaries, compiledDay))).toEqual(expected);
  });

  test('a run of failed days names its reasons, most frequent first, and grows without changing its key', () => {
    const [short] = detectEvents(input(days('2018-01-01', 'DFF'), '2018-02-01'));
    const [long] = detectEvents(input(days('2018-01-01', 'DFFF'), '2018-02-01'));
    expect(short).toMatchObject({
      kind: 'unmeasured',
      from: '2018-01-02',
      to: '2018-01-03',
      probes: 48,
      reasons: [
        ['blocked', 40],
        ['timeout', 8],
      ],
    });
    expect(long!.key).toBe(short!.key);
    expect(long!.published).toBe(short!.published);
    expect(long!.updated).toBeGreaterThan(short!.updated);
  });

  test('closed months only, dated at Paris midnight when the next month starts', () => {
    const months = [monthStatistics('2018-02', []), monthStatistics('2018-03', [])];
    const events = detectEvents(input([], '2018-03-31', { months }));
    expect(events.map((event) => event.key)).toEqual(['mois/2018-02']);
    expect(new Date(events[0]!.published).toISOString()).toBe('2018-02-28T23:00:00.000Z');
  });

  test.each([
    ['2018-03-10', '2018-03-31', ['fin/2018-03-10']],
    ['2018-04-10', '2018-03-31', []],
    ['', '2018-03-31', []],
  ])('a procedure probed until %s, data of %s', (until, compiledDay, expected) => {
    expect(keys(input([], compiledDay, { until }))).toEqual(expected);
  });

  test('the same data give the same events, keys and instants', () => {
    const build = () =>
      detectEvents(
        input(days('2018-01-01', `D${'N'.repeat(14)}DFF`), '2018-02-01', { months: [monthStatistics('2017-12', [])] }),
      );
    expect(build()).toEqual(build());
    expect(new Set(build().map((event) => event.key)).size).toBe(build().length);
  });
});

describe('day summaries', () => {
  test('count answers, dates and failures per Paris day, across the spring clock change', () => {
    const summaries = summariseDays([
      probe('2018-03-25T01:20:00+01:00'),
      probe('2018-03-25T03:20:00+02:00', 'slots', '2018-05-02'),
      probe('2018-03-25T04:20:00+02:00', 'slots', '2018-04-20'),
      probe('2018-03-25T05:20:00+02:00', 'captcha'),
      probe('2018-03-24T23:20:00+01:00', 'timeout'),
    ]);
    expect(summaries.map((summary) => summary.day)).toEqual(['2018-03-24', '2018-03-25']);
    expect(summaries[1]).toEqual({
      day: '2018-03-25',
      probes: 4,
      successful: 3,
      withDates: 2,
      firstDatesAt: Date.parse('2018-03-25T03:20:00+02:00'),
      earliestDate: '2018-04-20',
      failures: { captcha: 1 },
    });
  });
});
