/**
 * The version of one month's data: the start of the SHA-256 of its file
 * `probes/{department}/{slug}/{YYYY-MM}.csv`, exactly as versioned. A closed
 * month's file never changes, so a citation of March 2018 quoting this
 * version stays true after April is added, and anyone can check it with
 * `sha256sum data/probes/93/…/2018-03.csv` (the first 12 characters).
 */
import { createHash } from 'node:crypto';
import { parisClock } from './calendar.ts';

/** How many hexadecimal characters of the digest a version shows (as the dataset version does). */
const VERSION_LENGTH = 12;

/** Full SHA-256 (hex) of a month file: its bytes, or its text encoded as UTF-8 (the same for a valid file). */
export function monthFileDigest(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The short version shown to readers. */
export function versionOfDigest(digest: string): string {
  return digest.slice(0, VERSION_LENGTH);
}

/**
 * Whether a month is closed: the data were compiled in a later month (Paris
 * time), so the robot will never add a probe to it. Without data, nothing is closed.
 */
export function isClosedMonth(month: string, compiledAt: number | null): boolean {
  return compiledAt !== null && month < parisClock(new Date(compiledAt)).day.slice(0, 7);
}

/**
 * The version of several month files at once (a procedure's, a department's):
 * the start of the SHA-256 of what `sha256sum` prints for them, one line
 * `digest  name` per file in bytewise order of name (`LC_ALL=C`). Anyone can
 * check it in the data repository, e.g. for a procedure
 * `cd data/probes/93/titre-sejour && sha256sum *.csv | sha256sum`; for a
 * department the same in `data/probes/93` over the files of every procedure
 * directory, named `slug/YYYY-MM.csv` (see data/README.md).
 * It changes when one of these files changes, and only then.
 */
export function filesVersion(files: ReadonlyArray<{ name: string; digest: string }>): string {
  const lines = [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name, digest }) => `${digest}  ${name}\n`);
  return versionOfDigest(createHash('sha256').update(lines.join('')).digest('hex'));
}
