/**
 * After each scheduled round: which procedures need a person's attention
 * (never probed, silent robot, a day of failures, the same adapter failure
 * three rounds in a row, with a link to the evidence), and whether the robot
 * as a whole answered anywhere in the last hours. Printed for humans; in
 * GitHub Actions also written to the job summary, raised as warnings, and
 * kept in one open issue labelled `robot-health` that is updated or closed.
 */
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { addMonths, formatParisTimestamp, parisClock } from '../lib/calendar.ts';
import { readMonthProbes } from '../lib/dataset.ts';
import { registryPath } from '../lib/data-directory.ts';
import {
  ADAPTER_FAILURE_ROUNDS,
  adapterFailure,
  healthAlarm,
  procedureHealth,
  robotAlarm,
} from '../lib/probe-health.ts';
import { isActiveOn, parseRegistry, procedureKey } from '../lib/registry.ts';

export interface HealthLine {
  procedure: string;
  lastProbe: string;
  lastSuccess: string;
  alarm: string | null;
  /** `moved 3 rounds in a row` when the latest rounds all failed the same adapter way, else null. */
  adapterAlarm: string | null;
  /** The latest probe and success as instants (ms), for the robot-wide alarm. */
  lastProbeAt: number | null;
  lastSuccessAt: number | null;
}

/** Where the report links to the pages the robot saw (the round's evidence artifact, or its run). */
export interface HealthContext {
  evidenceUrl?: string | undefined;
}

/** Health of every active procedure, from this month's and last month's files. */
export function healthLines(dataDir: string, now: Date): HealthLine[] {
  const file = registryPath(dataDir);
  const today = parisClock(now).day;
  const months = [addMonths(today.slice(0, 7), -1), today.slice(0, 7)];
  return parseRegistry(readFileSync(file, 'utf8'), file)
    .filter((procedure) => isActiveOn(procedure, today))
    .map((procedure) => {
      const probes = months.flatMap((month) => readMonthProbes(dataDir, procedure, month));
      const health = procedureHealth(probes);
      const failure = adapterFailure(probes);
      const when = (instant: number | null) => (instant === null ? '—' : formatParisTimestamp(new Date(instant)));
      return {
        procedure: procedureKey(procedure),
        lastProbe: when(health.lastProbe),
        lastSuccess: when(health.lastSuccess),
        alarm: healthAlarm(health, now.getTime()),
        adapterAlarm: failure === null ? null : `${failure} ${ADAPTER_FAILURE_ROUNDS} rounds in a row`,
        lastProbeAt: health.lastProbe,
        lastSuccessAt: health.lastSuccess,
      };
    });
}

/** The robot-wide alarm over every active procedure (see robotAlarm), or null. */
export function robotHealth(lines: readonly HealthLine[], now: Date): ReturnType<typeof robotAlarm> {
  const latest = (values: (number | null)[]) =>
    values.reduce<number | null>(
      (best, value) => (value !== null && (best === null || value > best) ? value : best),
      null,
    );
  return lines.length === 0
    ? null
    : robotAlarm(
        latest(lines.map((line) => line.lastProbeAt)),
        latest(lines.map((line) => line.lastSuccessAt)),
        now.getTime(),
      );
}

/** The procedures that need attention: a health alarm or an adapter alarm. */
function needingAttention(lines: readonly HealthLine[]): HealthLine[] {
  return lines.filter((line) => line.alarm !== null || line.adapterAlarm !== null);
}

/** The report as Markdown, for the console, the job summary and the issue. */
export function healthMarkdown(
  lines: readonly HealthLine[],
  robot: ReturnType<typeof robotAlarm> = null,
  context: HealthContext = {},
): string {
  const alarms = needingAttention(lines);
  const evidence = (line: HealthLine) =>
    line.adapterAlarm !== null && context.evidenceUrl ? `[pages of the latest round](${context.evidenceUrl})` : '';
  const rows = alarms.map(
    (line) =>
      `| \`${line.procedure}\` | ${[line.alarm, line.adapterAlarm].filter(Boolean).join('; ')} | ${line.lastProbe} | ${line.lastSuccess} | ${evidence(line)} |`,
  );
  const head = robot === null ? [] : [`**Warning: ${robot.message}.**`, ''];
  const body =
    alarms.length === 0
      ? [
          `All ${lines.length} active procedures were probed recently, answered at least once in the last 24 probes, and none failed the same adapter way ${ADAPTER_FAILURE_ROUNDS} rounds in a row.`,
        ]
      : [
          `${alarms.length} of ${lines.length} active procedures need attention:`,
          '',
          '| Procedure | Why | Last probe | Last successful probe | Evidence |',
          '| --- | --- | --- | --- | --- |',
          ...rows,
        ];
  return [...head, ...body].join('\n');
}

const ISSUE_LABEL = 'robot-health';
const ISSUE_TITLE = 'Robot health: procedures that need attention';

/** Publishes the report where GitHub Actions shows it; does nothing elsewhere. */
export async function publishHealthReport(
  lines: readonly HealthLine[],
  token: string | undefined,
  now: Date = new Date(),
  context: HealthContext = {},
): Promise<void> {
  if (!process.env.GITHUB_ACTIONS) return;
  const robot = robotHealth(lines, now);
  const markdown = healthMarkdown(lines, robot, context);
  const alarms = needingAttention(lines);
  await core.summary.addHeading('Robot health', 2).addRaw(markdown, true).write();
  if (robot !== null) core.warning(`robot: ${robot.message}`);
  for (const line of alarms)
    core.warning(`${line.procedure}: ${[line.alarm, line.adapterAlarm].filter(Boolean).join('; ')}`);
  core.setOutput('alarms', String(alarms.length + (robot === null ? 0 : 1)));
  if (!token) return;
  const octokit = github.getOctokit(token);
  const { owner, repo } = github.context.repo;
  const open = await octokit.rest.issues.listForRepo({ owner, repo, labels: ISSUE_LABEL, state: 'open', per_page: 1 });
  const existing = open.data[0];
  const body = `${markdown}\n\n_Updated by the probe workflow, run ${github.context.runId}._`;
  if (alarms.length === 0 && robot === null) {
    if (existing)
      await octokit.rest.issues.update({ owner, repo, issue_number: existing.number, body, state: 'closed' });
  } else if (existing) {
    await octokit.rest.issues.update({ owner, repo, issue_number: existing.number, body });
  } else {
    await octokit.rest.issues.create({ owner, repo, title: ISSUE_TITLE, body, labels: [ISSUE_LABEL] });
  }
}
