/**
 * The rules behind the sortable, filterable tables of procedures, apart from
 * the page so they can be tested: how two cells compare, what a typed filter
 * matches and how the number of rows shown is announced.
 */
import { countOf } from '../../lib/format.ts';

export type Direction = 'ascending' | 'descending';

/** Lowercase and without accents, so that « prefecture » finds « Préfecture ». */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * Compares two cells' sort keys. Empty keys (missing figures) come last in
 * either direction, so « pas encore de données » never heads a ranking.
 * Text compares the French way (accents and case aside, digits as numbers).
 */
export function compareKeys(a: string, b: string, numeric: boolean, direction: Direction): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  const order = numeric ? Number(a) - Number(b) : a.localeCompare(b, 'fr', { sensitivity: 'base', numeric: true });
  return direction === 'ascending' ? order : -order;
}

/** The words of a filter, normalised; an empty filter has none and matches everything. */
export function filterWords(typed: string): string[] {
  return normalise(typed).split(/\s+/).filter(Boolean);
}

/** A row matches when its (normalised) text contains every word typed, in any order. */
export function matchesEveryWord(normalisedText: string, words: readonly string[]): boolean {
  return words.every((word) => normalisedText.includes(word));
}

/** What the live region announces: « Aucune démarche affichée sur 4 », « 1 démarche affichée sur 4 ». */
export function shownInWords(shown: number, total: number): string {
  const count = shown === 0 ? 'Aucune démarche affichée' : countOf(shown, 'démarche affichée', 'démarches affichées');
  return `${count} sur ${total}`;
}
