/**
 * The headline figure of a procedure: the share of its successful probes
 * that offered a date within one month (« accès à un mois », vert + jaune),
 * with the noir share beside it, over the last three elapsed months before
 * the data were compiled. Elapsed months only, so that a month still being
 * probed never moves the headline, and relative to the data (not the build
 * clock) so a rebuild changes nothing. The period's coverage says how much of
 * it was actually probed.
 */
import { parisClock } from './calendar.ts';
import { coverage, type Coverage } from './coverage.ts';
import {
  colourShare,
  lastCompleteMonths,
  periodStatistics,
  sumStatistics,
  withinMonthShare,
  type MonthStatistics,
} from './month-statistics.ts';

/** How many elapsed months the headline figure covers. */
export const HEADLINE_MONTHS = 3;

export interface HeadlineFigure {
  /** The months covered, oldest first (`YYYY-MM`). */
  period: string[];
  /** Their summed statistics. */
  statistics: MonthStatistics;
  /** Share of successful probes that offered a date within one month (vert + jaune); null without successful probes. */
  withinMonthShare: number | null;
  /** Share of successful probes with no date at all (noir). */
  noirShare: number | null;
  /** What the robot covered of the period. */
  coverage: Coverage;
}

/** The headline period for data compiled at `compiledAt`: the three months before the compile month. */
export function headlinePeriod(compiledAt: number | null): string[] {
  return compiledAt === null ? [] : lastCompleteMonths(parisClock(new Date(compiledAt)).day, HEADLINE_MONTHS);
}

/** The figure of summed statistics over a period (a procedure, a department, the country). */
function figureOf(statistics: MonthStatistics, period: string[], periodCoverage: Coverage): HeadlineFigure {
  return {
    period,
    statistics,
    withinMonthShare: withinMonthShare(statistics),
    noirShare: colourShare(statistics, 'noir'),
    coverage: periodCoverage,
  };
}

/** The headline figure of a procedure's months, for data compiled at `compiledAt` (null: no data at all). */
export function headlineFigure(months: readonly MonthStatistics[], compiledAt: number | null): HeadlineFigure {
  const period = headlinePeriod(compiledAt);
  return figureOf(periodStatistics(months, period), period, coverage(months, period, compiledAt));
}

/**
 * The figure of several procedures together (a department, the country):
 * their probes pooled, so a busy prefecture weighs by its probes. Its
 * coverage adds up the procedures' hours.
 */
export function pooledFigure(figures: readonly HeadlineFigure[], period: string[]): HeadlineFigure {
  const statistics = sumStatistics(figures.map((figure) => figure.statistics));
  const pooled = figures.map((figure) => figure.coverage);
  const sum = (pick: (coverage: Coverage) => number) => pooled.reduce((total, coverage) => total + pick(coverage), 0);
  const firsts = pooled.map((coverage) => coverage.firstProbe).filter((instant): instant is number => instant !== null);
  const lasts = pooled.map((coverage) => coverage.lastProbe).filter((instant): instant is number => instant !== null);
  const hours = sum((coverage) => coverage.hours);
  const probedHours = sum((coverage) => coverage.probedHours);
  return figureOf(statistics, period, {
    hours,
    probedHours,
    hoursWithoutProbe: sum((coverage) => coverage.hoursWithoutProbe),
    attempted: sum((coverage) => coverage.attempted),
    failed: sum((coverage) => coverage.failed),
    firstProbe: firsts.length ? Math.min(...firsts) : null,
    lastProbe: lasts.length ? Math.max(...lasts) : null,
    current: pooled.some((coverage) => coverage.current),
    complete: pooled.length > 0 && pooled.every((coverage) => coverage.complete),
  });
}
