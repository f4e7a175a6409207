/**
 * `npm run bench -- --scale small` runs here so the benchmark never rots: the
 * project and DuckDB must give identical numbers for every procedure-month,
 * the synthetic data must exercise every colour, and the robot round must
 * record what the scenarios say. No timing is asserted.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { COLOURS } from '../../src/lib/colour.ts';
import { expectedChange, type Round } from '../../src/bench/build-benchmark.ts';
import { differences, type MonthFigures } from '../../src/bench/month-figures.ts';
import { failures, runBenchmark, type BenchReport } from '../../src/bench/run.ts';
import { resultsSection } from '../../src/bench/results.ts';
import { SCALES } from '../../src/bench/scales.ts';

describe('npm run bench -- --scale small', () => {
  let report: BenchReport;
  beforeAll(async () => {
    report = await runBenchmark(SCALES.small!, { log: () => {} });
  }, 600_000);

  test('the project and DuckDB give identical numbers for every procedure-month', () => {
    expect(report.mismatches).toEqual([]);
    expect(report.monthFiles).toBeGreaterThan(60);
    expect(failures(report)).toEqual([]);
  });

  test.each(COLOURS)('the dataset holds %s probes', (colour) => {
    expect(report.colours[colour]).toBeGreaterThan(0);
  });

  test('one more hour appends a row per procedure still probed, at one year and at the full history', () => {
    expect(report.oneMoreHourYear?.rows).toBeGreaterThan(0);
    expect(report.oneMoreHourFull.rows).toBe(report.oneMoreHourYear?.rows);
  });

  test('the build is measured: pages and the size of dist/ by kind', () => {
    expect(report.build?.pages).toBeGreaterThan(report.monthFiles);
    expect(report.build?.overviewGzipBytes).toBeGreaterThan(0);
    expect(Object.keys(report.build?.kinds ?? {})).toEqual(
      expect.arrayContaining(['month CSVs (.csv.gz)', 'other HTML pages']),
    );
  });

  test('the rebuild after one more round changes some files, not all: closed months keep their bytes', () => {
    expect(report.rebuild?.changed).toBeGreaterThan(0);
    expect(report.rebuild?.changed).toBeLessThan(report.rebuild?.total ?? 0);
    expect(report.rebuild?.closedMonths).toBe(0);
    expect(report.rebuild?.kinds['month CSVs (.csv.gz)']).toMatchObject({ unexpected: 0 });
  });

  test('the rebuild is classified by kind in the results, with every changed file counted once', () => {
    const kinds = Object.values(report.rebuild?.kinds ?? {});
    expect(kinds.reduce((sum, kind) => sum + kind.changed, 0)).toBe(report.rebuild?.changed);
    expect(resultsSection(report)).toContain('Changed by one more round');
  });

  test('one more hour with the month cache recomputes only the months that changed', () => {
    expect(report.oneMoreHourFull.monthsRecomputed).toBe(report.oneMoreHourFull.rows);
  });

  test('one more hour reads only the files of the round: git vouches for the others', () => {
    expect(report.oneMoreHourFull.filesRead).toBe(report.oneMoreHourFull.rows);
    expect(report.oneMoreHourYear?.filesRead).toBe(report.oneMoreHourYear?.rows);
  });

  test('the robot round records what every scenario says, no failure as no slot', () => {
    expect(report.robot).toMatchObject({ asExpected: SCALES.small!.procedures, failuresAsNone: 0 });
  });

  test('the results section states the load average and says which targets are not judged', () => {
    const section = resultsSection(report);
    expect(section).toContain('load average');
    expect(section).toContain('not judged at this scale');
  });
});

describe('what one more round may change', () => {
  const round: Round = {
    procedures: new Set(['93/aucun-creneau', '93/ouvert', '75/autre']),
    probed: new Set(['93/aucun-creneau']),
    month: '2026-10',
  };
  test.each([
    { file: '93/aucun-creneau/2026-10/index.html', expected: true },
    { file: 'donnees/sondages/93/aucun-creneau/2026-10.csv.gz', expected: true },
    { file: '93/aucun-creneau/2026-09/index.html', expected: false },
    { file: 'donnees/sondages/93/aucun-creneau/2026-09.csv.gz', expected: false },
    { file: '93/ouvert/2026-10/index.html', expected: false },
    { file: '93/aucun-creneau/index.html', expected: true },
    { file: '93/aucun-creneau/flux.atom', expected: true },
    { file: 'donnees/statistiques/93/aucun-creneau.csv', expected: true },
    { file: 'donnees/statistiques/93/ouvert.csv', expected: false },
    { file: '93/ouvert/courrier/index.html', expected: false },
    { file: '93/index.html', expected: true },
    { file: '75/index.html', expected: false },
    { file: 'index.html', expected: true },
    { file: 'donnees/sondages.csv.gz', expected: true },
    { file: 'guides/recours/index.html', expected: false },
    { file: '_astro/site.abc123.css', expected: false },
  ])('$file may change: $expected', ({ file, expected }) => {
    expect(expectedChange(file, round)).toBe(expected);
  });
});

describe('the comparison', () => {
  const month: MonthFigures = {
    successful: 2,
    counts: { vert: 0, jaune: 1, orange: 0, rouge: 0, noir: 1 },
    failed: 1,
    failures: { timeout: 1 },
    firstProbe: 0,
    lastProbe: 7_200_000,
    probedHours: 3,
  };
  test.each([
    { name: 'a colour count', other: { ...month, counts: { ...month.counts, jaune: 0, vert: 1 } } },
    { name: 'a failure code', other: { ...month, failures: { http_error: 1 } } },
    { name: 'the probed hours', other: { ...month, probedHours: 2 } },
    { name: 'a missing month', other: undefined },
  ])('reports a difference in $name', ({ other }) => {
    expect(differences({ '75/a/2026-01': month }, other ? { '75/a/2026-01': other } : {})).toHaveLength(1);
  });
});
