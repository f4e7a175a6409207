/**
 * Loads a whole data directory: the registry and every month file, validated
 * together before anything is published. Raw probes are read one month at a
 * time and reduced to month statistics, so memory grows with the number of
 * months, not of probes (ten years of hourly probes for 300 procedures is
 * about 26 million rows).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DataError } from './data-error.ts';
import { monthFilePath, procedureProbeDirectory, registryPath } from './data-directory.ts';
import { addProbe, emptyMonthStatistics, type MonthStatistics } from './month-statistics.ts';
import { monthFileDigest, versionOfDigest } from './month-version.ts';
import { monthOfFileName, parseMonthFile, type Probe } from './probe.ts';
import { parseRegistry, procedureKey, type Procedure } from './registry.ts';
import type { Observation } from './observation.ts';
import { loadObservations } from './observation-files.ts';

/** A procedure with what the data say about it. */
export interface ProcedureData {
  procedure: Procedure;
  /** Statistics of every month that has a file, oldest first. */
  months: MonthStatistics[];
  /** The latest probe instant of this procedure, or null when it has none. */
  latestProbe: number | null;
  /**
   * Version of each month's file by `YYYY-MM` (monthFileVersion): what a
   * citation of one month quotes, unchanged when later months are added.
   */
  monthVersions: Record<string, string>;
  /** Volunteers' observations (observations/), oldest first: never mixed with the probes. Absent: none. */
  observations?: Observation[];
}

export interface Dataset {
  dataDir: string;
  /** Procedures in registry order. */
  procedures: ProcedureData[];
  /**
   * Instant of the latest probe in the whole directory, or null. The site's
   * "données compilées le …" is this, not the build time, so that rebuilding
   * the same data gives the same pages.
   */
  compiledAt: number | null;
  /** Short SHA-256 of every data file: the data version to cite. */
  version: string;
}

/**
 * Reads and validates a data directory. Throws a DataError (`file:line:
 * message`) at the first problem; it never writes.
 */
export function loadDataset(dataDir: string): Dataset {
  const registryFile = registryPath(dataDir);
  if (!existsSync(registryFile)) throw new DataError(registryFile, 0, 'registry not found (is DATA_DIR right?)');
  const registryText = readFileSync(registryFile, 'utf8');
  const hash = createHash('sha256').update('procedures.csv\0').update(registryText);
  const procedures = parseRegistry(registryText, registryFile);
  checkNoOrphanProbes(dataDir, new Set(procedures.map(procedureKey)));
  let compiledAt: number | null = null;
  const data = procedures.map((procedure) => {
    const months: MonthStatistics[] = [];
    const monthVersions: Record<string, string> = {};
    let latestProbe: number | null = null;
    for (const month of monthsWithFiles(dataDir, procedure)) {
      const file = monthFilePath(dataDir, procedure.department, procedure.slug, month);
      const text = readFileSync(file, 'utf8');
      // The dataset's hash covers each file's digest, so every file is hashed once.
      const digest = monthFileDigest(text);
      monthVersions[month] = versionOfDigest(digest);
      hash.update(`${procedureKey(procedure)}/${month}\0${digest}\n`);
      const statistics = emptyMonthStatistics(month);
      for (const probe of parseMonthFile(text, file, month).probes) {
        addProbe(statistics, probe);
        if (latestProbe === null || probe.instant > latestProbe) latestProbe = probe.instant;
      }
      months.push(statistics);
    }
    if (latestProbe !== null && (compiledAt === null || latestProbe > compiledAt)) compiledAt = latestProbe;
    return { procedure, months, latestProbe, monthVersions };
  });
  const observations = loadObservations(dataDir, procedures, hash);
  const withObservations = data.map((entry) => ({ ...entry, observations: observations.get(procedureKey(entry.procedure)) ?? [] }));
  return { dataDir, procedures: withObservations, compiledAt, version: hash.digest('hex').slice(0, 12) };
}

/** The months of a procedure that have a file, oldest first. */
export function monthsWithFiles(dataDir: string, procedure: Pick<Procedure, 'department' | 'slug'>): string[] {
  const directory = procedureProbeDirectory(dataDir, procedure.department, procedure.slug);
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => !name.startsWith('.'))
    .map((name) => {
      const month = monthOfFileName(name);
      if (!month) throw new DataError(path.join(directory, name), 0, 'unexpected file: month files are named YYYY-MM.csv');
      return month;
    })
    .sort();
}

/** Reads the probes of one procedure-month (already validated by loadDataset). */
export function readMonthProbes(dataDir: string, procedure: Pick<Procedure, 'department' | 'slug'>, month: string): Probe[] {
  const file = monthFilePath(dataDir, procedure.department, procedure.slug, month);
  if (!existsSync(file)) return [];
  return parseMonthFile(readFileSync(file, 'utf8'), file, month).probes;
}

/** Probe directories must belong to a registered procedure: data nobody can see are a mistake. */
function checkNoOrphanProbes(dataDir: string, keys: Set<string>): void {
  const probesRoot = path.join(dataDir, 'probes');
  if (!existsSync(probesRoot)) return;
  for (const department of readdirSync(probesRoot)) {
    if (department.startsWith('.')) continue;
    const departmentDir = path.join(probesRoot, department);
    if (!statSync(departmentDir).isDirectory()) throw new DataError(departmentDir, 0, 'unexpected file: expected a department directory');
    for (const slug of readdirSync(departmentDir)) {
      if (slug.startsWith('.')) continue;
      if (!keys.has(`${department}/${slug}`)) {
        throw new DataError(path.join(departmentDir, slug), 0, `probes for ${department}/${slug}, which is not in procedures.csv`);
      }
    }
  }
}
