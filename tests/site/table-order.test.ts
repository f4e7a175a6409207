import { describe, expect, test } from 'vitest';
import {
  compareKeys,
  filterWords,
  matchesEveryWord,
  normalise,
  shownInWords,
} from '../../src/site/client/table-order.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('sorting procedure tables', () => {
  const sorted = (keys: string[], numeric: boolean, direction: 'ascending' | 'descending') =>
    [...keys].sort((a, b) => compareKeys(a, b, numeric, direction));

  test.each([
    ['numbers as numbers, missing last', ['0.5', '', '0.125', '1'], true, 'ascending', ['0.125', '0.5', '1', '']],
    ['missing last in descending order too', ['0.5', '', '0.125', '1'], true, 'descending', ['1', '0.5', '0.125', '']],
    [
      'text the French way, accents and case aside',
      ['Évry', 'bobigny', 'Créteil', 'Ajaccio'],
      false,
      'ascending',
      ['Ajaccio', 'bobigny', 'Créteil', 'Évry'],
    ],
    ['digits inside text as numbers', ['Titre 10', 'Titre 2'], false, 'ascending', ['Titre 2', 'Titre 10']],
  ] as const)('sorts %s', (_, keys, numeric, direction, expected) => {
    expect(sorted([...keys], numeric, direction)).toEqual(expected);
  });
});

describe('filtering procedure tables', () => {
  const row = normalise('Seine-Saint-Denis (93) Préfecture de Bobigny Demande d’admission exceptionnelle au séjour');

  test.each([
    ['', true],
    ['prefecture', true],
    ['BOBIGNY séjour', true],
    ['sejour 93', true],
    ['bobigny ajaccio', false],
    ['corse', false],
  ])('« %s » matches the Bobigny row: %s', (typed, expected) => {
    expect(matchesEveryWord(row, filterWords(typed))).toBe(expected);
  });

  test.each([
    [0, 4, 'Aucune démarche affichée sur 4'],
    [1, 4, '1 démarche affichée sur 4'],
    [3, 4, '3 démarches affichées sur 4'],
  ])('announces %i shown of %i as « %s »', (shown, total, expected) => {
    expect(plain(shownInWords(shown, total))).toBe(expected);
  });
});
