/**
 * "One more hour": the cost of adding one round (one row per procedure still
 * probed, in its month in progress) and recomputing. Two figures: loadDataset
 * without a cache (every month parsed and counted again) and with the month
 * cache the site build uses (src/site/month-store.ts: every file still read and
 * hashed for its version, only the changed ones parsed and counted, the
 * statistics work, timed apart). Run at
 * one year and at the full history, their ratio shows whether the cost grows
 * with history.
 */
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

/** Fills a month cache, appends one round, then times both recomputations. */
export function oneMoreHour(dataDir: string, scale: SyntheticScale): OneMoreHour {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'guichets-bench-cache-'));
  try {
    loadDataset(dataDir, { readMonth: new MonthStore(cacheDir).read });
    const rows = appendRound(dataDir, scale).length;
    let started = performance.now();
    loadDataset(dataDir);
    const fullReloadSeconds = (performance.now() - started) / 1000;
    const store = new MonthStore(cacheDir);
    started = performance.now();
    loadDataset(dataDir, { readMonth: store.read });
    const cachedSeconds = (performance.now() - started) / 1000;
    return {
      rows,
      fullReloadSeconds,
      cachedSeconds,
      monthsRecomputed: store.misses,
      statisticsSeconds: store.recomputeSeconds,
    };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
