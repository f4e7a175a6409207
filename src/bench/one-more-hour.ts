/**
 * "One more hour": the cost of adding one round (one row per procedure still
 * probed, in its month in progress) and recomputing. Two figures: what the
 * project does today (loadDataset again, every month recomputed) and the
 * floor a cache of closed months would reach (only the changed month files
 * read and counted). Run at one year and at the full history, their ratio
 * shows whether the cost grows with history.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { formatParisTimestamp } from '../lib/calendar.ts';
import { formatCsv } from '../lib/csv.ts';
import { monthFilePath } from '../lib/data-directory.ts';
import { loadDataset } from '../lib/dataset.ts';
import { monthStatistics } from '../lib/month-statistics.ts';
import { parseMonthFile } from '../lib/probe.ts';
import { syntheticProcedures, syntheticRow } from './synthetic-data.ts';

export interface OneMoreHour {
  /** Rows appended (one per procedure probed in the month in progress). */
  rows: number;
  /** loadDataset after the round: what the project recomputes today, s. */
  fullReloadSeconds: number;
  /** Only the changed month files parsed and counted, s. */
  changedOnlySeconds: number;
}

/** Appends one round one hour after each procedure's last row of `month`, then times both recomputations. */
export function oneMoreHour(dataDir: string, procedures: number, month: string): OneMoreHour {
  const changed: string[] = [];
  for (const { department, slug } of syntheticProcedures(procedures)) {
    const file = monthFilePath(dataDir, department, slug, month);
    if (!existsSync(file)) continue;
    const probes = parseMonthFile(readFileSync(file, 'utf8'), file, month).probes;
    const last = probes.at(-1);
    if (!last) continue;
    const at = new Date(last.instant + 3_600_000);
    const probedAt = formatParisTimestamp(at);
    // The next hour stays in the month: the month in progress stops on the 15th.
    appendFileSync(file, formatCsv([syntheticRow(probedAt, probedAt.slice(0, 10), 0.5)]));
    changed.push(file);
  }
  let started = performance.now();
  loadDataset(dataDir);
  const fullReloadSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  for (const file of changed) monthStatistics(month, parseMonthFile(readFileSync(file, 'utf8'), file, month).probes);
  const changedOnlySeconds = (performance.now() - started) / 1000;
  return { rows: changed.length, fullReloadSeconds, changedOnlySeconds };
}
