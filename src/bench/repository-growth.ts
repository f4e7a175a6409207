/**
 * How fast `data/` makes the git repository grow, measured on the synthetic
 * data (never on data/): bytes per probe row in the CSV files, bytes per row
 * once git has packed a snapshot of them (`git gc --aggressive`), and the
 * extra cost of the robot's real history (one commit per hourly round, each
 * appending one row to every procedure's month file), from which ten years
 * at national scale are projected. DEVELOPERS.md records the figures and the
 * decision they lead to.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { monthFilePath, probesRoot } from '../lib/data-directory.ts';
import { addMonths } from '../lib/calendar.ts';
import { syntheticProcedures, writeSyntheticData } from './synthetic-data.ts';

export interface GrowthScale {
  procedures: number;
  /** Months of the snapshot. */
  months: number;
  /** Hourly rounds replayed one commit each, for the history's cost. */
  rounds: number;
  /** The snapshot's last month (in progress, as the generator makes it). */
  lastMonth: string;
}

export interface GrowthFigures {
  scale: GrowthScale;
  rows: number;
  csvBytes: number;
  /** Packed size of one commit holding the whole snapshot, after `git gc --aggressive`. */
  snapshotPackBytes: number;
  /** Rows committed by the replayed rounds. */
  historyRows: number;
  /** Packed size of the replayed rounds' history. */
  historyPackBytes: number;
  /** Packed size of one commit holding the same final files. */
  historyFinalPackBytes: number;
}

function git(directory: string, ...args: string[]): string {
  // No automatic gc between commits: the measure packs once, at the end, as tightly as git can.
  return execFileSync('git', ['-C', directory, '-c', 'gc.auto=0', ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'bench',
      GIT_AUTHOR_EMAIL: 'bench@invalid',
      GIT_COMMITTER_NAME: 'bench',
      GIT_COMMITTER_EMAIL: 'bench@invalid',
      GIT_AUTHOR_DATE: '2026-10-01T00:00:00Z',
      GIT_COMMITTER_DATE: '2026-10-01T00:00:00Z',
    },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Sum of the sizes of the files below `directory`. */
function treeBytes(directory: string): number {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0);
}

/** Commits everything of a fresh repository in `directory`, packs it as tightly as git can, and returns the pack's bytes. */
function packedBytes(directory: string, commit: boolean): number {
  if (commit) {
    git(directory, 'init', '-q');
    git(directory, 'add', '-A');
    git(directory, 'commit', '-q', '-m', 'snapshot');
  }
  git(directory, 'gc', '-q', '--aggressive', '--prune=now');
  return treeBytes(path.join(directory, '.git', 'objects', 'pack'));
}

/**
 * Measures in `workDir` (emptied first): a snapshot of `months` months, then
 * `rounds` hourly rounds of the first month replayed as the robot commits them.
 */
export function measureRepositoryGrowth(scale: GrowthScale, workDir: string): GrowthFigures {
  rmSync(workDir, { recursive: true, force: true });
  const snapshot = path.join(workDir, 'snapshot');
  const rows = writeSyntheticData(snapshot, scale);
  const csvBytes = treeBytes(probesRoot(snapshot));
  const snapshotPackBytes = packedBytes(snapshot, true);

  // The first month's files, replayed row by row: round k appends row k to every file that has one.
  const firstMonth = addMonths(scale.lastMonth, -(scale.months - 1));
  const history = path.join(workDir, 'history');
  mkdirSync(history, { recursive: true });
  git(history, 'init', '-q');
  const files = syntheticProcedures(scale.procedures).flatMap(({ department, slug }) => {
    const source = monthFilePath(snapshot, department, slug, firstMonth);
    let lines: string[];
    try {
      lines = readFileSync(source, 'utf8').split('\n').filter(Boolean);
    } catch {
      return [];
    }
    const target = monthFilePath(history, department, slug, firstMonth);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, `${lines[0]}\n`);
    return [{ target, rows: lines.slice(1) }];
  });
  let historyRows = 0;
  for (let round = 0; round < scale.rounds; round += 1) {
    for (const file of files) {
      const row = file.rows[round];
      if (row === undefined) continue;
      appendFileSync(file.target, `${row}\n`);
      historyRows += 1;
    }
    git(history, 'add', '-A');
    git(history, 'commit', '-q', '-m', `Probes of round ${round}`);
  }
  const historyPackBytes = packedBytes(history, false);
  rmSync(path.join(history, '.git'), { recursive: true, force: true });
  const historyFinalPackBytes = packedBytes(history, true);
  rmSync(workDir, { recursive: true, force: true });
  return { scale, rows, csvBytes, snapshotPackBytes, historyRows, historyPackBytes, historyFinalPackBytes };
}

/** Hours in ten years. */
export const TEN_YEARS_HOURS = 87_660;

export interface GrowthProjection {
  /** The procedures projected. */
  procedures: number;
  csvBytesPerRow: number;
  packedBytesPerRow: number;
  /** Extra packed bytes of each hourly commit (trees, commit, deltas) over a snapshot of the same files. */
  bytesPerRound: number;
  /** Ten years at the scale's procedures, hourly: the checked-out CSV files. */
  tenYearsCsvBytes: number;
  /** …and the packed repository with its hourly history. */
  tenYearsPackedBytes: number;
}

/** Ten years at `procedures` procedures, one round an hour, from the measured rates. */
export function projectTenYears(figures: GrowthFigures, procedures: number): GrowthProjection {
  const csvBytesPerRow = figures.csvBytes / figures.rows;
  const packedBytesPerRow = figures.snapshotPackBytes / figures.rows;
  const bytesPerRound = (figures.historyPackBytes - figures.historyFinalPackBytes) / figures.scale.rounds;
  const rows = procedures * TEN_YEARS_HOURS;
  return {
    procedures,
    csvBytesPerRow,
    packedBytesPerRow,
    bytesPerRound,
    tenYearsCsvBytes: rows * csvBytesPerRow,
    tenYearsPackedBytes: rows * packedBytesPerRow + TEN_YEARS_HOURS * bytesPerRound,
  };
}

/** The figures as a Markdown table, for DEVELOPERS.md. */
export function formatGrowth(figures: GrowthFigures, projection: GrowthProjection): string {
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  const { scale } = figures;
  return [
    `| Measure (${scale.procedures} procedures × ${scale.months} months, ${figures.rows.toLocaleString('en')} rows; ${scale.rounds} hourly commits replayed) | Value |`,
    '| --- | --- |',
    `| CSV bytes per row | ${projection.csvBytesPerRow.toFixed(1)} |`,
    `| CSV files | ${mb(figures.csvBytes)} |`,
    `| Packed snapshot (git gc --aggressive), bytes per row | ${projection.packedBytesPerRow.toFixed(1)} (${mb(figures.snapshotPackBytes)}) |`,
    `| History: ${figures.historyRows.toLocaleString('en')} rows in ${scale.rounds} commits, packed | ${mb(figures.historyPackBytes)} (the same files in one commit: ${mb(figures.historyFinalPackBytes)}) |`,
    `| Extra packed bytes per hourly commit | ${Math.round(projection.bytesPerRound).toLocaleString('en')} |`,
    `| Ten years, ${projection.procedures} procedures: CSV checked out | ${mb(projection.tenYearsCsvBytes)} |`,
    `| Ten years, ${projection.procedures} procedures: packed with hourly history | ${mb(projection.tenYearsPackedBytes)} |`,
  ].join('\n');
}
