/**
 * French formatting of the numbers and dates visitors read. Intl does the
 * locale work; the functions here only fix the choices the project makes.
 */
import { PARIS_TIME_ZONE } from './calendar.ts';

const shareFormat = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

/**
 * A share as French readers write it, at most one decimal, trailing zero
 * dropped: `0,2 %`, `99,2 %`, `100 %`, `0 %`. A share that is not exactly 0 or
 * 1 never prints as `0 %` or `100 %`: a court reading "100 % sans date" must be
 * able to take it literally. Returns an em dash when there is nothing to share.
 */
export function formatShare(share: number | null): string {
  if (share === null || Number.isNaN(share)) return '—';
  const shown = share > 0 && share < 0.0005 ? 0.001 : share < 1 && share > 0.9995 ? 0.999 : share;
  return shareFormat.format(shown).replace(/\s/g, '\u00a0');
}

const integerFormat = new Intl.NumberFormat('fr-FR');

/** A count with French digit grouping: `12 345`. */
export function formatCount(count: number): string {
  return integerFormat.format(count).replace(/\s/g, '\u00a0');
}

/**
 * French number agreement: 0 and 1 take the singular (« 0 sondage a échoué »,
 * « 1 sondage »), 2 and more the plural.
 */
export function agreeWith(count: number, singular: string, plural: string): string {
  return Math.abs(count) < 2 ? singular : plural;
}

/**
 * A count with its noun agreed, joined by a no-break space so that the number
 * never ends a line alone: « 0 démarche suivie », « 1 234 sondages réussis ».
 */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)}\u00a0${agreeWith(count, singular, plural)}`;
}

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A `YYYY-MM` month as French readers name it: `mars 2018`. */
export function formatMonth(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

/** A `YYYY-MM-DD` day written the French short way: `01/03/2018`. */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

/** A `YYYY-MM-DD` day as the statements write a period's ends: `1/03/2018`. */
export function formatShortDay(day: string): string {
  return `${Number(day.slice(8))}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

const longDayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** A `YYYY-MM-DD` day in words: `1 mars 2018`. */
export function formatLongDay(day: string): string {
  return longDayFormat.format(new Date(`${day}T00:00:00Z`));
}

const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: PARIS_TIME_ZONE,
});

/** An instant on the Paris clock in words: `1 mars 2018 à 16:20`. */
export function formatParisDateTime(instant: number): string {
  return dateTimeFormat.format(new Date(instant));
}

const COUNT_WORDS = ['', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze'];

/** `de mars 2018`, or `d’avril 2018`: French elides « de » before a vowel. */
export function fromMonth(month: string): string {
  const name = formatMonth(month);
  return /^[aeiouyé]/i.test(name) ? `d’${name}` : `de ${name}`;
}

/** A run of months from first to last: « de décembre 2017 à février 2018 », « d’août 2018 ». */
export function formatMonthRange(months: readonly string[]): string {
  if (months.length === 0) return '';
  return months.length === 1 ? fromMonth(months[0]!) : `${fromMonth(months[0]!)} à ${formatMonth(months.at(-1)!)}`;
}

/**
 * A period of complete months in words, as the headline figures state it:
 * « sur les trois mois complets de décembre 2017 à février 2018 »,
 * « sur le mois complet d’avril 2018 ».
 */
export function formatPeriod(months: readonly string[]): string {
  if (months.length === 0) return '';
  if (months.length === 1) return `sur le mois complet ${formatMonthRange(months)}`;
  return `sur les ${COUNT_WORDS[months.length] ?? months.length} mois complets ${formatMonthRange(months)}`;
}
