/**
 * The record of one month's evidence archive, `evidence/{YYYY-MM}.json` in the
 * data directory: which archive the workflow published as a GitHub Release
 * asset, its size and SHA-256, and how many pages it holds. The archive
 * itself lives outside the repository (the pages would make it grow without
 * end); this small versioned file lets anyone check that the archive they
 * download is the one released, and lets the month page link it. Only the
 * evidence workflow writes these files, from the archive it uploaded.
 */
import path from 'node:path';
import { z } from 'zod';
import { DataError } from './data-error.ts';
import { readDataFile } from './data-directory.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The release tag of a month's archive: `evidence-2026-10`. */
export const evidenceTag = (month: string) => `evidence-${month}`;

/** The archive's file name: `evidence-2026-10.tar` (an uncompressed tar: the pages inside are gzipped already). */
export const evidenceAssetName = (month: string) => `${evidenceTag(month)}.tar`;

/** GitHub wants each release asset under 2 GiB (uploads of exactly that size are reported to fail): 2 GB keeps a margin. */
export const MAX_RELEASE_ASSET_BYTES = 2_000_000_000;

export const evidenceRecordSchema = z
  .strictObject({
    /** The Paris month whose probes' pages the archive holds, `YYYY-MM`. */
    month: z.string().regex(MONTH, 'a month such as 2026-10'),
    /** The GitHub Release tag the archive is attached to: `evidence-{month}`. */
    tag: z.string(),
    /** The archive's file name in that release: `evidence-{month}.tar`. */
    asset: z.string(),
    /** The archive's size in bytes. */
    bytes: z.number().int().positive().max(MAX_RELEASE_ASSET_BYTES),
    /** SHA-256 of the whole archive, lowercase hex (`sha256sum evidence-2026-10.tar`). */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hexadecimal digits'),
    /** Probes whose manifest the archive holds (a probe that received no page has a manifest and no page). */
    probes: z.number().int().nonnegative(),
    /** Pages (`.html.gz`) the archive holds. */
    pages: z.number().int().nonnegative(),
    /** Pages by procedure, `{department}/{slug}` → count, for the procedures that have any. */
    pages_by_procedure: z.record(
      z.string().regex(/^[0-9AB]{2,3}\/[a-z0-9]+(-[a-z0-9]+)*$/),
      z.number().int().positive(),
    ),
  })
  .refine((record) => record.tag === evidenceTag(record.month), {
    message: 'tag must be evidence-{month}',
    path: ['tag'],
  })
  .refine((record) => record.asset === evidenceAssetName(record.month), {
    message: 'asset must be evidence-{month}.tar',
    path: ['asset'],
  })
  .refine(
    (record) => Object.values(record.pages_by_procedure).reduce((sum, count) => sum + count, 0) === record.pages,
    {
      message: 'pages_by_procedure must add up to pages',
      path: ['pages_by_procedure'],
    },
  );

export type EvidenceRecord = z.infer<typeof evidenceRecordSchema>;

/** The directory of the records under the data directory. */
export const evidenceRecordDirectory = (dataDir: string) => path.join(dataDir, 'evidence');

/** `evidence/{YYYY-MM}.json` under the data directory. */
export const evidenceRecordPath = (dataDir: string, month: string) =>
  path.join(evidenceRecordDirectory(dataDir), `${month}.json`);

/** The record as written: stable key order, two-space indent, final newline. */
export function formatEvidenceRecord(record: EvidenceRecord): string {
  const ordered: EvidenceRecord = {
    month: record.month,
    tag: record.tag,
    asset: record.asset,
    bytes: record.bytes,
    sha256: record.sha256,
    probes: record.probes,
    pages: record.pages,
    pages_by_procedure: Object.fromEntries(
      Object.entries(record.pages_by_procedure).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Validates a record's text; throws a DataError on the file with the first problem. */
export function parseEvidenceRecord(text: string, file: string, month: string): EvidenceRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataError(file, 0, `not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = evidenceRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DataError(file, 0, `${issue.path.join('.') || 'record'}: ${issue.message}`);
  }
  if (parsed.data.month !== month)
    throw new DataError(file, 0, `the record of ${parsed.data.month} is filed under ${month}`);
  return parsed.data;
}

/** The month's record, or null when the month's archive has not been released. */
export function readEvidenceRecord(dataDir: string, month: string): EvidenceRecord | null {
  const file = evidenceRecordPath(dataDir, month);
  let text: string;
  try {
    text = readDataFile(file);
  } catch (error) {
    if (error instanceof DataError && error.reason === 'file not found') return null;
    throw error;
  }
  return parseEvidenceRecord(text, file, month);
}
