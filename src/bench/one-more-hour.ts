/**
 * "One more hour": the cost of adding one round (one row per procedure still
 * probed, in its month in progress) and recomputing. Two figures: loadDataset
 * without a cache (every month parsed and counted again) and with the month
 * cache the site build uses (src/site/month-store.ts), as the hourly build
 * runs it: the data directory is a git repository and the round is committed,
 * as the robot does, so only the files of the round are read and hashed
 * (src/site/file-identity.ts), and only their months parsed and counted (the
 * statistics work, timed apart). Without git, every file is read and hashed.
 * Run at one year and at the full history, their ratio shows whether the cost
 * grows with history.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatCsv } from '../lib/csv.ts';
import { monthFilePath } from '../lib/data-directory.ts';
import { loadDataset } from '../lib/dataset.ts';
import { parseMonthFile } from '../lib/probe.ts';
import { MonthStore } from '../site/month-store.ts';
import { evidenceHashes, nextRound, syntheticCatalogue, syntheticRow, type SyntheticScale } from './synthetic-data.ts';

export interface OneMoreHour {
  /** Rows appended (one per procedure probed in the month in progress). */
  rows: number;
  /** loadDataset after the round without a cache: every month recomputed, s. */
  fullReloadSeconds: number;
  /** loadDataset after the round with the month cache filled by the round before, s. */
  cachedSeconds: number;
  /** Months the cached load parsed and counted (the others came from the cache). */
  monthsRecomputed: number;
  /** Of cachedSeconds, the statistics work: parsing, validating and counting those months, s. */
  statisticsSeconds: number;
  /** Month files the cached load read and hashed (the others git vouched for); all of them without git. */
  filesRead: number;
}

/** Commits everything in the data directory (a repository made on the first call): the robot's commit of a round. */
export function commitData(dataDir: string, message: string): boolean {
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      [
        '-C',
        dataDir,
        '-c',
        'user.name=bench',
        '-c',
        'user.email=bench@localhost',
        '-c',
        'commit.gpgsign=false',
        ...args,
      ],
      { stdio: 'ignore' },
    );
  try {
    if (!existsSync(path.join(dataDir, '.git'))) git('init', '--quiet');
    git('add', '--all');
    git('commit', '--quiet', '--no-verify', '--allow-empty', '-m', message);
    return true;
  } catch {
    return false;
  }
}

/**
 * Appends one round one hour after each procedure's last row of the scale's
 * last month, as the scenario model says; returns the procedures that got a
 * row, as `department/slug`.
 */
export function appendRound(dataDir: string, scale: SyntheticScale): string[] {
  const changed: string[] = [];
  for (const [index, procedure] of syntheticCatalogue(scale).entries()) {
    const file = monthFilePath(dataDir, procedure.department, procedure.slug, scale.lastMonth);
    if (!existsSync(file)) continue;
    const last = parseMonthFile(readFileSync(file, 'utf8'), file, scale.lastMonth).probes.at(-1);
    if (!last) continue;
    // The next hour stays in the month: the month in progress stops on the 15th.
    appendFileSync(
      file,
      formatCsv([syntheticRow(procedure, index, nextRound(last.instant), evidenceHashes(last.instant ^ index, 1))]),
    );
    changed.push(`${procedure.department}/${procedure.slug}`);
  }
  return changed;
}

/** Commits the data, fills a month cache, appends and commits one round, then times both recomputations. */
export function oneMoreHour(dataDir: string, scale: SyntheticScale): OneMoreHour {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'guichets-bench-cache-'));
  try {
    commitData(dataDir, 'Synthetic data');
    new MonthStore(cacheDir).loadDataset(dataDir);
    const rows = appendRound(dataDir, scale).length;
    commitData(dataDir, 'One more round');
    let started = performance.now();
    const dataset = loadDataset(dataDir);
    const fullReloadSeconds = (performance.now() - started) / 1000;
    const store = new MonthStore(cacheDir);
    started = performance.now();
    store.loadDataset(dataDir);
    const cachedSeconds = (performance.now() - started) / 1000;
    const months = dataset.procedures.reduce((total, data) => total + data.months.length, 0);
    return {
      rows,
      fullReloadSeconds,
      cachedSeconds,
      monthsRecomputed: store.misses,
      statisticsSeconds: store.recomputeSeconds,
      filesRead: months - store.unread,
    };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
