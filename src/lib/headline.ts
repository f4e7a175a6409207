/**
 * The headline figure of a procedure: its taux d'ouverture over the last
 * three complete months before the data were compiled. Complete months only,
 * so that the figure of a month still being probed never moves the headline,
 * and relative to the data (not the build clock) so a rebuild changes nothing.
 */
import { parisClock } from './calendar.ts';
import { colourShare, lastCompleteMonths, openingRate, periodStatistics, type MonthStatistics } from './month-statistics.ts';

/** How many complete months the headline figure covers. */
export const HEADLINE_MONTHS = 3;

export interface HeadlineFigure {
  /** The months covered, oldest first (`YYYY-MM`). */
  period: string[];
  /** Their summed statistics. */
  statistics: MonthStatistics;
  /** Share of successful probes that offered any date; null without successful probes. */
  openingRate: number | null;
  /** Share of successful probes with no date at all (noir). */
  noirShare: number | null;
}

/** The headline figure of a procedure's months, for data compiled at `compiledAt` (null: no data at all). */
export function headlineFigure(months: readonly MonthStatistics[], compiledAt: number | null): HeadlineFigure {
  const period = compiledAt === null ? [] : lastCompleteMonths(parisClock(new Date(compiledAt)).day, HEADLINE_MONTHS);
  const statistics = periodStatistics(months, period);
  return { period, statistics, openingRate: openingRate(statistics), noirShare: colourShare(statistics, 'noir') };
}
