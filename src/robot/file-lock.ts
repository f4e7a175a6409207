/**
 * Exclusive locks between processes, as a lock file created with O_EXCL that
 * names its holder. A lock left by a process that died (crash, kill -9) on
 * this machine is stale and taken over; so is one older than `staleMs`. Lock
 * names start with a dot and end in `.tmp`: data readers skip them and git
 * ignores them, even when a kill leaves one behind.
 *
 * Taking a stale lock over is atomic: many processes may judge the same lock
 * stale at once, and none may remove a fresh lock taken in between. Only the
 * process that creates the takeover marker of that stale holder (O_EXCL) may
 * move the lock, and it moves it by renaming it to a unique name, checks that
 * what it moved is the holder it judged, and removes it; then everyone races
 * to create the lock, which O_EXCL lets only one win. A holder releasing its
 * own lock takes the same marker, so a release and a takeover never cross.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { realSleep, type Sleep } from './host-gate.ts';

export class LockBusyError extends Error {
  constructor(
    readonly file: string,
    readonly holder: string,
  ) {
    super(`${file} is held by ${holder}`);
    this.name = 'LockBusyError';
  }
}

export interface LockOptions {
  /** How long to wait for a busy lock; 0 fails at once. */
  waitMs: number;
  /** A lock older than this is taken over even if its holder seems alive. */
  staleMs: number;
  sleep?: Sleep;
}

interface Holder {
  pid: number;
  host: string;
  since: number;
  token: string;
}

/** Runs `task` holding the lock file `file`. */
export async function withLock<T>(file: string, options: LockOptions, task: () => Promise<T> | T): Promise<T> {
  const token = await acquire(file, options);
  try {
    return await task();
  } finally {
    release(file, token);
  }
}

async function acquire(file: string, { waitMs, staleMs, sleep = realSleep }: LockOptions): Promise<string> {
  const deadline = Date.now() + waitMs;
  const token = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const holder: Holder = { pid: process.pid, host: os.hostname(), since: Date.now(), token };
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      const descriptor = fs.openSync(file, 'wx', 0o644);
      try {
        fs.writeSync(descriptor, JSON.stringify(holder));
      } finally {
        fs.closeSync(descriptor);
      }
      return token;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
    const current = readHolder(file);
    if (current === 'gone') continue;
    if (current === 'unreadable' || isStale(current, staleMs)) {
      // Another process taking it over: let it finish rather than spin.
      if (!takeOver(file, current)) await sleep(1);
      continue;
    }
    if (Date.now() >= deadline)
      throw new LockBusyError(
        file,
        `process ${current.pid} on ${current.host} since ${new Date(current.since).toISOString()}`,
      );
    await sleep(pause);
  }
}

/** Removes our own lock, unless a takeover of it is under way (the taker removes it). */
function release(file: string, token: string): void {
  withMarker(file, `t${token}`, () => {
    const current = readHolder(file);
    if (typeof current === 'object' && current.token === token) fs.rmSync(file, { force: true });
  });
}

function readHolder(file: string): Holder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return 'gone';
  }
  try {
    const holder = JSON.parse(text) as Holder;
    return typeof holder.pid === 'number' && typeof holder.since === 'number' ? holder : 'unreadable';
  } catch {
    // A holder killed between creating and writing the file leaves it empty;
    // give it a moment's benefit of the doubt through its age.
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) return 'gone';
    return Date.now() - stat.mtimeMs > 1_000
      ? 'unreadable'
      : { pid: -1, host: 'this machine (lock being written)', since: Date.now(), token: '' };
  }
}

/** Dead holder on this machine, or too old. */
function isStale(holder: Holder, staleMs: number): boolean {
  if (holder.pid < 0) return false;
  if (Date.now() - holder.since > staleMs) return true;
  return holder.host === os.hostname() && !isAlive(holder.pid);
}

/** Whether a process of this machine is alive (EPERM: alive, someone else's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** A takeover marker older than this was left by a process killed while taking over: it is removed. */
const MARKER_STALE_MS = 10_000;

/** The name of the takeover marker of one holder of `file` (a dot-file ending in `.tmp`, like the lock). */
export function markerPath(file: string, key: string): string {
  return `${file.replace(/\.tmp$/, '')}.takeover-${key.replace(/[^\w-]/g, '_')}.tmp`;
}

/**
 * Runs `task` holding the takeover marker of holder `key`; does nothing when
 * another process holds it (it is doing the same work). Returns whether the
 * task ran.
 */
function withMarker(file: string, key: string, task: () => void): boolean {
  const marker = markerPath(file, key);
  try {
    fs.closeSync(fs.openSync(marker, 'wx', 0o644));
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
    const stat = fs.statSync(marker, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > MARKER_STALE_MS) fs.rmSync(marker, { force: true });
    return false;
  }
  try {
    task();
    return true;
  } finally {
    fs.rmSync(marker, { force: true });
  }
}

/** Who a lock file names, as a key: the holder's token, or the file's identity when unreadable. */
function holderKey(file: string, holder: Holder | 'unreadable'): string | null {
  if (holder !== 'unreadable') return `t${holder.token || holder.pid}`;
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? `u${stat.ino}-${Math.round(stat.mtimeMs)}` : null;
}

/**
 * Takes a stale lock over: under the marker of the stale holder, renames the
 * lock to a unique name, and removes it if it is that holder; a fresh lock
 * moved by mistake is put back (link fails if another took its place).
 */
function takeOver(file: string, seen: Holder | 'unreadable'): boolean {
  const key = holderKey(file, seen);
  if (key === null) return true;
  return withMarker(file, key, () => {
    const again = readHolder(file);
    if (again === 'gone' || holderKey(file, again) !== key) return;
    const moved = path.join(
      path.dirname(file),
      `.${path.basename(file).replace(/^\./, '')}.stale.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
    );
    try {
      fs.renameSync(file, moved);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return;
      throw error;
    }
    const movedHolder = readHolder(moved);
    if (movedHolder !== 'gone' && holderKey(moved, movedHolder) !== key) {
      try {
        fs.linkSync(moved, file);
      } catch {
        // Another process holds the lock now; the moved one was not ours to judge.
      }
    }
    fs.rmSync(moved, { force: true });
  });
}
