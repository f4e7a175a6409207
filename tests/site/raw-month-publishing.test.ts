import { describe, expect, test } from 'vitest';
import { addMonths } from '../../src/lib/calendar.ts';
import { isPrerendered, PRERENDERED_MONTHS } from '../../src/site/raw-month-publishing.ts';

// The fixture's compile date: 31 March 2018 at 23:20:25 in Paris.
const FIXTURE_COMPILED_AT = Date.parse('2018-03-31T23:20:25+02:00');

describe('which month pages are prerendered', () => {
  test.each([
    // [month, compiled at (ISO, with its offset), prerendered?]
    ['2018-03', '2018-03-31T23:20:25+02:00', true], // the compile month
    ['2016-04', '2018-03-31T23:20:25+02:00', true], // the 24th month back, the window's first
    ['2016-03', '2018-03-31T23:20:25+02:00', false], // just before the window
    ['2015-06', '2018-03-31T23:20:25+02:00', false], // the fixture's old month
    ['2018-04', '2018-03-31T23:20:25+02:00', true], // later than the compile month
    // 1 April 2018 at 00:30 in Paris is still 31 March in UTC: Paris time decides.
    ['2016-04', '2018-03-31T22:30:00Z', false],
    ['2016-05', '2018-03-31T22:30:00Z', true],
    ['2018-04', '2018-03-31T22:30:00Z', true],
    // Across the new year, on the Paris clock.
    ['2017-02', '2018-12-31T23:10:00Z', true],
    ['2017-01', '2018-12-31T23:10:00Z', false],
    ['2017-01', '2018-12-31T22:50:00Z', true],
  ])('%s, data compiled at %s: %s', (month, compiledAt, expected) => {
    expect(isPrerendered(month, Date.parse(compiledAt))).toBe(expected);
  });

  test('keeps exactly PRERENDERED_MONTHS (24) months, the compile month included', () => {
    expect(PRERENDERED_MONTHS).toBe(24);
    const months = Array.from({ length: 60 }, (_, index) => addMonths('2013-04', index)); // up to 2018-03
    expect(months.filter((month) => isPrerendered(month, FIXTURE_COMPILED_AT))).toEqual(
      months.slice(-PRERENDERED_MONTHS),
    );
  });

  test('without any probe there is no compile date, and nothing to defer', () => {
    expect(isPrerendered('2015-06', null)).toBe(true);
  });
});
