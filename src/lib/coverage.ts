/**
 * Coverage: which hours of a month (or of a period of months) the robot
 * actually probed. Periods are stated from the probes, never from the
 * calendar: a month probed on its last day only says so, the month still
 * running says where its data stop, and « mois complet » is said only of an
 * elapsed month with a probe in every hour.
 */
import { addMonths, parisClock, parisInstant } from './calendar.ts';
import { attempted, sumStatistics, type MonthStatistics } from './month-statistics.ts';

const HOUR = 3_600_000;

/** The instant a `YYYY-MM` month starts on the Paris clock. */
function monthStart(month: string): number {
  return parisInstant(`${month}-01`, '00:00').getTime();
}

/** Hours of each month asked about: reading the Paris clock is costly, and every month page asks. */
const monthHours = new Map<string, number>();

/** Hours of a month on the Paris clock: 743 in a March, 745 in an October, as the clocks change. */
export function hoursInMonth(month: string): number {
  let hours = monthHours.get(month);
  if (hours === undefined) {
    hours = Math.round((monthStart(addMonths(month, 1)) - monthStart(month)) / HOUR);
    monthHours.set(month, hours);
  }
  return hours;
}

/** The last compile instant asked about and its month: a build asks for the same one on every page. */
let lastCurrent: { compiledAt: number; month: string } | null = null;

/** The `YYYY-MM` month of the compile instant on the Paris clock: the month still being probed. */
function currentMonth(compiledAt: number | null): string | null {
  if (compiledAt === null || !Number.isFinite(compiledAt)) return null;
  if (lastCurrent?.compiledAt !== compiledAt)
    lastCurrent = { compiledAt, month: parisClock(new Date(compiledAt)).day.slice(0, 7) };
  return lastCurrent.month;
}

/** What the robot covered of a month or a period. */
export interface Coverage {
  /** Hours that could have been probed: the whole month, or for the month still running, up to the hour of the last probe. */
  hours: number;
  /** Of those, hours with at least one probe attempted. */
  probedHours: number;
  /** Hours without any probe: rounds that did not happen (not failures of the site). */
  hoursWithoutProbe: number;
  /** Probes attempted, successful or not. */
  attempted: number;
  /** Failed probes. */
  failed: number;
  /** First and last probe instants (ms), null without any probe. */
  firstProbe: number | null;
  lastProbe: number | null;
  /** Holds the month still being probed when the data were compiled (« mois en cours »). */
  current: boolean;
  /** Every hour was probed and no month is still running: only then is « mois complet » said. */
  complete: boolean;
}

/** Hours of a month that could have been probed by `compiledAt`: all of an elapsed month, those up to the compile hour of the current one. */
function hoursToCover(month: string, compiledAt: number | null): number {
  if (month !== currentMonth(compiledAt)) return hoursInMonth(month);
  return Math.floor((compiledAt! - monthStart(month)) / HOUR) + 1;
}

/**
 * The coverage of months (one month, or a period: months without data count
 * with all their hours unprobed), for data compiled at `compiledAt`.
 */
export function coverage(
  months: readonly MonthStatistics[],
  period: readonly string[],
  compiledAt: number | null,
): Coverage {
  const wanted = new Set(period);
  const total = sumStatistics(months.filter((row) => row.month !== null && wanted.has(row.month)));
  const hours = period.reduce((sum, month) => sum + hoursToCover(month, compiledAt), 0);
  const current = period.includes(currentMonth(compiledAt) ?? '');
  return {
    hours,
    probedHours: total.probedHours,
    hoursWithoutProbe: Math.max(0, hours - total.probedHours),
    attempted: attempted(total),
    failed: total.failed,
    firstProbe: total.firstProbe,
    lastProbe: total.lastProbe,
    current,
    complete: !current && hours > 0 && total.probedHours >= hours,
  };
}

/** The coverage of one month's statistics. */
export function monthCoverage(statistics: MonthStatistics, compiledAt: number | null): Coverage {
  return coverage([statistics], [statistics.month!], compiledAt);
}
