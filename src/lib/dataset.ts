/**
 * Loads a whole data directory: the registry and every month file, validated
 * together before anything is published. Raw probes are read one month at a
 * time and reduced to month statistics, so memory grows with the number of
 * months, not of probes (ten years of hourly probes for 300 procedures is
 * about 26 million rows).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { DataError } from './data-error.ts';
import { decodeUtf8 } from './utf8.ts';
import {
  monthFilePath,
  probesRoot,
  procedureProbeDirectory,
  readDataBytes,
  readDataDirectory,
  readDataFile,
  registryPath,
} from './data-directory.ts';
import { monthStatistics, type MonthStatistics } from './month-statistics.ts';
import { monthFileDigest, versionOfDigest } from './month-version.ts';
import {
  EARLIEST_PROBE,
  monthOfFileName,
  parseMonthFile,
  type MonthFile,
  type Probe,
  type ProbeLimits,
} from './probe.ts';
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
  /** Full SHA-256 of each month's file by `YYYY-MM`: what the procedure's and its department's versions are made of (scopedVersion). */
  monthDigests: Record<string, string>;
  /** Volunteers' observations (observations/), oldest first: never mixed with the probes. Absent: none. */
  observations?: Observation[];
  /** The latest probe itself (what the site answered right then), or null when there is none. */
  latest: LatestProbe | null;
}

/** What the latest probe of a procedure found, for « Dernier sondage, le … : aucune date ». */
type LatestProbe = Pick<Probe, 'instant' | 'outcome' | 'firstDate' | 'secondDate' | 'detail' | 'colour'>;

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
  /** What was accepted but deserves a look (`file:line: message`), e.g. a failure code this version does not know. */
  warnings: string[];
}

export interface LoadOptions {
  /** The build's clock (ms since the epoch, default now): later probes are refused, see FUTURE_TOLERANCE_MS. */
  now?: number | undefined;
  /** How each month file is read (default readMonth); the site build's answers closed months from its cache. */
  readMonth?: MonthReader | undefined;
  /**
   * The full SHA-256 of a month file's content when it is known without
   * reading the file (the site build asks git, see src/site/file-identity.ts),
   * else undefined: the file is then read and hashed.
   */
  knownDigest?: ((file: string, month: string) => string | undefined) | undefined;
}

/** One month file as loadDataset has read and hashed it. */
export interface MonthFileInput {
  procedure: Procedure;
  /** Path of the file, as data errors name it. */
  file: string;
  /** `YYYY-MM`. */
  month: string;
  /** The file's bytes, not yet decoded (decodeUtf8 refuses what is not UTF-8); absent when the digest was known (monthBytes reads them). */
  bytes?: Uint8Array | undefined;
  /** Full SHA-256 of the text (monthFileDigest). */
  digest: string;
  /** What the probes of this procedure must respect beyond each row's own rules. */
  limits: ProbeLimits;
}

/** What loadDataset keeps of one month file. */
export interface MonthReading {
  statistics: MonthStatistics;
  /** Accepted but worth a look (`file:line: message`). */
  warnings: string[];
  /** The month's latest probe, or null when it has none. */
  latest: LatestProbe | null;
}

/**
 * Reads one month file into what loadDataset keeps. Must throw the DataError
 * parseMonthFile throws for a file that is not valid under `limits`.
 */
export type MonthReader = (input: MonthFileInput) => MonthReading;

/** The default MonthReader: validates every row and counts the month. */
export function readMonth(input: MonthFileInput): MonthReading {
  const { file, month, limits } = input;
  return monthReading(month, parseMonthFile(decodeUtf8(monthBytes(input), file), file, month, limits));
}

/**
 * The bytes of a month file, read now when loadDataset knew the digest
 * without reading them; refused when they no longer have that digest (the
 * file changed while the build was reading the data), so that a month's
 * statistics and its version always describe the same content.
 */
export function monthBytes({ bytes, file, digest }: MonthFileInput): Uint8Array {
  if (bytes) return bytes;
  const read = readDataBytes(file);
  if (monthFileDigest(read) !== digest)
    throw new DataError(file, 0, 'the file changed while the build was reading the data: build again');
  return read;
}

/** What loadDataset keeps of a validated month file. */
export function monthReading(month: string, parsed: MonthFile): MonthReading {
  let last: Probe | null = null;
  for (const probe of parsed.probes) if (last === null || probe.instant > last.instant) last = probe;
  let latest: LatestProbe | null = null;
  if (last !== null) {
    const { instant, outcome, firstDate, secondDate, detail, colour } = last;
    latest = { instant, outcome, firstDate, secondDate, detail, colour };
  }
  return { statistics: monthStatistics(month, parsed.probes), warnings: parsed.warnings, latest };
}

/**
 * How far ahead of the build's clock a probe may be dated: clocks of the
 * robot's runner and of the build's may differ a little, never by hours. A
 * probe dated later is a typing or clock error, and would make the site say
 * « compilées le 1 mars 2099 ».
 */
export const FUTURE_TOLERANCE_MS = 15 * 60_000;

/**
 * Reads and validates a data directory. Throws a DataError (`file:line:
 * message`) at the first problem; it never writes.
 */
export function loadDataset(
  dataDir: string,
  { now = Date.now(), readMonth: read = readMonth, knownDigest = () => undefined }: LoadOptions = {},
): Dataset {
  const registryFile = registryPath(dataDir);
  const registryText = readRegistryText(registryFile);
  const hash = createHash('sha256').update('procedures.csv\0').update(registryText);
  const procedures = parseRegistry(registryText, registryFile);
  const monthFiles = listMonthFiles(dataDir, new Set(procedures.map(procedureKey)));
  const latestMonth = new Date(now + FUTURE_TOLERANCE_MS).toISOString().slice(0, 7);
  const warnings: string[] = [];
  let compiledAt: number | null = null;
  const data = procedures.map((procedure) => {
    const months: MonthStatistics[] = [];
    const monthVersions: Record<string, string> = {};
    const monthDigests: Record<string, string> = {};
    let latest: LatestProbe | null = null;
    const limits: ProbeLimits = {
      latestInstant: now + FUTURE_TOLERANCE_MS,
      earliestDay: procedure.since || EARLIEST_PROBE,
      sinceLine: procedure.since ? procedure.line : null,
    };
    for (const month of monthFiles.get(procedureKey(procedure)) ?? []) {
      const file = monthFilePath(dataDir, procedure.department, procedure.slug, month);
      checkMonthInRange(file, month, limits.earliestDay, latestMonth);
      // Bytes, hashed as they are, unless the digest is known: a month the reader finds cached is never decoded or parsed.
      // The dataset's hash covers each file's digest, so every file is hashed at most once.
      let digest = knownDigest(file, month);
      let bytes: Uint8Array | undefined;
      if (digest === undefined) {
        bytes = readDataBytes(file);
        digest = monthFileDigest(bytes);
      }
      monthVersions[month] = versionOfDigest(digest);
      monthDigests[month] = digest;
      hash.update(`${procedureKey(procedure)}/${month}\0${digest}\n`);
      const reading = read({ procedure, file, month, bytes, digest, limits });
      warnings.push(...reading.warnings);
      months.push(reading.statistics);
      if (reading.latest && (latest === null || reading.latest.instant > latest.instant)) latest = reading.latest;
    }
    const latestProbe = latest?.instant ?? null;
    if (latestProbe !== null && (compiledAt === null || latestProbe > compiledAt)) compiledAt = latestProbe;
    return { procedure, months, latestProbe, monthVersions, monthDigests, latest };
  });
  const observations = loadObservations(dataDir, procedures, hash);
  const withObservations = data.map((entry) => ({
    ...entry,
    observations: observations.get(procedureKey(entry.procedure)) ?? [],
  }));
  return { dataDir, procedures: withObservations, compiledAt, version: hash.digest('hex').slice(0, 12), warnings };
}

function readRegistryText(file: string): string {
  try {
    return readDataFile(file);
  } catch (error) {
    if (error instanceof DataError && error.reason === 'file not found') {
      throw new DataError(file, 0, 'registry not found (is DATA_DIR right?)', { cause: error });
    }
    throw error;
  }
}

/** A month file named for a month before the procedure's start or after the build's clock holds nothing publishable. */
function checkMonthInRange(file: string, month: string, earliestDay: string, latestMonth: string): void {
  if (month > latestMonth)
    throw new DataError(file, 0, `a file for ${month}, a month that has not begun by the build's clock`);
  if (month < earliestDay.slice(0, 7))
    throw new DataError(file, 0, `a file for ${month}, before the first day probed (${earliestDay})`);
}

/** Reads the probes of one procedure-month (already validated by loadDataset). */
export function readMonthProbes(
  dataDir: string,
  procedure: Pick<Procedure, 'department' | 'slug'>,
  month: string,
): Probe[] {
  const file = monthFilePath(dataDir, procedure.department, procedure.slug, month);
  try {
    return parseMonthFile(readDataFile(file), file, month).probes;
  } catch (error) {
    if (error instanceof DataError && error.reason === 'file not found') return [];
    throw error;
  }
}

/**
 * Walks `probes/` and returns the months of each procedure (`93/slug`),
 * oldest first. Every department and procedure entry must be a directory,
 * every month entry a file named `YYYY-MM.csv`, nothing a symbolic link, and
 * every procedure directory must belong to a registered procedure: data
 * nobody can see are a mistake.
 */
function listMonthFiles(dataDir: string, keys: ReadonlySet<string>): Map<string, string[]> {
  const months = new Map<string, string[]>();
  const root = probesRoot(dataDir);
  let departments;
  try {
    departments = readDataDirectory(root);
  } catch (error) {
    if (error instanceof DataError && error.file === root && error.reason === 'directory not found') return months;
    throw error;
  }
  for (const department of departments) {
    const departmentDir = path.join(root, department.name);
    if (!department.isDirectory())
      throw new DataError(departmentDir, 0, 'unexpected file: probes/ holds one directory per department');
    for (const slug of readDataDirectory(departmentDir)) {
      const key = `${department.name}/${slug.name}`;
      const procedureDir = procedureProbeDirectory(dataDir, department.name, slug.name);
      if (!slug.isDirectory())
        throw new DataError(
          procedureDir,
          0,
          'unexpected file: a department directory holds one directory per procedure',
        );
      if (!keys.has(key)) throw new DataError(procedureDir, 0, `probes for ${key}, which is not in procedures.csv`);
      months.set(
        key,
        readDataDirectory(procedureDir).map((entry) => {
          const file = path.join(procedureDir, entry.name);
          const month = monthOfFileName(entry.name);
          if (!month) throw new DataError(file, 0, 'unexpected file: month files are named YYYY-MM.csv');
          if (!entry.isFile()) throw new DataError(file, 0, 'a directory stands where a month file is expected');
          return month;
        }),
      );
    }
  }
  return months;
}
