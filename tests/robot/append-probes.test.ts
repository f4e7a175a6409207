/**
 * Writing many probes at once (the demonstration's modelled history): one
 * file per month, duplicates skipped, an invalid row refused before anything
 * is written.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { monthFilePath } from '../../src/lib/data-directory.ts';
import { parseMonthFile } from '../../src/lib/probe.ts';
import { appendProbe, appendProbes, StoreError } from '../../src/robot/month-file-store.ts';
import { temporaryDirectory } from './support/round-fixture.ts';

let dataDir: string;
const row = (probedAt: string, outcome = 'none', first = '') => ({
  probed_at: probedAt,
  outcome,
  first_date: first,
  detail: 'simulé',
});
const instants = (month: string) => {
  const file = monthFilePath(dataDir, '976', 'mamoudzou', month);
  return fs.existsSync(file)
    ? parseMonthFile(fs.readFileSync(file, 'utf8'), file, month).probes.map((probe) => probe.probedAt)
    : [];
};

beforeEach(() => {
  dataDir = temporaryDirectory('append-probes');
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test.each([
  [
    'rows over two months go to their month files',
    [],
    [row('2026-05-31T23:17:00+02:00'), row('2026-06-01T00:17:00+02:00', 'slots', '2026-06-20')],
    2,
    { '2026-05': ['2026-05-31T23:17:00+02:00'], '2026-06': ['2026-06-01T00:17:00+02:00'] },
  ],
  [
    'a row already recorded is skipped',
    [row('2026-06-01T00:17:00+02:00')],
    [row('2026-06-01T00:17:00+02:00'), row('2026-06-01T01:17:00+02:00')],
    1,
    { '2026-05': [], '2026-06': ['2026-06-01T00:17:00+02:00', '2026-06-01T01:17:00+02:00'] },
  ],
  [
    'the same instant twice in one batch is written once',
    [],
    [row('2026-06-01T00:17:00+02:00'), row('2026-06-01T00:17:00+02:00', 'timeout')],
    1,
    { '2026-05': [], '2026-06': ['2026-06-01T00:17:00+02:00'] },
  ],
])('%s', async (_name, before, rows, written, files) => {
  for (const earlier of before) await appendProbe(dataDir, '976', 'mamoudzou', earlier);
  expect(await appendProbes(dataDir, '976', 'mamoudzou', rows)).toBe(written);
  for (const [month, expected] of Object.entries(files)) expect(instants(month)).toEqual(expected);
});

test('an invalid row stops the batch before any file is written', async () => {
  await expect(
    appendProbes(dataDir, '976', 'mamoudzou', [
      row('2026-06-01T00:17:00+02:00'),
      row('2026-06-01T01:17:00+02:00', 'slots'),
    ]),
  ).rejects.toThrow(StoreError);
  expect(instants('2026-06')).toEqual([]);
});
