/**
 * A synthetic data directory for benchmarks only (never written to data/):
 * hourly probes for N procedures over M months, with the mix of outcomes a
 * blocked prefecture shows (mostly noir, a few dates, some failures), so that
 * build time and output size can be measured at the project's target scale.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addMonths, addMonthsClamped, formatParisTimestamp, parisClock } from '../lib/calendar.ts';
import { DEPARTMENTS } from '../lib/departments.ts';
import { formatCsv } from '../lib/csv.ts';
import { monthFilePath, registryPath } from '../lib/data-directory.ts';
import { ROBOT_COLUMNS } from '../lib/probe.ts';

export interface SyntheticScale {
  procedures: number;
  months: number;
  /** Last month generated, `YYYY-MM`. */
  lastMonth: string;
}

/** A small deterministic pseudo-random generator (mulberry32), so runs compare. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value ^= value + Math.imul(value ^ (value >>> 7), 61 | value);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the directory and returns how many probes it holds. */
export function writeSyntheticData(dataDir: string, scale: SyntheticScale): number {
  const departments = DEPARTMENTS.map((department) => department.code);
  const registry = [['department', 'slug', 'prefecture', 'procedure', 'system', 'url']];
  for (let index = 0; index < scale.procedures; index += 1) {
    registry.push([departments[index % departments.length]!, `demarche-${index}`, `Préfecture synthétique ${index}`, `Démarche synthétique ${index}`, 'legacy-booking', `https://bench.invalid/booking/create/${index}`]);
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(registryPath(dataDir), formatCsv(registry));
  const firstMonth = addMonths(scale.lastMonth, -(scale.months - 1));
  let count = 0;
  for (let index = 0; index < scale.procedures; index += 1) {
    const next = random(index + 1);
    for (let offset = 0; offset < scale.months; offset += 1) {
      const month = addMonths(firstMonth, offset);
      const rows: string[][] = [[...ROBOT_COLUMNS]];
      const start = Date.parse(`${month}-01T00:00:00Z`) - 2 * 3_600_000;
      for (let instant = start; ; instant += 3_600_000) {
        const clock = parisClock(new Date(instant + 20 * 60_000));
        if (clock.day.slice(0, 7) < month) continue;
        if (clock.day.slice(0, 7) > month) break;
        rows.push(syntheticRow(formatParisTimestamp(new Date(instant + 20 * 60_000)), clock.day, next()));
        count += 1;
      }
      const file = monthFilePath(dataDir, registry[index + 1]![0]!, registry[index + 1]![1]!, month);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, formatCsv(rows));
    }
  }
  return count;
}

function syntheticRow(probedAt: string, day: string, draw: number): string[] {
  // A real SHA-256 is incompressible (32 bytes of a gzipped month file per row); a timeout has no page, so no hash.
  if (draw < 0.05) return [probedAt, 'timeout', '', '', 'no answer within 30 s', ''];
  const evidence = createHash('sha256').update(`${probedAt} ${draw}`).digest('hex');
  if (draw < 0.9) return [probedAt, 'none', '', '', '', evidence];
  const first = addMonthsClamped(day, draw < 0.95 ? 0 : 2);
  return [probedAt, 'slots', first, first, '', evidence];
}
