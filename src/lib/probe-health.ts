/**
 * The robot's health per procedure, from the data it wrote: a monitor that
 * silently stops, or a site that fails for days, must be noticed by a person
 * rather than discovered months later as a hole in the statistics.
 */
import { isFailure } from './outcome.ts';
import type { Probe } from './probe.ts';

export interface ProcedureHealth {
  /** Instant of the latest probe, or null when there is none. */
  lastProbe: number | null;
  /** Instant of the latest successful probe (slots or none), or null. */
  lastSuccess: number | null;
  /** How many probes in a row, counting back from the latest, failed. */
  failureStreak: number;
  /** Outcome codes of that streak, most frequent first, for the report. */
  streakOutcomes: string[];
}

/** Health from a procedure's most recent probes, in any order. */
export function procedureHealth(probes: readonly Pick<Probe, 'instant' | 'outcome'>[]): ProcedureHealth {
  const ordered = [...probes].sort((a, b) => b.instant - a.instant);
  const streak: string[] = [];
  for (const probe of ordered) {
    if (!isFailure(probe.outcome)) break;
    streak.push(probe.outcome);
  }
  const counts = new Map<string, number>();
  for (const outcome of streak) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return {
    lastProbe: ordered[0]?.instant ?? null,
    lastSuccess: ordered.find((probe) => !isFailure(probe.outcome))?.instant ?? null,
    failureStreak: streak.length,
    streakOutcomes: [...counts].sort((a, b) => b[1] - a[1]).map(([outcome]) => outcome),
  };
}

/** Why a procedure needs a person's attention, or null when it does not. */
export function healthAlarm(health: ProcedureHealth, now: number, thresholds = { failures: 24, silentHours: 3 }): string | null {
  if (health.lastProbe === null) return 'never probed';
  const silentHours = (now - health.lastProbe) / 3_600_000;
  if (silentHours > thresholds.silentHours) return `no probe for ${Math.floor(silentHours)} hours`;
  if (health.failureStreak >= thresholds.failures) return `${health.failureStreak} failed probes in a row (${health.streakOutcomes.join(', ')})`;
  return null;
}
