/**
 * The benchmark's dataset comes from the simulator's scenario model: the
 * colour boundaries are met, DST days have the hours the Paris clock has, the
 * registry's start and stop days hold, and the same scale gives the same bytes.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { syntheticCatalogue, writeSyntheticData, type SyntheticScale } from '../../src/bench/synthetic-data.ts';
import { parisInstant } from '../../src/lib/calendar.ts';
import { colourOf } from '../../src/lib/colour.ts';
import { monthFilePath } from '../../src/lib/data-directory.ts';
import { parseMonthFile } from '../../src/lib/probe.ts';
import { parseRegistry } from '../../src/lib/registry.ts';
import { modelProbeAt } from '../../src/robot/simulator/model.ts';
import { monthEdgeSlots, PROFILE_DECK } from '../../src/robot/simulator/national.ts';

describe('an agenda opened exactly one month ahead', () => {
  test.each([
    { day: '2026-01-31', draw: 0.1, colour: 'vert' },
    { day: '2026-01-31', draw: 0.4, colour: 'jaune' },
    { day: '2026-01-31', draw: 0.55, colour: 'jaune' },
    { day: '2026-03-31', draw: 0.7, colour: 'orange' },
    { day: '2026-03-31', draw: 0.9, colour: 'rouge' },
    { day: '2026-12-31', draw: 0.7, colour: 'orange' },
  ])(
    'probed on $day, draw $draw, is $colour (the one-month boundary clamped at the month end)',
    ({ day, draw, colour }) => {
      const now = parisInstant(day, '08:20');
      const scenario = {
        system: 'legacy-booking' as const,
        counters: [{ id: '1', label: 'G', slots: monthEdgeSlots(day, draw) }],
      };
      const probe = modelProbeAt(scenario, '', now);
      expect(colourOf({ day, outcome: probe.outcome, firstDate: probe.firstDate, secondDate: probe.secondDate })).toBe(
        colour,
      );
    },
  );
});

describe('a generated dataset', () => {
  const scale: SyntheticScale = { procedures: PROFILE_DECK.length, months: 14, lastMonth: '2026-11' };
  let dataDir = '';
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'guichets-synthetic-'));
    writeSyntheticData(path.join(dataDir, 'a'), scale);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const rowsOn = (day: string) => {
    const { department, slug } = syntheticCatalogue(scale).find((entry) => entry.profile === 'never-opens')!;
    const file = monthFilePath(path.join(dataDir, 'a'), department, slug, day.slice(0, 7));
    return parseMonthFile(readFileSync(file, 'utf8'), file, day.slice(0, 7)).probes.filter(
      (probe) => probe.day === day,
    );
  };

  test.each([
    { day: '2026-03-28', hours: 24 },
    { day: '2026-03-29', hours: 23 },
    { day: '2026-10-24', hours: 24 },
    { day: '2026-10-25', hours: 25 },
  ])('$day has $hours hourly rows, as the Paris clock has hours', ({ day, hours }) => {
    expect(rowsOn(day)).toHaveLength(hours);
  });

  test('every procedure is probed only between its registry start and stop days', () => {
    const registry = parseRegistry(readFileSync(path.join(dataDir, 'a', 'procedures.csv'), 'utf8'), 'procedures.csv');
    expect(registry.some((procedure) => procedure.since !== '')).toBe(true);
    for (const procedure of registry) {
      const folder = path.join(dataDir, 'a', 'probes', procedure.department, procedure.slug);
      const days = readdirSync(folder).flatMap((name) => {
        const file = path.join(folder, name);
        return parseMonthFile(readFileSync(file, 'utf8'), file, name.slice(0, 7)).probes.map((probe) => probe.day);
      });
      if (procedure.since) expect(days[0]! >= procedure.since).toBe(true);
      if (procedure.until) expect(days.at(-1)! <= procedure.until).toBe(true);
    }
  });

  test('the same scale gives the same files, byte for byte', () => {
    writeSyntheticData(path.join(dataDir, 'b'), scale);
    const { department, slug } = syntheticCatalogue(scale)[2]!;
    const file = (root: string) => readFileSync(monthFilePath(path.join(dataDir, root), department, slug, '2026-03'));
    expect(file('b').equals(file('a'))).toBe(true);
  });
});
