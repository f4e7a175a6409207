/**
 * The record of one month's evidence archive, `evidence/{YYYY-MM}.json` in the
 * data directory: which archive the workflow published as a GitHub Release
 * asset, its size and SHA-256, and how many pages it holds. The archive
 * itself lives outside the repository (the pages would make it grow without
 * end). A month larger than one release asset may hold is split in parts,
 * each a complete archive with its own manifest, size and SHA-256. This small versioned file lets anyone check that the archive they
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

/**
 * The file name of part `n` (from 1) of a month split in `count` archives,
 * `evidence-2026-10.part2-of-3.tar`: each part's name says how many there are,
 * so a missing part is seen.
 */
export const evidencePartName = (month: string, part: number, count: number) =>
  `${evidenceTag(month)}.part${part}-of-${count}.tar`;

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hexadecimal digits');

/** Pages by procedure, `{department}/{slug}` → count, for the procedures that have any. */
const pagesByProcedureSchema = z.record(
  z.string().regex(/^[0-9AB]{2,3}\/[a-z0-9]+(-[a-z0-9]+)*$/),
  z.number().int().positive(),
);

/** One archive of a month split in parts, each a complete archive of its own with its own manifest. */
export const evidencePartSchema = z.strictObject({
  /** The part's file name in the release: `evidence-{month}.part{n}-of-{count}.tar`, n from 1. */
  asset: z.string(),
  /** The part's size in bytes, under GitHub's limit for one asset. */
  bytes: z.number().int().positive().max(MAX_RELEASE_ASSET_BYTES),
  /** SHA-256 of the part, lowercase hex (`sha256sum evidence-2026-10.part1-of-3.tar`). */
  sha256: sha256Schema,
  /** Probes whose manifest the part holds. */
  probes: z.number().int().nonnegative(),
  /** Pages (`.html.gz`) the part holds. */
  pages: z.number().int().nonnegative(),
  /** The part's pages by procedure (a procedure's pages may run over two consecutive parts). */
  pages_by_procedure: pagesByProcedureSchema,
});

export type EvidencePart = z.infer<typeof evidencePartSchema>;

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** Whether the parts' pages by procedure add up to the month's. */
function partsAddUp(record: {
  pages_by_procedure: Record<string, number>;
  parts?: EvidencePart[] | undefined;
}): boolean {
  if (!record.parts) return true;
  const total: Record<string, number> = {};
  for (const part of record.parts)
    for (const [procedure, count] of Object.entries(part.pages_by_procedure))
      total[procedure] = (total[procedure] ?? 0) + count;
  const keys = Object.keys(record.pages_by_procedure);
  return (
    keys.length === Object.keys(total).length &&
    keys.every((procedure) => total[procedure] === record.pages_by_procedure[procedure])
  );
}

export const evidenceRecordSchema = z
  .strictObject({
    /** The Paris month whose probes' pages the archive holds, `YYYY-MM`. */
    month: z.string().regex(MONTH, 'a month such as 2026-10'),
    /** The GitHub Release tag the archive (or its parts) is attached to: `evidence-{month}`. */
    tag: z.string(),
    /** The archive's file name in that release, `evidence-{month}.tar`; absent when the month is split in `parts`. */
    asset: z.string().optional(),
    /** The archive's size in bytes (the parts' total when split). */
    bytes: z.number().int().positive(),
    /** SHA-256 of the whole archive, lowercase hex (`sha256sum evidence-2026-10.tar`); absent when split in `parts`. */
    sha256: sha256Schema.optional(),
    /** Probes whose manifest the archive holds (a probe that received no page has a manifest and no page). */
    probes: z.number().int().nonnegative(),
    /** Pages (`.html.gz`) the archive holds. */
    pages: z.number().int().nonnegative(),
    /** Pages by procedure, `{department}/{slug}` → count, for the procedures that have any. */
    pages_by_procedure: pagesByProcedureSchema,
    /** The archives of a month too large for one release asset, in order (at least two); absent otherwise. */
    parts: z.array(evidencePartSchema).min(2).optional(),
  })
  .refine((record) => record.tag === evidenceTag(record.month), {
    message: 'tag must be evidence-{month}',
    path: ['tag'],
  })
  .refine(
    (record) =>
      record.parts
        ? record.asset === undefined && record.sha256 === undefined
        : record.asset === evidenceAssetName(record.month) && record.sha256 !== undefined,
    {
      message: 'asset must be evidence-{month}.tar, with its sha256 (both absent when the month is split in parts)',
      path: ['asset'],
    },
  )
  .refine((record) => record.parts !== undefined || record.bytes <= MAX_RELEASE_ASSET_BYTES, {
    message: 'one archive must stay under the release asset limit (2 GB); a larger month is split in parts',
    path: ['bytes'],
  })
  .refine(
    (record) =>
      (record.parts ?? []).every(
        (part, index) => part.asset === evidencePartName(record.month, index + 1, record.parts!.length),
      ),
    { message: 'part n of N must be evidence-{month}.part{n}-of-{N}.tar, every one, in order from 1', path: ['parts'] },
  )
  .refine(
    (record) =>
      !record.parts ||
      (sum(record.parts.map((part) => part.bytes)) === record.bytes &&
        sum(record.parts.map((part) => part.probes)) === record.probes &&
        sum(record.parts.map((part) => part.pages)) === record.pages),
    { message: 'the parts’ bytes, probes and pages must add up to the month’s', path: ['parts'] },
  )
  .refine(partsAddUp, { message: 'the parts’ pages_by_procedure must add up to the month’s', path: ['parts'] })
  .refine((record) => sum(Object.values(record.pages_by_procedure)) === record.pages, {
    message: 'pages_by_procedure must add up to pages',
    path: ['pages_by_procedure'],
  });

export type EvidenceRecord = z.infer<typeof evidenceRecordSchema>;

/** The directory of the records under the data directory. */
export const evidenceRecordDirectory = (dataDir: string) => path.join(dataDir, 'evidence');

/** `evidence/{YYYY-MM}.json` under the data directory. */
export const evidenceRecordPath = (dataDir: string, month: string) =>
  path.join(evidenceRecordDirectory(dataDir), `${month}.json`);

/** The record as written: stable key order, two-space indent, final newline. */
export function formatEvidenceRecord(record: EvidenceRecord): string {
  const sorted = (counts: Record<string, number>) =>
    Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const ordered: EvidenceRecord = {
    month: record.month,
    tag: record.tag,
    asset: record.asset,
    bytes: record.bytes,
    sha256: record.sha256,
    probes: record.probes,
    pages: record.pages,
    pages_by_procedure: sorted(record.pages_by_procedure),
    parts: record.parts?.map((part) => ({
      asset: part.asset,
      bytes: part.bytes,
      sha256: part.sha256,
      probes: part.probes,
      pages: part.pages,
      pages_by_procedure: sorted(part.pages_by_procedure),
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** The release assets of a month: its one archive, or its parts in order. */
export function evidenceArchivesOf(record: EvidenceRecord): EvidencePart[] {
  if (record.parts) return record.parts;
  return [
    {
      asset: record.asset!,
      bytes: record.bytes,
      sha256: record.sha256!,
      probes: record.probes,
      pages: record.pages,
      pages_by_procedure: record.pages_by_procedure,
    },
  ];
}

/** The record of a month from the description of its archives (one, or its parts in order). */
export function evidenceRecordOf(month: string, archives: readonly EvidencePart[]): EvidenceRecord {
  const pagesByProcedure: Record<string, number> = {};
  for (const archive of archives)
    for (const [procedure, count] of Object.entries(archive.pages_by_procedure))
      pagesByProcedure[procedure] = (pagesByProcedure[procedure] ?? 0) + count;
  const totals = {
    month,
    tag: evidenceTag(month),
    bytes: sum(archives.map((archive) => archive.bytes)),
    probes: sum(archives.map((archive) => archive.probes)),
    pages: sum(archives.map((archive) => archive.pages)),
    pages_by_procedure: pagesByProcedure,
  };
  if (archives.length === 1) {
    const [only] = archives as [EvidencePart];
    return { ...totals, asset: only.asset, sha256: only.sha256 };
  }
  return { ...totals, parts: [...archives] };
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
