/** What procedure pages say about observations: the three-month summary and the cadence of releases. */
import { describe, expect, test } from 'vitest';
import { checkObservation, type Observation, type ObservationRow } from '../../src/lib/observation.ts';
import { coveredOnlyByObservations, releaseCadence, summariseObservations } from '../../src/lib/observation-summary.ts';

function observation(fields: Partial<ObservationRow>): Observation {
  const checked = checkObservation({
    observed_at: '2026-05-18T11:30:00+02:00',
    outcome: 'none',
    first_date: '',
    second_date: '',
    last_publication: '',
    next_publication: '',
    source: 'volunteer',
    reference: 'issue:1',
    ...fields,
  });
  if ('code' in checked) throw new Error(checked.message);
  return checked;
}
const at = (observed_at: string, more: Partial<ObservationRow> = {}) => observation({ observed_at, ...more });
const MONDAY_RELEASES: [string, string, string, string, string] = [
  '2026-04-27T11:58:00+02:00',
  '2026-05-04T11:58:00+02:00',
  '2026-05-11T11:58:00+02:00',
  '2026-05-18T11:58:00+02:00',
  '2026-05-25T11:58:00+02:00',
];

describe('the cadence of releases', () => {
  test.each([
    [
      'weekly on Monday at 11:58',
      [
        at('2026-05-05T09:00:00+02:00', { last_publication: MONDAY_RELEASES[1], next_publication: MONDAY_RELEASES[2] }),
        at('2026-05-19T09:00:00+02:00', { last_publication: MONDAY_RELEASES[3], next_publication: MONDAY_RELEASES[4] }),
      ],
      { releases: 4, medianDays: 7, weekday: 1, time: '11:58' },
    ],
    [
      'a missed release does not move the median',
      ([0, 1, 3, 4] as const).map((index) =>
        at(MONDAY_RELEASES[index].replace('11:58', '18:00'), { last_publication: MONDAY_RELEASES[index] }),
      ),
      { releases: 4, medianDays: 7, weekday: 1, time: '11:58' },
    ],
    [
      'releases on various days and times',
      [
        at('2026-05-20T09:00:00+02:00', {
          last_publication: '2026-05-04T11:58:00+02:00',
          next_publication: '2026-05-22T09:00:00+02:00',
        }),
        at('2026-05-21T09:00:00+02:00', { last_publication: '2026-05-13T10:00:00+02:00' }),
      ],
      { releases: 3, medianDays: 8.9, weekday: null, time: null },
    ],
  ])('%s', (_, observations, expected) => {
    expect(releaseCadence(observations)).toEqual(expected);
  });

  test.each([
    ['no publication shown', [at('2026-05-18T09:00:00+02:00')]],
    [
      'two releases only, however often seen',
      [
        at('2026-05-05T09:00:00+02:00', { last_publication: MONDAY_RELEASES[1], next_publication: MONDAY_RELEASES[2] }),
        at('2026-05-06T09:00:00+02:00', { last_publication: MONDAY_RELEASES[1], next_publication: MONDAY_RELEASES[2] }),
      ],
    ],
  ])('no cadence from %s', (_, observations) => {
    expect(releaseCadence(observations)).toBeNull();
  });
});

describe('the three-month summary', () => {
  const observations = [
    at('2026-01-10T09:00:00+01:00', { outcome: 'slots', first_date: '2026-01-20' }), // older than three months
    at('2026-03-01T09:00:00+01:00'),
    at('2026-04-02T09:00:00+02:00', { outcome: 'slots', first_date: '2026-06-01', second_date: '2026-06-02' }),
    at('2026-05-18T11:30:00+02:00', {
      outcome: 'slots',
      first_date: '2026-05-26',
      last_publication: MONDAY_RELEASES[3],
      next_publication: MONDAY_RELEASES[4],
    }),
    at('2026-05-19T08:00:00+02:00'),
  ];
  const end = Date.parse('2026-05-19T08:00:00+02:00');

  test('counts the last three months, the share with a date, the first dates and the last schedule shown', () => {
    const summary = summariseObservations(observations, end);
    expect(summary).toMatchObject({
      from: '2026-02-19',
      to: '2026-05-19',
      withDate: 2,
      shareWithDate: 0.5,
      firstDates: { earliest: '2026-05-26', latest: '2026-06-01' },
    });
    expect(summary.observations.map((row) => row.observed_at)).toEqual([
      '2026-05-19T08:00:00+02:00',
      '2026-05-18T11:30:00+02:00',
      '2026-04-02T09:00:00+02:00',
      '2026-03-01T09:00:00+01:00',
    ]);
    expect(summary.schedule).toEqual({
      observedAt: '2026-05-18T11:30:00+02:00',
      lastPublication: MONDAY_RELEASES[3],
      nextPublication: MONDAY_RELEASES[4],
    });
  });

  test('without any observation there is nothing to share', () => {
    expect(summariseObservations([], null)).toMatchObject({
      observations: [],
      shareWithDate: null,
      firstDates: null,
      schedule: null,
      cadence: null,
    });
  });

  test('procedures known only through observations are counted apart', () => {
    const procedures = [
      { key: 'observed-only', observed: true, probed: false },
      { key: 'both', observed: true, probed: true },
      { key: 'probed-only', observed: false, probed: true },
      { key: 'neither', observed: false, probed: false },
    ];
    expect(
      coveredOnlyByObservations(
        procedures,
        (row) => row.observed,
        (row) => row.probed,
      ).map((row) => row.key),
    ).toEqual(['observed-only']);
  });
});
