/**
 * What the site says about a procedure's volunteer observations: the last
 * three months' count, the share that saw a date, the first dates seen, and
 * the platform's release schedule as last announced, with the cadence of its
 * releases when enough were seen. Computed here once; components only render.
 * These figures describe what volunteers saw when they chose to look: they
 * are never merged with the robot's hourly statistics.
 */
import { addMonthsClamped, parisDay, parseProbeTime } from './calendar.ts';
import type { Observation } from './observation.ts';

/** The period shown: this many months back from the latest data. */
export const OBSERVATION_MONTHS = 3;
/** Fewest distinct releases seen before a cadence is stated. */
export const MIN_RELEASES_FOR_CADENCE = 3;

export interface ReleaseCadence {
  /** Distinct release instants the cadence is computed from. */
  releases: number;
  /** Median number of days between two consecutive releases seen. */
  medianDays: number;
  /** ISO weekday (1 = Monday … 7 = Sunday) shared by every release seen, or null. */
  weekday: number | null;
  /** Paris time `HH:MM` shared by every release seen, or null. */
  time: string | null;
}

export interface ObservationSummary {
  /** First and last Paris days of the period. */
  from: string;
  to: string;
  /** Observations of the period, newest first. */
  observations: Observation[];
  /** How many saw at least one date. */
  withDate: number;
  /** withDate / count, or null without observations. */
  shareWithDate: number | null;
  /** The first dates seen, earliest and latest, or null when none saw a date. */
  firstDates: { earliest: string; latest: string } | null;
  /** The latest observation that showed the platform's schedule, or null. */
  schedule: { observedAt: string; lastPublication: string; nextPublication: string } | null;
  /** Computed from every observation of the procedure, or null when too few releases were seen. */
  cadence: ReleaseCadence | null;
}

/** The period ends with the latest probe or observation, so that rebuilding the same data gives the same page. */
export function observationPeriodEnd(compiledAt: number | null, observations: readonly Observation[]): number | null {
  const latest = observations.at(-1)?.instant ?? null;
  if (compiledAt === null) return latest;
  return latest === null ? compiledAt : Math.max(compiledAt, latest);
}

/** Summarises a procedure's observations (oldest first) over the three months that end at `end`. */
export function summariseObservations(observations: readonly Observation[], end: number | null): ObservationSummary {
  const to = end === null ? '' : parisDay(new Date(end));
  const from = to === '' ? '' : addMonthsClamped(to, -OBSERVATION_MONTHS);
  const recent =
    to === '' ? [] : observations.filter((observation) => observation.day > from && observation.day <= to).reverse();
  const withDate = recent.filter((observation) => observation.outcome === 'slots');
  const firstDates = withDate.map((observation) => observation.first_date).sort();
  const scheduled = recent.find(
    (observation) => observation.last_publication !== '' || observation.next_publication !== '',
  );
  return {
    from,
    to,
    observations: recent,
    withDate: withDate.length,
    shareWithDate: recent.length === 0 ? null : withDate.length / recent.length,
    firstDates: firstDates.length === 0 ? null : { earliest: firstDates[0]!, latest: firstDates.at(-1)! },
    schedule: scheduled
      ? {
          observedAt: scheduled.observed_at,
          lastPublication: scheduled.last_publication,
          nextPublication: scheduled.next_publication,
        }
      : null,
    cadence: releaseCadence(observations),
  };
}

/**
 * The rhythm of the platform's releases: every distinct publication instant
 * the observations report (the last one and the next one announced), and the
 * median gap between consecutive ones. Volunteers may miss releases, so the
 * median rather than the mean: one gap of two weeks among weekly releases
 * does not move it.
 */
export function releaseCadence(observations: readonly Observation[]): ReleaseCadence | null {
  const stamps = new Set(
    observations
      .flatMap((observation) => [observation.last_publication, observation.next_publication])
      .filter((stamp) => stamp !== ''),
  );
  const releases = [...stamps]
    .map((stamp) => parseProbeTime(stamp))
    .filter((time) => typeof time !== 'string')
    .sort((a, b) => a.instant - b.instant);
  if (releases.length < MIN_RELEASES_FOR_CADENCE) return null;
  const gaps = releases
    .slice(1)
    .map((release, index) => (release.instant - releases[index]!.instant) / 86_400_000)
    .sort((a, b) => a - b);
  const middle = Math.floor(gaps.length / 2);
  const median = gaps.length % 2 === 1 ? gaps[middle]! : (gaps[middle - 1]! + gaps[middle]!) / 2;
  const weekdays = new Set(releases.map((release) => ((new Date(`${release.day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1));
  const times = new Set(releases.map((release) => release.time.slice(0, 5)));
  return {
    releases: releases.length,
    medianDays: Math.round(median * 10) / 10,
    weekday: weekdays.size === 1 ? [...weekdays][0]! : null,
    time: times.size === 1 ? [...times][0]! : null,
  };
}

/**
 * Procedures known only through observations: some observation in the
 * period, no successful probe. The national overview counts them apart.
 */
export function coveredOnlyByObservations<T>(
  procedures: readonly T[],
  hasObservations: (procedure: T) => boolean,
  hasSuccessfulProbes: (procedure: T) => boolean,
): T[] {
  return procedures.filter((procedure) => hasObservations(procedure) && !hasSuccessfulProbes(procedure));
}
