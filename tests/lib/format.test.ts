import { describe, expect, test } from 'vitest';
import { agreeWith, countOf, formatFileSize, formatShortDay } from '../../src/lib/format.ts';

const NBSP = '\u00a0';

describe('French agreement of counts', () => {
  test.each([
    [0, '0 sondage a échoué'],
    [1, '1 sondage a échoué'],
    [2, '2 sondages ont échoué'],
    [2161, '2 161 sondages ont échoué'],
  ])('%i takes the %s form', (count, expected) => {
    const text = `${countOf(count, 'sondage')} ${agreeWith(count, 'a échoué', 'ont échoué')}`;
    expect(text.replace(/[\u00a0\u202f]/g, ' ')).toBe(expected);
  });

  test('takes an irregular plural and never lets the number end a line alone', () => {
    expect(countOf(31, 'démarche suivie', 'démarches suivies')).toBe(`31${NBSP}démarches suivies`);
    expect(countOf(1234, 'département')).toMatch(/^1\s234\u00a0départements$/);
  });
});

describe('short days', () => {
  test.each([
    ['2018-03-01', '1/03/2018'],
    ['2018-08-31', '31/08/2018'],
    ['2015-06-10', '10/06/2015'],
  ])('%s is written %s', (day, expected) => {
    expect(formatShortDay(day)).toBe(expected);
  });
});

describe('file sizes', () => {
  test.each([
    [0, '0 octet'],
    [1, '1 octet'],
    [850, '850 octets'],
    [999, '999 octets'],
    [1000, '1 ko'],
    [12_449, '12,4 ko'],
    [12_450, '12,5 ko'],
    [999_949, '999,9 ko'],
    [999_950, '1 Mo'],
    [3_140_000, '3,1 Mo'],
    [1_234_500_000, '1 234,5 Mo'],
  ])('%i bytes read « %s »', (bytes, expected) => {
    expect(formatFileSize(bytes).replace(/[\u00a0\u202f]/g, ' ')).toBe(expected);
  });

  test('the unit never breaks away from its number', () => {
    expect(formatFileSize(12_450)).toBe('12,5\u00a0ko');
  });
});
