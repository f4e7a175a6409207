/**
 * The repository-growth measure on a tiny scale, so that the figures quoted
 * in DEVELOPERS.md can be re-measured (`npm run bench:repository`) and the
 * measure never rots. No timing is asserted.
 */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { measureRepositoryGrowth, projectTenYears, TEN_YEARS_HOURS } from '../../src/bench/repository-growth.ts';

describe('npm run bench:repository on 3 procedures × 2 months, 5 rounds replayed', () => {
  const figures = measureRepositoryGrowth(
    { procedures: 3, months: 2, rounds: 5, lastMonth: '2026-10' },
    path.join(os.tmpdir(), `gf-growth-test-${process.pid}`),
  );

  test('every procedure probed in the first month gets one row per replayed round', () => {
    expect(figures.historyRows).toBe(3 * 5);
    expect(figures.rows).toBeGreaterThan(3 * 700);
  });

  test('a CSV row weighs what a row of the data contract weighs, and git packs it smaller', () => {
    const projection = projectTenYears(figures, 300);
    expect(projection.csvBytesPerRow).toBeGreaterThan(60);
    expect(projection.csvBytesPerRow).toBeLessThan(140);
    expect(projection.packedBytesPerRow).toBeLessThan(projection.csvBytesPerRow);
    expect(figures.historyPackBytes).toBeGreaterThan(figures.historyFinalPackBytes);
    expect(projection.tenYearsCsvBytes).toBeCloseTo(300 * TEN_YEARS_HOURS * projection.csvBytesPerRow);
  });
});
