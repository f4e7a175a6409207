/**
 * After each scheduled round: which procedures need a person's attention
 * (never probed, silent robot, a day of failures). Printed for humans; in
 * GitHub Actions also written to the job summary, raised as warnings, and
 * kept in one open issue labelled `robot-health` that is updated or closed.
 */
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { addMonths, formatParisTimestamp, parisClock } from '../lib/calendar.ts';
import { readMonthProbes } from '../lib/dataset.ts';
import { registryPath } from '../lib/data-directory.ts';
import { healthAlarm, procedureHealth } from '../lib/probe-health.ts';
import { isActiveOn, parseRegistry, procedureKey } from '../lib/registry.ts';

export interface HealthLine {
  procedure: string;
  lastProbe: string;
  lastSuccess: string;
  alarm: string | null;
}

/** Health of every active procedure, from this month's and last month's files. */
export function healthLines(dataDir: string, now: Date): HealthLine[] {
  const file = registryPath(dataDir);
  const today = parisClock(now).day;
  const months = [addMonths(today.slice(0, 7), -1), today.slice(0, 7)];
  return parseRegistry(readFileSync(file, 'utf8'), file)
    .filter((procedure) => isActiveOn(procedure, today))
    .map((procedure) => {
      const health = procedureHealth(months.flatMap((month) => readMonthProbes(dataDir, procedure, month)));
      const when = (instant: number | null) => (instant === null ? '—' : formatParisTimestamp(new Date(instant)));
      return { procedure: procedureKey(procedure), lastProbe: when(health.lastProbe), lastSuccess: when(health.lastSuccess), alarm: healthAlarm(health, now.getTime()) };
    });
}

/** The report as Markdown, for the console, the job summary and the issue. */
export function healthMarkdown(lines: readonly HealthLine[]): string {
  const alarms = lines.filter((line) => line.alarm !== null);
  const rows = alarms.map((line) => `| \`${line.procedure}\` | ${line.alarm} | ${line.lastProbe} | ${line.lastSuccess} |`);
  return alarms.length === 0
    ? `All ${lines.length} active procedures were probed recently and answered at least once in the last 24 probes.`
    : [`${alarms.length} of ${lines.length} active procedures need attention:`, '', '| Procedure | Why | Last probe | Last successful probe |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

const ISSUE_LABEL = 'robot-health';
const ISSUE_TITLE = 'Robot health: procedures that need attention';

/** Publishes the report where GitHub Actions shows it; does nothing elsewhere. */
export async function publishHealthReport(lines: readonly HealthLine[], token: string | undefined): Promise<void> {
  if (!process.env.GITHUB_ACTIONS) return;
  const markdown = healthMarkdown(lines);
  const alarms = lines.filter((line) => line.alarm !== null);
  await core.summary.addHeading('Robot health', 2).addRaw(markdown, true).write();
  for (const line of alarms) core.warning(`${line.procedure}: ${line.alarm}`);
  core.setOutput('alarms', String(alarms.length));
  if (!token) return;
  const octokit = github.getOctokit(token);
  const { owner, repo } = github.context.repo;
  const open = await octokit.rest.issues.listForRepo({ owner, repo, labels: ISSUE_LABEL, state: 'open', per_page: 1 });
  const existing = open.data[0];
  const body = `${markdown}\n\n_Updated by the probe workflow, run ${github.context.runId}._`;
  if (alarms.length === 0) {
    if (existing) await octokit.rest.issues.update({ owner, repo, issue_number: existing.number, body, state: 'closed' });
  } else if (existing) {
    await octokit.rest.issues.update({ owner, repo, issue_number: existing.number, body });
  } else {
    await octokit.rest.issues.create({ owner, repo, title: ISSUE_TITLE, body, labels: [ISSUE_LABEL] });
  }
}
