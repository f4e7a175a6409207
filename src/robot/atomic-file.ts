/**
 * Writing a whole file so that readers see either the old content or the new
 * one, never a mix: write a temporary file in the same directory, flush it to
 * disk, rename it over the target, flush the directory. Temporary names start
 * with a dot and end in `.tmp`, which data readers skip and git ignores.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isAlive } from './file-lock.ts';

/** The file operations used, injectable so that tests can simulate a full disk. */
export type FileSystem = Pick<
  typeof fs,
  | 'openSync'
  | 'writeSync'
  | 'fsyncSync'
  | 'closeSync'
  | 'renameSync'
  | 'unlinkSync'
  | 'mkdirSync'
  | 'readFileSync'
  | 'existsSync'
>;

export const realFileSystem: FileSystem = fs;

/** A temporary name next to `file`, unique to this process and call. */
export function temporaryPath(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Replaces `file` with `content` atomically; on error the old file is
 * untouched and the temporary removed. `syncDirectory: false` leaves the
 * directory flush to the caller, who writes several files into it.
 */
export function writeFileAtomic(
  file: string,
  content: string | Uint8Array,
  files: FileSystem = realFileSystem,
  options: { syncDirectory?: boolean } = {},
): void {
  removeOrphanedTemporaries(path.dirname(file));
  const temporary = temporaryPath(file);
  let descriptor: number | null = null;
  try {
    descriptor = files.openSync(temporary, 'wx', 0o644);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let written = 0;
    while (written < bytes.length) written += files.writeSync(descriptor, bytes, written, bytes.length - written);
    files.fsyncSync(descriptor);
    files.closeSync(descriptor);
    descriptor = null;
    files.renameSync(temporary, file);
  } catch (error) {
    if (descriptor !== null) {
      try {
        files.closeSync(descriptor);
      } catch {
        // Already failing: the first error is the one to report.
      }
    }
    try {
      files.unlinkSync(temporary);
    } catch {
      // The temporary may not exist; nothing else to clean.
    }
    throw error;
  }
  if (options.syncDirectory !== false) syncDirectory(path.dirname(file), files);
}

/** A temporary of temporaryPath (or a stale lock moved aside): `.{name}.{pid}-{8 hex}.tmp`. */
const TEMPORARY_NAME = /^\..+\.(\d+)-[0-9a-f]{8}\.tmp$/;

/** A takeover marker of the file lock: `.{lock}.takeover-{key}.tmp`. */
const MARKER_NAME = /^\..+\.takeover-[\w-]+\.tmp$/;

/** Past this age a temporary is orphaned even if its pid is alive again (pids are reused). */
const ORPHAN_AGE_MS = 60 * 60 * 1000;

/**
 * Removes the temporaries that killed writes left in `directory`: those of a
 * process of this machine that is gone, and any older than an hour; takeover
 * markers older than an hour too. The next writer of a directory cleans it,
 * so a kill -9 leaves litter for one round at most. Best effort: a file that
 * cannot be removed stays for the next writer.
 */
export function removeOrphanedTemporaries(directory: string, now = Date.now()): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(directory);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const temporary = TEMPORARY_NAME.exec(name);
    if (!temporary && !MARKER_NAME.test(name)) continue;
    const file = path.join(directory, name);
    const pid = temporary ? Number(temporary[1]) : null;
    if (pid === process.pid) continue;
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    const orphaned = now - stat.mtimeMs > ORPHAN_AGE_MS || (pid !== null && !isAlive(pid));
    if (!orphaned) continue;
    try {
      fs.unlinkSync(file);
      removed.push(name);
    } catch {
      // Removed by another writer meanwhile, or not ours to remove.
    }
  }
  return removed;
}

/** Flushes a directory's entries (renames) to disk; not every platform allows it, so failures are ignored. */
export function syncDirectory(directory: string, files: FileSystem): void {
  try {
    const descriptor = files.openSync(directory, 'r');
    try {
      files.fsyncSync(descriptor);
    } finally {
      files.closeSync(descriptor);
    }
  } catch {
    // Best effort: the data are already renamed into place.
  }
}

const ERROR_WORDS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'a file is in the way',
  EISDIR: 'a directory is in the way',
  EIO: 'input/output error',
};

/** A file-system error in plain words, with its code: "cannot write X: the disk is full (ENOSPC)". */
export function describeFileError(action: string, file: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  const words = code ? ERROR_WORDS[code] : undefined;
  return `cannot ${action} ${file}: ${words ?? (error instanceof Error ? error.message : String(error))}${code ? ` (${code})` : ''}`;
}
