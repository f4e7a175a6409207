/**
 * The benchmark's national dataset is the scenario model's answer for the
 * national catalogue (src/bench/synthetic-data.ts). Here the real robot probes
 * the same catalogue on the simulator over HTTP, at a few instants, and must
 * write exactly what the model says: the model cannot drift from what the
 * robot would record.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { monthFilePath } from '../../src/lib/data-directory.ts';
import { parseMonthFile } from '../../src/lib/probe.ts';
import { runRound } from '../../src/robot/round.ts';
import { modelProbeAt } from '../../src/robot/simulator/model.ts';
import { nationalCatalogue, PROFILE_DECK } from '../../src/robot/simulator/national.ts';
import { startSimulator, type RunningSimulator } from './support/round-fixture.ts';

const entries = nationalCatalogue(PROFILE_DECK.length, { start: '2026-01-01', days: 365, seed: 14 });
/** Monday and Tuesday mornings (release hours of some procedures), a Wednesday afternoon, Paris time, in spring and autumn. */
const INSTANTS = [
  '2026-05-18T07:20:00Z',
  '2026-05-19T08:20:00Z',
  '2026-05-20T12:20:00Z',
  '2026-10-05T07:20:00Z',
  '2026-10-06T08:20:00Z',
].map((at) => new Date(at));

let now = INSTANTS[0]!;
let running: RunningSimulator;

beforeAll(async () => {
  running = await startSimulator(entries, 5, () => now);
  for (const instant of INSTANTS) {
    now = instant;
    running.simulator.reset();
    await runRound(running.options());
  }
}, 120_000);

afterAll(async () => {
  await running.close();
});

describe('the national catalogue over HTTP', () => {
  test.each(entries.map((entry) => [`${entry.slug} (${entry.profile})`, entry] as const))(
    '%s: the robot wrote what the scenario model says',
    (_, entry) => {
      const written = ['2026-05', '2026-10'].flatMap((month) => {
        const file = monthFilePath(running.dataDir, entry.department, entry.slug, month);
        return parseMonthFile(fs.readFileSync(file, 'utf8'), file, month).probes.map((probe) => [
          probe.outcome,
          probe.firstDate,
          probe.secondDate,
        ]);
      });
      const modelled = INSTANTS.map((instant) => {
        const probe = modelProbeAt(entry.scenario, entry.planning ?? '', instant);
        return [probe.outcome, probe.firstDate, probe.secondDate];
      });
      expect(written).toEqual(modelled);
    },
  );

  test('the rounds met dates, no-slot pages and failures alike', () => {
    const outcomes = new Set(
      entries.flatMap((entry) => INSTANTS.map((instant) => modelProbeAt(entry.scenario, '', instant).outcome)),
    );
    expect([...outcomes]).toEqual(expect.arrayContaining(['slots', 'none', 'captcha', 'moved']));
  });
});
