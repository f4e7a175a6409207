/**
 * How long reading and validating month files takes, apart from the rest of
 * the build: synthetic month files (synthetic-data.ts) are read into memory
 * once, then `parseMonthFile` runs over all of them several times (the quick
 * path, which reads the robot's files), and `checkedMonthFile` too (the
 * reference path every malformed file goes through). The figure
 * is CPU time (user + system), which a busy shared machine disturbs less than
 * wall time; the median of the runs is kept. A change to the probe schema or
 * to validateProbe should not make it slower (DEVELOPERS.md).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCsv } from '../lib/csv.ts';
import { probesRoot } from '../lib/data-directory.ts';
import { checkedMonthFile, parseMonthFile } from '../lib/probe.ts';
import { writeSyntheticData } from './synthetic-data.ts';

export interface ValidationTiming {
  probes: number;
  files: number;
  /** Median CPU milliseconds of a pass of parseCsv alone. */
  csvMs: number;
  /** Of a pass of parseMonthFile (quickMonthFile reads these files, without parseCsv). */
  monthFileMs: number;
  /** Of a pass of checkedMonthFile: parseCsv and every row checked, as for a file the quick path leaves to it. */
  checkedMs: number;
}

interface MonthText {
  file: string;
  month: string;
  text: string;
}

/** The median CPU time of `runs` passes of `pass`, in milliseconds. */
function medianCpu(runs: number, pass: () => void): number {
  const times = Array.from({ length: runs }, () => {
    const start = process.cpuUsage();
    pass();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  });
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** Every month file of a data directory, read into memory. */
function monthTexts(dataDir: string): MonthText[] {
  const root = probesRoot(dataDir);
  return readdirSync(root).flatMap((department) =>
    readdirSync(path.join(root, department)).flatMap((slug) =>
      readdirSync(path.join(root, department, slug)).map((name) => {
        const file = path.join(root, department, slug, name);
        return { file, month: name.slice(0, 7), text: readFileSync(file, 'utf8') };
      }),
    ),
  );
}

/** Times validation over `procedures` × `months` of hourly synthetic probes (70 × 12: about 525,000). */
export function timeValidation(procedures = 70, months = 12, runs = 9): ValidationTiming {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'guichets-validation-'));
  try {
    const probes = writeSyntheticData(dataDir, { procedures, months, lastMonth: '2026-09' });
    const texts = monthTexts(dataDir);
    const limits = { latestInstant: Date.parse('2026-12-01T00:00:00Z'), earliestDay: '2000-01-01', sinceLine: null };
    return {
      probes,
      files: texts.length,
      csvMs: medianCpu(runs, () => texts.forEach(({ text, file }) => parseCsv(text, file))),
      monthFileMs: medianCpu(runs, () =>
        texts.forEach(({ text, file, month }) => parseMonthFile(text, file, month, limits)),
      ),
      checkedMs: medianCpu(runs, () =>
        texts.forEach(({ text, file, month }) => checkedMonthFile(text, file, month, limits)),
      ),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
