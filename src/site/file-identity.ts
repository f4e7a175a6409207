/**
 * What git already knows about the data files, so that one more hour of
 * probes does not read and hash every month file of ten years. Git's index
 * holds each tracked file's blob id (a hash of its content), and `git
 * ls-files -m` tells which working copies differ from it, with git's own
 * guard against a file changed in the same second as the index was written
 * ("racy clean": such a file's content is compared, not its stat data). A
 * fresh checkout in a workflow has a fresh index, so the blob id is the
 * identity that survives from one run to the next (stat data do not).
 *
 * Only files that git tracks, with no merge conflict, that it does not skip
 * (assume-unchanged, skip-worktree) and whose working copy it finds
 * unmodified get a blob id. Anything else (a modified or untracked file, a
 * data directory outside a repository, git missing or failing) gets none, and
 * the build reads and hashes the file: a doubt only costs time.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';

/** Blob ids of a data directory's unmodified tracked files, by absolute path. */
export type BlobIds = ReadonlyMap<string, string>;

/** Runs git with arguments in a directory and returns its standard output; throws when git fails or is missing. */
export type GitRunner = (directory: string, args: readonly string[]) => Buffer;

/** Settings that could make git trust a changed file: forced back to git's careful defaults. */
const CAREFUL = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.checkStat=default',
  '-c',
  'core.trustctime=true',
  '-c',
  'core.ignoreStat=false',
];

/** The blob id of empty content in both object formats: also what `git add -N` records, never trusted. */
const EMPTY_BLOBS = new Set([
  'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391',
  '473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813',
]);

/** Runs the git on PATH, without the caller's GIT_* variables (a hook's GIT_DIR would point at another tree). */
export const runGit: GitRunner = (directory, args) => {
  const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));
  return execFileSync('git', ['-C', directory, ...CAREFUL, ...args], {
    env: { ...environment, GIT_OPTIONAL_LOCKS: '0' },
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
};

/**
 * Blob ids of the unmodified tracked files under `subdirectory` of
 * `directory`, by absolute path; empty when git cannot vouch for any.
 */
export function unmodifiedBlobIds(directory: string, subdirectory: string, git: GitRunner = runGit): BlobIds {
  const blobs = new Map<string, string>();
  try {
    // `-v` tags each entry: `H` for an ordinary cached file, lower case (assume-unchanged) or `S` (skip-worktree) otherwise.
    for (const record of nulSeparated(git(directory, ['ls-files', '-s', '-v', '-z', '--', subdirectory]))) {
      const match = /^H (100644|100755) ([0-9a-f]{40}|[0-9a-f]{64}) 0\t(.+)$/s.exec(record);
      if (match && !EMPTY_BLOBS.has(match[2]!)) blobs.set(path.join(directory, match[3]!), match[2]!);
    }
    // Modified or deleted working copies, compared as git compares them (content when the stat data are racy).
    for (const file of nulSeparated(git(directory, ['ls-files', '-m', '-z', '--', subdirectory])))
      blobs.delete(path.join(directory, file));
  } catch {
    return new Map();
  }
  return blobs;
}

/** The records of a `-z` output. */
function nulSeparated(output: Buffer): string[] {
  return output
    .toString('utf8')
    .split('\0')
    .filter((record) => record !== '');
}

/** The blob id git gives these bytes, in the object format of `like` (SHA-1 or SHA-256, told by its length). */
export function blobIdOf(bytes: Uint8Array, like: string): string {
  return createHash(like.length === 64 ? 'sha256' : 'sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}
