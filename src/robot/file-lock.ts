/**
 * Exclusive locks between processes, as a lock file created with O_EXCL that
 * names its holder. A lock left by a process that died (crash, kill -9) on
 * this machine is stale and taken over; so is one older than `staleMs`. Lock
 * names start with a dot and end in `.tmp`: data readers skip them and git
 * ignores them, even when a kill leaves one behind.
 */
import fs from 'node:fs';
import os from 'node:os';
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
      takeOver(file, current);
      continue;
    }
    if (Date.now() >= deadline) throw new LockBusyError(file, `process ${current.pid} on ${current.host} since ${new Date(current.since).toISOString()}`);
    await sleep(pause);
  }
}

function release(file: string, token: string): void {
  const current = readHolder(file);
  if (typeof current === 'object' && current.token === token) fs.rmSync(file, { force: true });
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
    return Date.now() - stat.mtimeMs > 1_000 ? 'unreadable' : { pid: -1, host: 'this machine (lock being written)', since: Date.now(), token: '' };
  }
}

/** Dead holder on this machine, or too old. */
function isStale(holder: Holder, staleMs: number): boolean {
  if (holder.pid < 0) return false;
  if (Date.now() - holder.since > staleMs) return true;
  return holder.host === os.hostname() && !isAlive(holder.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Removes a stale lock, unless another process replaced it in the meantime. */
function takeOver(file: string, seen: Holder | 'unreadable'): void {
  const again = readHolder(file);
  if (again === 'gone') return;
  if (seen === 'unreadable' ? again === 'unreadable' : typeof again === 'object' && again.token === seen.token && again.pid === seen.pid) {
    fs.rmSync(file, { force: true });
  }
}
