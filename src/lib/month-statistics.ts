/**
 * Month statistics of a procedure: how many probes succeeded and how they
 * split across the five colours, with failures counted apart. Every table,
 * chart, CSV download and letter takes its numbers from here.
 */
import { addMonths } from './calendar.ts';
import { COLOURS, type Colour } from './colour.ts';
import type { Probe } from './probe.ts';

/** What month statistics read of a probe. */
export type CountedProbe = Pick<Probe, 'colour' | 'instant' | 'outcome'>;

const HOUR = 3_600_000;

export interface MonthStatistics {
  /** `YYYY-MM`, or null for a totals row. */
  month: string | null;
  /** Successful probes ("nombre de sondages réussis"): the denominator of every share. */
  successful: number;
  /** Probes of each colour. */
  counts: Record<Colour, number>;
  /** Failed probes: counted apart, never in a colour. */
  failed: number;
  /** Failed probes by failure code (only the codes that occurred). */
  failures: Partial<Record<string, number>>;
  /** Instant of the first probe (ms), null when there is none. */
  firstProbe: number | null;
  /** Instant of the last probe (ms), null when there is none. */
  lastProbe: number | null;
  /**
   * Clock hours with at least one probe attempted (successful or not). Paris
   * offsets are whole hours, so an hour of the Paris clock is an hour of UTC.
   */
  probedHours: number;
}

function emptyCounts(): Record<Colour, number> {
  return { vert: 0, jaune: 0, orange: 0, rouge: 0, noir: 0 };
}

/** An accumulator that takes probes one at a time, so a month is never held twice in memory. */
export function emptyMonthStatistics(month: string | null): MonthStatistics {
  return {
    month,
    successful: 0,
    counts: emptyCounts(),
    failed: 0,
    failures: {},
    firstProbe: null,
    lastProbe: null,
    probedHours: 0,
  };
}

/**
 * Statistics of one month's probes. The set of probed hours lives only while
 * the month is read: a month is reduced to counts before the next is opened.
 */
export function monthStatistics(month: string, probes: Iterable<CountedProbe>): MonthStatistics {
  const statistics = emptyMonthStatistics(month);
  // Probes in order of time (as files hold them) count their distinct hours
  // by counting changes of hour; the set is built only once one goes back.
  let hours: Set<number> | null = null;
  let latestHour = -Infinity;
  const orderedHours: number[] = [];
  for (const probe of probes) {
    if (probe.colour === null) {
      statistics.failed += 1;
      statistics.failures[probe.outcome] = (statistics.failures[probe.outcome] ?? 0) + 1;
    } else {
      statistics.successful += 1;
      statistics.counts[probe.colour] += 1;
    }
    const hour = Math.floor(probe.instant / HOUR);
    if (hours !== null) {
      hours.add(hour);
    } else if (hour > latestHour) {
      latestHour = hour;
      orderedHours.push(hour);
    } else if (hour < latestHour) {
      hours = new Set(orderedHours);
      hours.add(hour);
    }
    if (statistics.firstProbe === null || probe.instant < statistics.firstProbe) statistics.firstProbe = probe.instant;
    if (statistics.lastProbe === null || probe.instant > statistics.lastProbe) statistics.lastProbe = probe.instant;
  }
  statistics.probedHours = hours === null ? orderedHours.length : hours.size;
  return statistics;
}

/** Every probe of the statistics, successful or failed. */
export function attempted(statistics: MonthStatistics): number {
  return statistics.successful + statistics.failed;
}

/** The share of successful probes of a colour, or null when no probe succeeded. */
export function colourShare(statistics: MonthStatistics, colour: Colour): number | null {
  return statistics.successful === 0 ? null : statistics.counts[colour] / statistics.successful;
}

/**
 * Successful probes that offered a date within one month (vert + jaune): the
 * headline measure, « accès à un mois ». The seed kit's measure of access is a
 * date within a month; a site whose every date is months away is not open.
 */
export function withinMonthCount(statistics: MonthStatistics): number {
  return statistics.counts.vert + statistics.counts.jaune;
}

/** The share of successful probes that offered a date within one month, or null when no probe succeeded. */
export function withinMonthShare(statistics: MonthStatistics): number | null {
  return statistics.successful === 0 ? null : withinMonthCount(statistics) / statistics.successful;
}

/**
 * The former headline, "taux d'ouverture": share of successful probes that
 * offered any date, however far (every colour but noir). Still published in
 * the CSV column `opening_rate`; it equals the « accès à un mois » plus the
 * orange and rouge shares.
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
    for (const [code, count] of Object.entries(statistics.failures))
      total.failures[code] = (total.failures[code] ?? 0) + (count ?? 0);
    total.probedHours += statistics.probedHours;
    if (statistics.firstProbe !== null && (total.firstProbe === null || statistics.firstProbe < total.firstProbe))
      total.firstProbe = statistics.firstProbe;
    if (statistics.lastProbe !== null && (total.lastProbe === null || statistics.lastProbe > total.lastProbe))
      total.lastProbe = statistics.lastProbe;
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
