/**
 * What a round tells the workflow: where it ran (so a move of the robot to
 * another machine shows in the history) and its counts by outcome, in the
 * commit message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { Procedure } from '../../src/lib/registry.ts';
import { commitMessage, publishRoundRecord, roundRecord, runnerKind } from '../../src/robot/round-record.ts';
import type { ProbeReport, RoundReport } from '../../src/robot/round.ts';
import { temporaryDirectory } from './support/round-fixture.ts';

test.each([
  ['outside GitHub Actions', {}, 'local'],
  [
    "GitHub's cloud runners",
    { GITHUB_ACTIONS: 'true', RUNNER_ENVIRONMENT: 'github-hosted', RUNNER_NAME: 'GitHub Actions 1000000042' },
    'github-hosted',
  ],
  [
    "an association's runner keeps its name",
    { GITHUB_ACTIONS: 'true', RUNNER_ENVIRONMENT: 'self-hosted', RUNNER_NAME: 'asso-lyon-1' },
    'self-hosted:asso-lyon-1',
  ],
  [
    'a runner name cannot inject lines or shell text',
    { GITHUB_ACTIONS: 'true', RUNNER_ENVIRONMENT: 'self-hosted', RUNNER_NAME: 'x\n$(rm -rf ~)`' },
    'self-hosted:x(rm -rf )',
  ],
  [
    'PROBE_VANTAGE names a cron machine',
    { PROBE_VANTAGE: 'cron, serveur de l’association (Lyon)' },
    'cron serveur de lassociation (Lyon)',
  ],
  ['an older runner without RUNNER_ENVIRONMENT', { GITHUB_ACTIONS: 'true' }, 'github-actions'],
])('%s: %s', (_name, environment, expected) => {
  expect(runnerKind(environment)).toBe(expected);
});

const report = (outcome: string | null, status: ProbeReport['status'] = 'written'): ProbeReport => ({
  procedure: { department: '93', slug: 'bobigny' } as Procedure,
  status,
  result: outcome === null ? null : ({ row: { outcome } } as ProbeReport['result']),
  error: null,
  milliseconds: 1,
});
const round = (probes: ProbeReport[]): RoundReport => ({ day: '2026-05-18', probes, skipped: [], milliseconds: 1 });
const startedAt = new Date('2026-05-18T08:17:04Z');

test.each([
  [
    'counts by outcome in the fixed outcome order',
    [report('throttled'), report('none'), report('slots'), report('none')],
    'Probes of 2026-05-18T10:17:04+02:00 on local: 1 slots, 2 none, 1 throttled',
  ],
  [
    'rows already recorded or not written are not counted',
    [report('none', 'duplicate'), report('timeout', 'not-recorded'), report(null, 'already-recorded')],
    'Probes of 2026-05-18T10:17:04+02:00 on local: nothing recorded',
  ],
])('commit message: %s', (_name, probes, message) => {
  expect(commitMessage(roundRecord(round(probes), startedAt, 'local'))).toBe(message);
});

test('in GitHub Actions the message and runner go to the step outputs and the job summary', () => {
  const directory = temporaryDirectory('round-record');
  const files = { GITHUB_OUTPUT: path.join(directory, 'output'), GITHUB_STEP_SUMMARY: path.join(directory, 'summary') };
  publishRoundRecord(roundRecord(round([report('none')]), startedAt, 'self-hosted:asso-lyon-1'), files);
  expect(fs.readFileSync(files.GITHUB_OUTPUT, 'utf8')).toBe(
    'commit-message=Probes of 2026-05-18T10:17:04+02:00 on self-hosted:asso-lyon-1: 1 none\nrunner=self-hosted:asso-lyon-1\n',
  );
  expect(fs.readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')).toContain('1 none');
  fs.rmSync(directory, { recursive: true, force: true });
});
