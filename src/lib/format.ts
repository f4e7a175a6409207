/**
 * French formatting of the numbers and dates visitors read. Intl does the
 * locale work; the functions here only fix the choices the project makes.
 */
import { PARIS_TIME_ZONE } from './calendar.ts';

/**
 * A share `count / total` rounded half-up to `1 / scale`, in units of
 * `1 / scale` (scale 1000: tenths of a percent). Computed on the exact
 * rational with integers, never on a binary float, so that 1 / 8 is 12,5 %
 * and never 12,4 %: the table, chart, letter and CSV all round by this.
 */
export function roundedShare(count: number, total: number, scale: number): number {
  const numerator = 2 * count * scale + total;
  const denominator = 2 * total;
  return (numerator - (numerator % denominator)) / denominator;
}

/**
 * A share as French readers write it, one decimal at most, trailing zero
 * dropped: `0,2 %`, `99,2 %`, `100 %`, `0 %`, rounded half-up on the exact
 * count. A share that rounds to 0 but is not 0 prints `< 0,1 %`, one that
 * rounds to 100 but is not 100 prints `> 99,9 %`: a court reading « 100 %
 * sans date » must be able to take it literally, and « 0,1 % » must not stand
 * for 1 in 7 076. An em dash when there is nothing to share (total 0).
 */
export function formatShare(count: number, total: number): string {
  if (total === 0) return '—';
  const tenths = roundedShare(count, total, 1000);
  if (tenths === 0 && count > 0) return '<\u00a00,1\u00a0%';
  if (tenths === 1000 && count < total) return '>\u00a099,9\u00a0%';
  const decimal = tenths % 10;
  return `${(tenths - decimal) / 10}${decimal === 0 ? '' : `,${decimal}`}\u00a0%`;
}

/**
 * A share as a decimal fraction with four places (`0.7500`) for CSV files,
 * rounded half-up on the exact count like `formatShare`; empty when there is
 * nothing to share, so that spreadsheets never read "no data" as 0.
 */
export function formatDecimalShare(count: number, total: number): string {
  if (total === 0) return '';
  const units = roundedShare(count, total, 10_000);
  return `${Math.floor(units / 10_000)}.${String(units % 10_000).padStart(4, '0')}`;
}

const integerFormat = new Intl.NumberFormat('fr-FR');

/** A count with French digit grouping: `12 345`. */
export function formatCount(count: number): string {
  return integerFormat.format(count).replace(/\s/g, '\u00a0');
}

/**
 * A file size as French readers write it, in decimal units (1 ko = 1 000
 * octets, as disks and browsers count): `850 octets`, `12,4 ko`, `3,1 Mo`,
 * one decimal at most, rounded half-up, so a visitor knows what a download costs.
 */
export function formatFileSize(bytes: number): string {
  if (bytes < 1000) return `${formatCount(bytes)}\u00a0${agreeWith(bytes, 'octet', 'octets')}`;
  const [unit, scale] = bytes < 999_950 ? ['ko', 1000] : ['Mo', 1_000_000];
  const tenths = roundedShare(bytes, scale, 10);
  const decimal = tenths % 10;
  return `${formatCount((tenths - decimal) / 10)}${decimal === 0 ? '' : `,${decimal}`}\u00a0${unit}`;
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

const parisDayFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: PARIS_TIME_ZONE,
});
const parisTimeParts = new Intl.DateTimeFormat('fr-FR', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: PARIS_TIME_ZONE,
});

/** The Paris day of an instant in words, `1er` for the first: `1er mars 2018`, `28 novembre 2018`. */
function formatParisDay(instant: number): string {
  return parisDayFormat
    .format(new Date(instant))
    .replace(/^(\d+)\s/, (_, day: string) => `${day === '1' ? '1er' : day}\u00a0`);
}

/**
 * The Paris time of an instant the French way, `23 h 17` (`0 h 20`), with
 * the seconds when asked (`16 h 20 min 25 s`); no-break spaces keep it on one line.
 */
export function formatParisTime(instant: number, seconds = false): string {
  const parts = Object.fromEntries(
    parisTimeParts.formatToParts(new Date(instant)).map((part) => [part.type, part.value]),
  );
  const time = `${Number(parts.hour)}\u00a0h\u00a0${parts.minute}`;
  return seconds ? `${time}\u00a0min\u00a0${parts.second}\u00a0s` : time;
}

/** An instant in words on the Paris clock: `28 novembre 2018 à 23 h 17`. */
export function formatParisMoment(instant: number): string {
  return `${formatParisDay(instant)} à ${formatParisTime(instant)}`;
}

/** The same: every instant a visitor reads is written `1er mars 2018 à 16 h 20`. */
export const formatParisDateTime = formatParisMoment;

const COUNT_WORDS = [
  '',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
];

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
 * A period of elapsed months in words, as the headline figures state it.
 * « complets » only when every hour of them was probed (see coverage.ts):
 * « sur les trois mois complets de décembre 2017 à février 2018 »,
 * « sur les trois mois de décembre 2017 à février 2018 », « sur le mois d’avril 2018 ».
 */
export function formatPeriod(months: readonly string[], complete: boolean): string {
  if (months.length === 0) return '';
  const adjective = complete ? (months.length === 1 ? ' complet' : ' complets') : '';
  if (months.length === 1) return `sur le mois${adjective} ${formatMonthRange(months)}`;
  return `sur les ${COUNT_WORDS[months.length] ?? months.length} mois${adjective} ${formatMonthRange(months)}`;
}
