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
