import { describe, expect, test } from 'vitest';
import { colourOf } from '../../src/lib/colour.ts';

const probe = (day: string, firstDate = '', secondDate = '', outcome = firstDate ? 'slots' : 'none') => ({
  day,
  outcome,
  firstDate,
  secondDate,
});

describe('colourOf', () => {
  test.each([
    // [probe day, first date, second date, expected colour]
    ['2018-03-01', '2018-03-02', '2018-03-05', 'vert'],
    ['2018-03-01', '2018-04-01', '2018-04-01', 'vert'], // both on the same day, exactly one month later
    ['2018-03-01', '2018-04-01', '2018-04-02', 'jaune'], // second date one day past the month
    ['2018-03-01', '2018-03-10', '', 'jaune'], // a single slot offered
    ['2018-03-01', '2018-04-02', '2018-04-03', 'orange'],
    ['2018-03-01', '2018-05-01', '', 'orange'], // exactly two months later
    ['2018-03-01', '2018-05-02', '', 'rouge'],
    // Month ends clamp to the last day of the shorter month.
    ['2018-01-31', '2018-02-28', '2018-02-28', 'vert'],
    ['2018-01-31', '2018-03-01', '', 'orange'],
    ['2020-01-31', '2020-02-29', '', 'jaune'], // leap year
    ['2020-01-31', '2020-03-01', '', 'orange'],
    ['2019-12-31', '2020-02-29', '', 'orange'], // two months clamp into a leap February
    ['2019-12-31', '2020-03-01', '', 'rouge'],
    ['2018-03-31', '2018-04-30', '', 'jaune'],
    ['2018-03-31', '2018-05-01', '', 'orange'],
    ['2018-12-15', '2019-01-15', '2019-01-15', 'vert'], // across the year
    ['2018-10-28', '2018-11-28', '2018-11-28', 'vert'], // day the clocks go back
  ])('probe on %s offering %s and %s is %s', (day, first, second, expected) => {
    expect(colourOf(probe(day, first, second))).toBe(expected);
  });

  test('a site saying no slot is free is noir', () => {
    expect(colourOf(probe('2018-03-01'))).toBe('noir');
  });

  test.each(['timeout', 'http_error', 'blocked', 'throttled', 'captcha', 'closed', 'moved', 'unrecognized'])(
    'a failed probe (%s) has no colour',
    (outcome) => {
      expect(colourOf({ day: '2018-03-01', outcome, firstDate: '', secondDate: '' })).toBeNull();
    },
  );

  test('a date before the probe day is rejected', () => {
    expect(() => colourOf(probe('2018-03-02', '2018-03-01'))).toThrow(/before the probe day/);
  });
});
