/**
 * The heartbeat and the health report on a small data directory: a silent
 * robot fails the heartbeat; rounds that ran but where nothing answered only
 * warn in the health report; an adapter failure three rounds in a row names
 * the procedure with a link to the evidence.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { formatParisTimestamp } from '../../src/lib/calendar.ts';
import { formatCsv } from '../../src/lib/csv.ts';
import { monthFilePath, registryPath } from '../../src/lib/data-directory.ts';
import { healthLines, healthMarkdown, robotHealth } from '../../src/pipeline/health-report.ts';
import { heartbeatFailure } from '../../src/pipeline/heartbeat.ts';

const NOW = new Date('2026-05-18T12:30:00Z');
const hour = 3_600_000;
const directories: string[] = [];

/** A data directory with two procedures and their latest probes, oldest first, one per hour up to `lastHoursAgo`. */
function dataDirectory(outcomes: Record<string, string[]>, lastHoursAgo: number): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichets-heartbeat-'));
  directories.push(dataDir);
  const slugs = Object.keys(outcomes);
  fs.writeFileSync(
    registryPath(dataDir),
    formatCsv([
      ['department', 'slug', 'prefecture', 'procedure', 'system', 'url'],
      ...slugs.map((slug) => [
        '93',
        slug,
        'Préfecture',
        'Titre de séjour',
        'legacy-booking',
        `https://www.example.org/booking/create/${slug.length}`,
      ]),
    ]),
  );
  for (const slug of slugs) {
    const list = outcomes[slug]!;
    const rows = list.map((outcome, index) => [
      formatParisTimestamp(new Date(NOW.getTime() - (lastHoursAgo + list.length - 1 - index) * hour)),
      outcome,
      outcome === 'slots' ? '2026-06-01' : '',
      '',
      '',
    ]);
    const file = monthFilePath(dataDir, '93', slug, '2026-05');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, formatCsv([['probed_at', 'outcome', 'first_date', 'second_date', 'detail'], ...rows]));
  }
  return dataDir;
}

afterEach(() => {
  for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
});

test.each([
  ['rounds every hour, answers', { a: ['none', 'slots'], b: ['none', 'none'] }, 1, null, null],
  [
    'no round for 5 hours',
    { a: ['none', 'none'], b: ['none'] },
    5,
    'no probe round recorded for 5 hours (scheduled runs late, dropped or failing)',
    'silent',
  ],
  [
    'rounds run, nothing answers anywhere',
    {
      a: ['none', 'timeout', 'timeout', 'timeout', 'timeout'],
      b: ['blocked', 'blocked', 'blocked', 'blocked', 'blocked'],
    },
    0,
    null,
    'no-success',
  ],
])('%s: heartbeat %s, health report %s', (_name, outcomes, lastHoursAgo, heartbeat, robot) => {
  const dataDir = dataDirectory(outcomes, lastHoursAgo);
  expect(heartbeatFailure(dataDir, NOW)).toBe(heartbeat);
  expect(robotHealth(healthLines(dataDir, NOW), NOW)?.kind ?? null).toBe(robot);
});

test('the report warns first, then names the adapter failure with the evidence link', () => {
  const dataDir = dataDirectory(
    { a: ['none', 'moved', 'moved', 'moved', 'moved'], b: ['throttled', 'throttled', 'throttled', 'throttled'] },
    0,
  );
  const lines = healthLines(dataDir, NOW);
  const markdown = healthMarkdown(lines, robotHealth(lines, NOW), {
    evidenceUrl: 'https://github.com/o/r/actions/runs/1/artifacts/2',
  });
  expect(markdown.split('\n')).toEqual([
    '**Warning: no procedure at all answered in the last 3 hours (last answer 4 hours ago): the robot may be blocked or broken everywhere.**',
    '',
    '1 of 2 active procedures need attention:',
    '',
    '| Procedure | Why | Last probe | Last successful probe | Evidence |',
    '| --- | --- | --- | --- | --- |',
    '| `93/a` | moved 3 rounds in a row | 2026-05-18T14:30:00+02:00 | 2026-05-18T10:30:00+02:00 | [pages of the latest round](https://github.com/o/r/actions/runs/1/artifacts/2) |',
  ]);
});
