/**
 * A synthetic data directory for benchmarks only (never written to data/):
 * hourly probes for N procedures over M months in the data contract, with the
 * mix a blocked prefecture shows, so that statistics, build time and output
 * size can be measured at the project's target scale. Every colour occurs
 * (jaune and rouge included, and dates exactly on the "within one month"
 * boundary, clamped at month ends), as do failures of several codes, robot
 * outages (hours with no row), procedures that start late or stop early, and
 * both DST changes (the rows follow the Paris clock hour by hour). The last
 * month is in progress: it stops on the 15th, so one more round falls in it.
 * Deterministic: the same scale gives the same files, byte for byte.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addDays, addMonths, addMonthsClamped, formatParisTimestamp, parisClock } from '../lib/calendar.ts';
import { DEPARTMENTS } from '../lib/departments.ts';
import { formatCsv } from '../lib/csv.ts';
import { monthFilePath, registryPath } from '../lib/data-directory.ts';
import { ROBOT_COLUMNS } from '../lib/probe.ts';

export interface SyntheticScale {
  procedures: number;
  months: number;
  /** Last month generated, `YYYY-MM` (in progress: probed up to its 15th). */
  lastMonth: string;
}

/** The day the last, in-progress month stops. */
const IN_PROGRESS_UNTIL = 15;

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

/** The registry rows (department, slug) of a scale, in order. */
export function syntheticProcedures(count: number): { department: string; slug: string }[] {
  const departments = DEPARTMENTS.map((department) => department.code);
  return Array.from({ length: count }, (_, index) => ({
    department: departments[index % departments.length]!,
    slug: `demarche-${index}`,
  }));
}

/** Month offsets a procedure is probed in: some start late, some stop early (a page retired). */
function activeMonths(index: number, months: number): [number, number] {
  const first = index % 7 === 3 ? Math.floor(months / 3) : 0;
  const last = index % 11 === 5 ? Math.floor((2 * months) / 3) : months - 1;
  return [first, Math.max(first, last)];
}

/** Writes the directory and returns how many probes it holds. */
export function writeSyntheticData(dataDir: string, scale: SyntheticScale): number {
  const procedures = syntheticProcedures(scale.procedures);
  const registry = [['department', 'slug', 'prefecture', 'procedure', 'system', 'url']];
  for (const [index, { department, slug }] of procedures.entries()) {
    registry.push([
      department,
      slug,
      `Préfecture synthétique ${index}`,
      `Démarche synthétique ${index}`,
      'legacy-booking',
      `https://bench.invalid/booking/create/${index}`,
    ]);
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(registryPath(dataDir), formatCsv(registry));
  const firstMonth = addMonths(scale.lastMonth, -(scale.months - 1));
  let count = 0;
  for (const [index, { department, slug }] of procedures.entries()) {
    const next = random(index + 1);
    const [first, last] = activeMonths(index, scale.months);
    for (let offset = first; offset <= last; offset += 1) {
      const month = addMonths(firstMonth, offset);
      const rows: string[][] = [[...ROBOT_COLUMNS]];
      // A month's mood: most are closed, some see bursts of dates.
      const openness = next() < 0.2 ? 0.5 : 0.08;
      // An outage of the robot: a run of hours with no row at all.
      const outageStart = next() < 0.3 ? Math.floor(next() * 600) : -1;
      const outageLength = 6 + Math.floor(next() * 42);
      const start = Date.parse(`${month}-01T00:00:00Z`) - 2 * 3_600_000;
      for (let hour = 0, instant = start; ; hour += 1, instant += 3_600_000) {
        const at = new Date(instant + 20 * 60_000);
        const clock = parisClock(at);
        if (clock.day.slice(0, 7) < month) continue;
        if (clock.day.slice(0, 7) > month) break;
        if (month === scale.lastMonth && Number(clock.day.slice(8)) > IN_PROGRESS_UNTIL) break;
        if (hour >= outageStart && hour < outageStart + outageLength) continue;
        rows.push(syntheticRow(formatParisTimestamp(at), clock.day, next(), openness));
        count += 1;
      }
      const file = monthFilePath(dataDir, department, slug, month);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, formatCsv(rows));
    }
  }
  return count;
}

const FAILURES: [string, string][] = [
  ['timeout', 'no answer within 30 s'],
  ['http_error', 'HTTP 500'],
  ['throttled', 'HTTP 429'],
  ['blocked', 'challenge page'],
  ['captcha', 'captcha'],
  ['network_error', 'ECONNRESET'],
];

/** One probe row; `draw` in [0, 1) decides the outcome and `openness` how often dates are offered. */
export function syntheticRow(probedAt: string, day: string, draw: number, openness = 0.08): string[] {
  if (draw < 0.06) {
    const [outcome, detail] = FAILURES[Math.floor((draw / 0.06) * FAILURES.length)]!;
    // A real SHA-256 is incompressible (32 bytes of a gzipped month file per row); a timeout has no page, so no hash.
    return [probedAt, outcome, '', '', detail, ''];
  }
  const evidence = createHash('sha256').update(`${probedAt} ${draw}`).digest('hex');
  const share = (draw - 0.06) / 0.94;
  if (share >= openness) return [probedAt, 'none', '', '', '', evidence];
  const kind = share / openness;
  const oneMonth = addMonthsClamped(day, 1);
  // vert, jaune (one date, or a second beyond the month), orange, rouge; boundaries exercised on purpose.
  if (kind < 0.3) return [probedAt, 'slots', addDays(day, 3), oneMonth, '', evidence];
  if (kind < 0.45) return [probedAt, 'slots', oneMonth, '', '', evidence];
  if (kind < 0.55) return [probedAt, 'slots', oneMonth, addDays(oneMonth, 1), '', evidence];
  if (kind < 0.8) return [probedAt, 'slots', addMonthsClamped(day, 2), addMonthsClamped(day, 2), '', evidence];
  return [probedAt, 'slots', addDays(addMonthsClamped(day, 2), 1), '', '', evidence];
}
