/**
 * Where and when a round ran, and what it recorded: printed at the end of the
 * round and, in GitHub Actions, handed to the commit step (step outputs) and
 * the job summary. The workflow's commit message carries it, so the git
 * history of `data/probes/` shows every round's instant, its counts by
 * outcome, and the runner it ran on: a move to a self-hosted runner (a
 * machine whose address the sites do not block) stays visible in the history.
 */
import { appendFileSync } from 'node:fs';
import { formatParisTimestamp } from '../lib/calendar.ts';
import { OUTCOMES } from '../lib/outcome.ts';
import type { RoundReport } from './round.ts';

export interface RoundRecord {
  /** The round's start, Paris time with offset. */
  startedAt: string;
  /** Where it ran: `github-hosted`, `self-hosted:NAME`, PROBE_VANTAGE's text, or `local`. */
  runner: string;
  /** Probes written, by outcome, in the order of OUTCOMES; outcomes with none left out. */
  counts: [string, number][];
}

/** Keeps a name to one short line of safe characters (it goes into a commit message). */
function plainName(text: string): string {
  return text
    .replace(/[^\p{L}\p{N} ._:/()-]/gu, '')
    .trim()
    .slice(0, 60);
}

/**
 * The kind of machine the round runs on. PROBE_VANTAGE (free text, e.g. « cron
 * at the association, Lyon ») wins; in GitHub Actions, RUNNER_ENVIRONMENT says
 * github-hosted or self-hosted, and a self-hosted runner's name is kept since
 * the association chose it; anywhere else, `local`.
 */
export function runnerKind(environment: NodeJS.ProcessEnv): string {
  const vantage = plainName(environment.PROBE_VANTAGE ?? '');
  if (vantage) return vantage;
  if (environment.GITHUB_ACTIONS !== 'true') return 'local';
  const kind =
    environment.RUNNER_ENVIRONMENT === 'self-hosted'
      ? 'self-hosted'
      : environment.RUNNER_ENVIRONMENT === 'github-hosted'
        ? 'github-hosted'
        : 'github-actions';
  const name = plainName(environment.RUNNER_NAME ?? '');
  return kind === 'self-hosted' && name ? `${kind}:${name}` : kind;
}

/** The record of a finished round. */
export function roundRecord(round: RoundReport, startedAt: Date, runner: string): RoundRecord {
  const counts = new Map<string, number>();
  for (const report of round.probes) {
    const outcome = report.result?.row.outcome;
    if (outcome && report.status === 'written') counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  }
  return {
    startedAt: formatParisTimestamp(startedAt),
    runner,
    counts: OUTCOMES.filter((outcome) => counts.has(outcome)).map((outcome) => [outcome, counts.get(outcome)!]),
  };
}

/** `Probes of 2026-05-18T10:17:04+02:00 on self-hosted:lyon-1: 12 none, 3 slots, 1 throttled` */
export function commitMessage(record: RoundRecord): string {
  const counts =
    record.counts.length === 0
      ? 'nothing recorded'
      : record.counts.map(([outcome, count]) => `${count} ${outcome}`).join(', ');
  return `Probes of ${record.startedAt} on ${record.runner}: ${counts}`;
}

/** Hands the record to the workflow: step outputs and job summary, when GitHub Actions gives their files. */
export function publishRoundRecord(record: RoundRecord, environment: NodeJS.ProcessEnv): void {
  if (environment.GITHUB_OUTPUT)
    appendFileSync(environment.GITHUB_OUTPUT, `commit-message=${commitMessage(record)}\nrunner=${record.runner}\n`);
  if (environment.GITHUB_STEP_SUMMARY)
    appendFileSync(environment.GITHUB_STEP_SUMMARY, `### Probe round\n\n${commitMessage(record)}\n`);
}
