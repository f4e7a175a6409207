/**
 * One Astro build at a time per checkout. When the output folder lies outside
 * the project (every test build, `OUT_DIR=/tmp/…`), Astro writes its
 * prerender chunks to the project's own `.astro/` folder, the same for every
 * build: two builds at once then delete or overwrite each other's chunks and
 * one fails with `ERR_MODULE_NOT_FOUND`. The lock is a folder (created
 * atomically) holding the holder's pid; a holder that died is replaced.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** True when the process named in the lock no longer runs (or the lock names none after a grace period). */
function holderGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    return false; // Just created: its holder is writing its pid.
  }
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Runs `work` while holding `<directory>/build.lock`, waiting for any other build of this checkout to end. */
export async function withBuildLock<T>(directory: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(directory, 'build.lock');
  mkdirSync(directory, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (holderGone(lock)) rmSync(lock, { recursive: true, force: true });
      else await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
