/**
 * Every simulator scenario end to end, over real HTTP: the robot must record
 * the expected outcome and dates, and no failure scenario may ever give `none`.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { monthFilePath } from '../../src/lib/data-directory.ts';
import { isFailure } from '../../src/lib/outcome.ts';
import { parseMonthFile } from '../../src/lib/probe.ts';
import { addDays } from '../../src/lib/calendar.ts';
import { runRound, type RoundReport } from '../../src/robot/round.ts';
import { SCENARIO_CATALOGUE } from '../../src/robot/simulator/catalogue.ts';
import { PROBE_DAY, startSimulator, type RunningSimulator } from './support/round-fixture.ts';

let running: RunningSimulator;
let round: RoundReport;

beforeAll(async () => {
  running = await startSimulator(SCENARIO_CATALOGUE, 3);
  round = await runRound(running.options());
}, 120_000);

afterAll(async () => {
  await running.close();
});

const day = (offset: number | undefined) => (offset === undefined ? '' : addDays(PROBE_DAY, offset));

describe('every scenario over HTTP', () => {
  test.each(SCENARIO_CATALOGUE.map((entry) => [entry.label, entry] as const))('%s', (_, entry) => {
    const report = round.probes.find((candidate) => candidate.procedure.slug === entry.slug)!;
    expect(report.status).toBe('written');
    const row = report.result!.row;
    expect({ outcome: row.outcome, first: row.first_date, second: row.second_date }, row.detail).toEqual({
      outcome: entry.expected.outcome,
      first: day(entry.expected.first),
      second: day(entry.expected.second),
    });
    // What was recorded is what the month file says.
    const file = monthFilePath(running.dataDir, entry.department, entry.slug, '2026-05');
    const { probes } = parseMonthFile(fs.readFileSync(file, 'utf8'), file, '2026-05');
    expect(probes).toHaveLength(1);
    expect(probes[0]!.outcome).toBe(entry.expected.outcome);
    expect(probes[0]!.detail).toBe(row.detail);
  });

  test('no failure scenario is ever recorded as none', () => {
    for (const entry of SCENARIO_CATALOGUE) {
      const report = round.probes.find((candidate) => candidate.procedure.slug === entry.slug)!;
      if (entry.expected.outcome !== 'none') expect(report.result!.row.outcome, entry.slug).not.toBe('none');
    }
    const failures = SCENARIO_CATALOGUE.filter((entry) => isFailure(entry.expected.outcome));
    expect(failures.length).toBeGreaterThanOrEqual(15);
  });
});
