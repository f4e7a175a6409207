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
export function healthAlarm(
  health: ProcedureHealth,
  now: number,
  thresholds = { failures: 24, silentHours: 3 },
): string | null {
  if (health.lastProbe === null) return 'never probed';
  const silentHours = (now - health.lastProbe) / 3_600_000;
  if (silentHours > thresholds.silentHours) return `no probe for ${Math.floor(silentHours)} hours`;
  if (health.failureStreak >= thresholds.failures)
    return `${health.failureStreak} failed probes in a row (${health.streakOutcomes.join(', ')})`;
  return null;
}

/**
 * Failures that usually mean the robot's adapter no longer fits the site (the
 * page changed, the form moved, the robot is blocked, the flow lost its
 * session), rather than a site that is briefly down: a person should look at
 * the evidence after a few rounds, not after a day.
 */
export const ADAPTER_FAILURES = ['unrecognized', 'moved', 'blocked', 'session_lost'] as const;

/** Rounds in a row of one adapter failure that raise its alarm. */
export const ADAPTER_FAILURE_ROUNDS = 3;

/** The adapter failure of the latest `rounds` probes when they all share it, else null. */
export function adapterFailure(
  probes: readonly Pick<Probe, 'instant' | 'outcome'>[],
  rounds = ADAPTER_FAILURE_ROUNDS,
): (typeof ADAPTER_FAILURES)[number] | null {
  const latest = [...probes].sort((a, b) => b.instant - a.instant).slice(0, rounds);
  if (latest.length < rounds) return null;
  const kind = latest[0]!.outcome;
  return (ADAPTER_FAILURES as readonly string[]).includes(kind) && latest.every((probe) => probe.outcome === kind)
    ? (kind as (typeof ADAPTER_FAILURES)[number])
    : null;
}

/** Hours without any probe or success, anywhere, that raise the robot-wide alarms. */
const SILENT_HOURS = 3;

/**
 * The robot-wide alarm: no probe round recorded for `hours` (a silent robot,
 * e.g. scheduled runs dropped), or, when rounds run, no procedure at all
 * answered in that time (the robot blocked everywhere, or broken). Null when
 * neither; `lastProbe` and `lastSuccess` are the latest instants over every
 * procedure.
 */
export function robotAlarm(
  lastProbe: number | null,
  lastSuccess: number | null,
  now: number,
  hours = SILENT_HOURS,
): { kind: 'silent' | 'no-success'; message: string } | null {
  const since = (instant: number) => Math.floor((now - instant) / 3_600_000);
  if (lastProbe === null) return { kind: 'silent', message: 'no probe round recorded at all' };
  if (now - lastProbe > hours * 3_600_000)
    return {
      kind: 'silent',
      message: `no probe round recorded for ${since(lastProbe)} hours (scheduled runs late, dropped or failing)`,
    };
  if (lastSuccess === null || now - lastSuccess > hours * 3_600_000) {
    return {
      kind: 'no-success',
      message: `no procedure at all answered in the last ${hours} hours${lastSuccess === null ? '' : ` (last answer ${since(lastSuccess)} hours ago)`}: the robot may be blocked or broken everywhere`,
    };
  }
  return null;
}
