/**
 * Where the data live, and how they are read. Everything that reads or writes
 * data takes the directory from `DATA_DIR` (default `data/`), so tests, the
 * demo and the benchmarks can work on a copy without touching the published
 * data. The data tree holds plain directories and plain UTF-8 files only: a
 * symbolic link could publish another procedure's data (or any file of the
 * machine) under this one, so it is refused like any other misplaced entry,
 * with a located message instead of a file system error's stack trace.
 */
import { constants, closeSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { DataError } from './data-error.ts';
import { decodeUtf8 } from './utf8.ts';

/** The data directory: `$DATA_DIR`, or `data/` under the current directory. */
export function dataDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(environment.DATA_DIR || 'data');
}

/**
 * The build's clock, in ms since the epoch: `$BUILD_CLOCK` (an ISO 8601
 * instant, for tests and for rebuilding old data as of a given day) or the
 * system clock. It only decides which probes are refused as "in the future";
 * nothing built depends on it, so builds stay deterministic.
 */
export function buildClock(environment: NodeJS.ProcessEnv = process.env): number {
  const text = environment.BUILD_CLOCK;
  if (!text) return Date.now();
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)
    ? Date.parse(text)
    : Number.NaN;
  if (Number.isNaN(instant))
    throw new DataError('BUILD_CLOCK', 0, `"${text}" is not an instant such as 2026-05-18T10:00:00Z`);
  return instant;
}

export function registryPath(dataDir: string): string {
  return path.join(dataDir, 'procedures.csv');
}

/** The directory of every procedure's month files. */
export function probesRoot(dataDir: string): string {
  return path.join(dataDir, 'probes');
}

/** The directory of a procedure's month files. */
export function procedureProbeDirectory(dataDir: string, department: string, slug: string): string {
  return path.join(probesRoot(dataDir), department, slug);
}

/** `probes/{department}/{slug}/{YYYY-MM}.csv` under the data directory. */
export function monthFilePath(dataDir: string, department: string, slug: string, month: string): string {
  return path.join(procedureProbeDirectory(dataDir, department, slug), `${month}.csv`);
}

/** The directory of a procedure's volunteer observations (kept apart from the probes). */
export function procedureObservationDirectory(dataDir: string, department: string, slug: string): string {
  return path.join(dataDir, 'observations', department, slug);
}

/** `observations/{department}/{slug}/{YYYY-MM}.csv` under the data directory. */
export function observationFilePath(dataDir: string, department: string, slug: string, month: string): string {
  return path.join(procedureObservationDirectory(dataDir, department, slug), `${month}.csv`);
}

/** The largest data file read, in bytes: a month of hourly probes is about 250 kB, the registry far less. */
const MAX_DATA_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Reads a data file as strict UTF-8. Refuses a symbolic link, a directory or
 * anything but a plain file, a file over MAX_DATA_FILE_BYTES and bytes that
 * are not UTF-8, each with a DataError on the file.
 */
export function readDataFile(file: string): string {
  return decodeUtf8(readDataBytes(file), file);
}

/**
 * The bytes of a data file, with the checks of readDataFile but not yet
 * decoded: a month file whose digest is already known need not be decoded.
 */
export function readDataBytes(file: string): Buffer {
  let descriptor: number;
  try {
    // O_NOFOLLOW: a link swapped in after a directory listing is refused too.
    descriptor = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    throw new DataError(file, 0, fileSystemReason(error, 'file'), { cause: error });
  }
  try {
    const stats = fstatSync(descriptor);
    if (stats.isDirectory()) throw new DataError(file, 0, 'a directory stands where a file is expected');
    if (!stats.isFile()) throw new DataError(file, 0, 'not a plain file (data files are plain UTF-8 CSV files)');
    if (stats.size > MAX_DATA_FILE_BYTES) {
      throw new DataError(
        file,
        0,
        `the file is ${stats.size.toLocaleString('en')} bytes long; a data file holds at most ${MAX_DATA_FILE_BYTES.toLocaleString('en')}`,
      );
    }
    return readFileSync(descriptor);
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(file, 0, fileSystemReason(error, 'file'), { cause: error });
  } finally {
    closeSync(descriptor);
  }
}

/**
 * The entries of a directory of the data tree, dot-files left out (lock and
 * temporary files). Refuses the directory when it is a link or not a
 * directory, and any entry that is a symbolic link.
 */
export function readDataDirectory(directory: string): Dirent[] {
  let entries: Dirent[];
  try {
    const stats = lstatSync(directory);
    if (stats.isSymbolicLink()) throw new DataError(directory, 0, SYMLINK_REASON);
    if (!stats.isDirectory()) throw new DataError(directory, 0, 'a file stands where a directory is expected');
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(directory, 0, fileSystemReason(error, 'directory'), { cause: error });
  }
  const visible = entries
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const link = visible.find((entry) => entry.isSymbolicLink());
  if (link) throw new DataError(path.join(directory, link.name), 0, SYMLINK_REASON);
  return visible;
}

const SYMLINK_REASON =
  'a symbolic link: the data tree holds plain directories and files only (copy the data instead of linking it)';

/** True for a Node.js system error, which carries a `code` such as ENOENT. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** A file system error in plain words, for a message located on the path. */
function fileSystemReason(error: unknown, expected: 'file' | 'directory'): string {
  const code = isSystemError(error) ? error.code : undefined;
  switch (code) {
    case 'ENOENT':
      return `${expected} not found`;
    case 'ELOOP':
      return SYMLINK_REASON;
    case 'EISDIR':
      return 'a directory stands where a file is expected';
    case 'ENOTDIR':
      return 'a file stands where a directory is expected on this path';
    case 'EACCES':
    case 'EPERM':
      return `the ${expected} cannot be read (permission denied)`;
    default:
      return `the ${expected} cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
}
