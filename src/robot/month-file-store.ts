/**
 * Appending probes to month files, `probes/{department}/{slug}/{YYYY-MM}.csv`.
 *
 * An append is atomic and idempotent: under a per-file lock the current file
 * is read and validated with the foundation's parseMonthFile, a row whose
 * instant is already there is skipped, and the whole new content (validated
 * again) replaces the file by rename. A crash at any moment leaves the old
 * file or the new one, never a truncated or duplicated row.
 */
import path from 'node:path';
import { formatCsv } from '../lib/csv.ts';
import { DataError } from '../lib/data-error.ts';
import { monthFilePath } from '../lib/data-directory.ts';
import {
  formatProbeLines,
  parseMonthFile,
  ROBOT_COLUMNS,
  validateProbe,
  type Probe,
  type ProbeRow,
} from '../lib/probe.ts';
import { describeFileError, realFileSystem, writeFileAtomic, type FileSystem } from './atomic-file.ts';
import { LockBusyError, withLock } from './file-lock.ts';

/** A data file could not be read or written: the robot's problem, not the prefecture's. */
export class StoreError extends Error {
  /** `cause`: the file system error behind it, kept for whoever debugs. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export interface StoreOptions {
  /** Injectable file operations (tests simulate a full or read-only disk). */
  files?: FileSystem;
  /** How long to wait for another writer of the same file. */
  lockWaitMs?: number;
}

export type AppendStatus = 'written' | 'duplicate';

/** The lock file of a month file: a dot-file ending in `.tmp`, skipped by readers and ignored by git. */
export function monthLockPath(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.lock.tmp`);
}

/** Where a probe row belongs: its month file (Paris month of probed_at). */
function monthFileOf(
  dataDir: string,
  department: string,
  slug: string,
  row: ProbeRow,
): { file: string; month: string; probe: Probe } {
  const probe = validateProbe(row);
  if (typeof probe === 'string')
    throw new StoreError(`refusing to write an invalid probe for ${department}/${slug}: ${probe}`);
  const month = probe.day.slice(0, 7);
  return { file: monthFilePath(dataDir, department, slug, month), month, probe };
}

/** The text of a data file under a lock, or null when it does not exist yet; a read error is a StoreError. */
export function readStoredText(file: string, files: FileSystem): string | null {
  try {
    if (!files.existsSync(file)) return null;
    return files.readFileSync(file, 'utf8') as string;
  } catch (error) {
    throw new StoreError(describeFileError('read', file, error), { cause: error });
  }
}

/** Reads a month file if it exists; throws DataError when it is invalid. */
function readMonth(
  file: string,
  month: string,
  files: FileSystem,
): { text: string; header: string[]; probes: Probe[] } | null {
  const text = readStoredText(file, files);
  return text === null ? null : { text, ...parseMonthFile(text, file, month) };
}

/**
 * Whether the month file already holds a probe at this row's instant, so that
 * the probe need not run. A quick textual check: a valid file writes each
 * instant in exactly one way (Paris time with Paris's offset), so the line
 * starts with that text; appendProbe checks again, fully, under the lock.
 */
export function hasProbe(
  dataDir: string,
  department: string,
  slug: string,
  row: ProbeRow,
  options: StoreOptions = {},
): boolean {
  const files = options.files ?? realFileSystem;
  const { file } = monthFileOf(dataDir, department, slug, row);
  let text: string;
  try {
    if (!files.existsSync(file)) return false;
    text = files.readFileSync(file, 'utf8') as string;
  } catch (error) {
    throw new StoreError(describeFileError('read', file, error), { cause: error });
  }
  return text.includes(`\n${row.probed_at},`) || text.includes(`\n"${row.probed_at}",`);
}

/**
 * Appends one probe to its month file. Returns `duplicate` without writing
 * when a probe with the same instant is already recorded. A new file gets
 * the robot's header; an existing one keeps its column order.
 */
export async function appendProbe(
  dataDir: string,
  department: string,
  slug: string,
  row: ProbeRow,
  options: StoreOptions = {},
): Promise<AppendStatus> {
  const files = options.files ?? realFileSystem;
  const { file, month, probe } = monthFileOf(dataDir, department, slug, row);
  try {
    files.mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw new StoreError(describeFileError('create the directory of', file, error), { cause: error });
  }
  const lock = monthLockPath(file);
  return withLock(lock, { waitMs: options.lockWaitMs ?? 30_000, staleMs: 120_000 }, () => {
    const existing = readMonth(file, month, files);
    if (existing?.probes.some((other) => other.instant === probe.instant)) return 'duplicate';
    const header = existing?.header ?? [...ROBOT_COLUMNS];
    const headerLine = formatCsv([header]);
    const line = formatProbeLines([row], header);
    // The existing rows are valid (read above): checking the new line under the same header is enough.
    parseMonthFile(headerLine + line, file, month);
    const content =
      (existing ? (existing.text.endsWith('\n') ? existing.text : `${existing.text}\n`) : headerLine) + line;
    try {
      writeFileAtomic(file, content, files);
    } catch (error) {
      throw new StoreError(describeFileError('write', file, error), { cause: error });
    }
    return 'written';
  }).catch((error: unknown) => {
    if (error instanceof StoreError || error instanceof DataError || error instanceof LockBusyError) throw error;
    throw new StoreError(describeFileError('lock', file, error), { cause: error });
  });
}

/**
 * Appends many probes of one procedure at once, one atomic write per month
 * file, with the same lock, duplicate check and validation as appendProbe.
 * For history written in bulk (the demonstration's modelled months), where
 * one write per row would rewrite each month file hundreds of times.
 * Returns how many rows were written (rows already recorded are skipped).
 */
export async function appendProbes(
  dataDir: string,
  department: string,
  slug: string,
  rows: readonly ProbeRow[],
  options: StoreOptions = {},
): Promise<number> {
  const files = options.files ?? realFileSystem;
  const byFile = new Map<string, { month: string; entries: { row: ProbeRow; probe: Probe }[] }>();
  for (const row of rows) {
    const { file, month, probe } = monthFileOf(dataDir, department, slug, row);
    const group = byFile.get(file) ?? { month, entries: [] };
    group.entries.push({ row, probe });
    byFile.set(file, group);
  }
  let written = 0;
  for (const [file, { month, entries }] of byFile) {
    try {
      files.mkdirSync(path.dirname(file), { recursive: true });
    } catch (error) {
      throw new StoreError(describeFileError('create the directory of', file, error), { cause: error });
    }
    written += await withLock(monthLockPath(file), { waitMs: options.lockWaitMs ?? 30_000, staleMs: 120_000 }, () => {
      const existing = readMonth(file, month, files);
      const seen = new Set(existing?.probes.map((probe) => probe.instant));
      const fresh = entries.filter(({ probe }) => !seen.has(probe.instant) && seen.add(probe.instant));
      if (fresh.length === 0) return 0;
      const header = existing?.header ?? [...ROBOT_COLUMNS];
      const headerLine = formatCsv([header]);
      const lines = formatProbeLines(
        fresh.map(({ row }) => row),
        header,
      );
      parseMonthFile(headerLine + lines, file, month);
      const content =
        (existing ? (existing.text.endsWith('\n') ? existing.text : `${existing.text}\n`) : headerLine) + lines;
      try {
        writeFileAtomic(file, content, files);
      } catch (error) {
        throw new StoreError(describeFileError('write', file, error), { cause: error });
      }
      return fresh.length;
    });
  }
  return written;
}
