/**
 * Month statistics of a procedure: how many probes succeeded and how they
 * split across the five colours, with failures counted apart. Every table,
 * chart, CSV download and letter takes its numbers from here.
 */
import { addMonths } from './calendar.ts';
import { COLOURS, type Colour } from './colour.ts';
import type { Probe } from './probe.ts';

export interface MonthStatistics {
  /** `YYYY-MM`, or null for a totals row. */
  month: string | null;
  /** Successful probes ("nombre de sondages réussis"): the denominator of every share. */
  successful: number;
  /** Probes of each colour. */
  counts: Record<Colour, number>;
  /** Failed probes: counted apart, never in a colour. */
  failed: number;
}

function emptyCounts(): Record<Colour, number> {
  return { vert: 0, jaune: 0, orange: 0, rouge: 0, noir: 0 };
}

/** An accumulator that takes probes one at a time, so a month is never held twice in memory. */
export function emptyMonthStatistics(month: string | null): MonthStatistics {
  return { month, successful: 0, counts: emptyCounts(), failed: 0 };
}

export function addProbe(statistics: MonthStatistics, probe: Pick<Probe, 'colour'>): void {
  if (probe.colour === null) {
    statistics.failed += 1;
  } else {
    statistics.successful += 1;
    statistics.counts[probe.colour] += 1;
  }
}

/** Statistics of one month's probes. */
export function monthStatistics(month: string, probes: Iterable<Pick<Probe, 'colour'>>): MonthStatistics {
  const statistics = emptyMonthStatistics(month);
  for (const probe of probes) addProbe(statistics, probe);
  return statistics;
}

/** The share of successful probes of a colour, or null when no probe succeeded. */
export function colourShare(statistics: MonthStatistics, colour: Colour): number | null {
  return statistics.successful === 0 ? null : statistics.counts[colour] / statistics.successful;
}

/**
 * The "taux d'ouverture": share of successful probes that offered any date
 * (every colour but noir). La Cimade's question: if the site were a counter,
 * how often would it be open?
 */
export function openingRate(statistics: MonthStatistics): number | null {
  return statistics.successful === 0 ? null : (statistics.successful - statistics.counts.noir) / statistics.successful;
}

/** Sums month statistics into one row (month null): the "Totaux" row, or a period. */
export function sumStatistics(months: Iterable<MonthStatistics>): MonthStatistics {
  const total = emptyMonthStatistics(null);
  for (const statistics of months) {
    total.successful += statistics.successful;
    total.failed += statistics.failed;
    for (const colour of COLOURS) total.counts[colour] += statistics.counts[colour];
  }
  return total;
}

/** Months newest first, as La Cimade's tables listed them. */
export function newestFirst(months: readonly MonthStatistics[]): MonthStatistics[] {
  return [...months].sort((a, b) => (b.month ?? '').localeCompare(a.month ?? ''));
}

/**
 * The `count` complete months before the month of `reference` (a day or
 * month): the period the headline figures and letters use, so that a month
 * still being probed never weighs in.
 */
export function lastCompleteMonths(reference: string, count: number): string[] {
  const current = reference.slice(0, 7);
  return Array.from({ length: count }, (_, index) => addMonths(current, -(count - index)));
}

/** Statistics over a period of months; months without data count as empty. */
export function periodStatistics(months: readonly MonthStatistics[], period: readonly string[]): MonthStatistics {
  const wanted = new Set(period);
  return sumStatistics(months.filter((statistics) => statistics.month !== null && wanted.has(statistics.month)));
}
