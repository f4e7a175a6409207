import { describe, expect, test } from 'vitest';
import type { Colour } from '../../src/lib/colour.ts';
import { formatCount, formatDay, formatMonth, formatShare } from '../../src/lib/format.ts';
import { colourShare, lastCompleteMonths, monthStatistics, newestFirst, openingRate, periodStatistics, sumStatistics } from '../../src/lib/month-statistics.ts';

const probes = (counts: Partial<Record<Colour | 'failed', number>>) =>
  Object.entries(counts).flatMap(([colour, count]) => Array.from({ length: count }, () => ({ colour: colour === 'failed' ? null : (colour as Colour) })));

describe('month statistics', () => {
  test('failed probes are counted apart and never in the total of successful probes', () => {
    const statistics = monthStatistics('2018-03', probes({ noir: 6, vert: 2, failed: 5 }));
    expect(statistics).toMatchObject({ successful: 8, failed: 5, counts: { noir: 6, vert: 2 } });
    expect(colourShare(statistics, 'noir')).toBe(0.75);
    expect(openingRate(statistics)).toBe(0.25);
  });

  test('a month with only failures has no shares rather than 0 %', () => {
    const statistics = monthStatistics('2018-03', probes({ failed: 3 }));
    expect(colourShare(statistics, 'noir')).toBeNull();
    expect(openingRate(statistics)).toBeNull();
    expect(formatShare(colourShare(statistics, 'noir'))).toBe('—');
  });

  test('totals add every month, and months list newest first', () => {
    const months = [monthStatistics('2018-01', probes({ noir: 1 })), monthStatistics('2018-03', probes({ rouge: 2, failed: 1 })), monthStatistics('2018-02', probes({ jaune: 1 }))];
    expect(sumStatistics(months)).toMatchObject({ month: null, successful: 4, failed: 1, counts: { noir: 1, rouge: 2, jaune: 1 } });
    expect(newestFirst(months).map((row) => row.month)).toEqual(['2018-03', '2018-02', '2018-01']);
  });

  test.each([
    ['2018-03-15', 3, ['2017-12', '2018-01', '2018-02']],
    ['2018-01-01', 1, ['2017-12']],
    ['2018-03', 2, ['2018-01', '2018-02']],
  ])('the last complete months before %s (%i)', (reference, count, expected) => {
    expect(lastCompleteMonths(reference, count)).toEqual(expected);
  });

  test('period statistics ignore months outside the period', () => {
    const months = [monthStatistics('2018-01', probes({ noir: 1 })), monthStatistics('2018-02', probes({ vert: 3 }))];
    expect(periodStatistics(months, ['2018-02', '2018-03'])).toMatchObject({ successful: 3, counts: { vert: 3, noir: 0 } });
  });
});

describe('French formatting', () => {
  test.each([
    [0.002, '0,2\u00a0%'],
    [0.992, '99,2\u00a0%'],
    [1, '100\u00a0%'],
    [0, '0\u00a0%'],
    [0.5, '50\u00a0%'],
    [0.1234, '12,3\u00a0%'],
    [0.12, '12\u00a0%'],
    [0.99999, '99,9\u00a0%'], // not all: never printed as 100 %
    [0.00001, '0,1\u00a0%'], // not none: never printed as 0 %
  ])('share %f is written %s', (share, expected) => {
    expect(formatShare(share)).toBe(expected);
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
  });
});

describe('headline figure', () => {
  test('covers the three complete months before the compile date, not the current one', async () => {
    const { headlineFigure } = await import('../../src/lib/headline.ts');
    const months = [
      monthStatistics('2018-01', probes({ noir: 10 })),
      monthStatistics('2018-02', probes({ noir: 5, vert: 5 })),
      monthStatistics('2018-03', probes({ noir: 2, rouge: 2, failed: 4 })),
      monthStatistics('2018-04', probes({ vert: 100 })), // current month: excluded
    ];
    const figure = headlineFigure(months, Date.parse('2018-04-10T12:00:00+02:00'));
    expect(figure.period).toEqual(['2018-01', '2018-02', '2018-03']);
    expect(figure.statistics.successful).toBe(24);
    expect(figure.openingRate).toBeCloseTo(7 / 24);
    expect(figure.noirShare).toBeCloseTo(17 / 24);
  });

  test('has no figure without data', async () => {
    const { headlineFigure } = await import('../../src/lib/headline.ts');
    expect(headlineFigure([], null)).toMatchObject({ period: [], openingRate: null, noirShare: null });
  });
});

describe('periods in words', () => {
  test.each([
    [['2017-12', '2018-01', '2018-02'], 'sur les trois mois complets de décembre 2017 à février 2018'],
    [['2018-04', '2018-05', '2018-06'], 'sur les trois mois complets d’avril 2018 à juin 2018'],
    [['2018-08'], 'sur le mois complet d’août 2018'],
    [['2018-10', '2018-11'], 'sur les deux mois complets d’octobre 2018 à novembre 2018'],
    [[], ''],
  ])('%j reads « %s »', async (months, expected) => {
    const { formatPeriod } = await import('../../src/lib/format.ts');
    expect(formatPeriod(months)).toBe(expected);
  });
});
