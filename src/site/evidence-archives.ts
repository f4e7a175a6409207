/**
 * What a month page says about the archive of the pages the robot saw that
 * month (data/evidence/{YYYY-MM}.json, written by the evidence workflow once
 * the month is closed and its archive released). Never more than the records
 * show: a month without a record says its pages are not (yet) published as an
 * archive; the month still running says they are archived after it closes.
 */
import path from 'node:path';
import { DataError } from '../lib/data-error.ts';
import { readDataDirectory } from '../lib/data-directory.ts';
import {
  evidenceArchivesOf,
  evidenceRecordDirectory,
  readEvidenceRecord,
  type EvidenceRecord,
} from '../lib/evidence-record.ts';
import { evidenceArchiveUrl, evidenceReleaseUrl } from './paths.ts';

const RECORD_NAME = /^(\d{4}-(0[1-9]|1[0-2]))\.json$/;

const loaded = new Map<string, Map<string, EvidenceRecord>>();

/**
 * Every record of the data directory by month, read and validated once per
 * build. A file of `evidence/` that is not `YYYY-MM.json` stops the build.
 */
export function evidenceRecords(dataDir: string): Map<string, EvidenceRecord> {
  const known = loaded.get(dataDir);
  if (known) return known;
  const directory = evidenceRecordDirectory(dataDir);
  const records = new Map<string, EvidenceRecord>();
  let entries: ReturnType<typeof readDataDirectory> = [];
  try {
    entries = readDataDirectory(directory);
  } catch (error) {
    if (!(error instanceof DataError && error.reason === 'directory not found')) throw error;
  }
  for (const entry of entries) {
    const month = RECORD_NAME.exec(entry.name)?.[1];
    if (!month || !entry.isFile())
      throw new DataError(
        path.join(directory, entry.name),
        0,
        'the evidence directory holds YYYY-MM.json records only',
      );
    records.set(month, readEvidenceRecord(dataDir, month)!);
  }
  loaded.set(dataDir, records);
  return records;
}

/** What the month page says about its evidence archive. */
export type EvidenceArchiveNote =
  | { kind: 'open' }
  | { kind: 'unpublished' }
  | {
      kind: 'archived';
      tag: string;
      /**
       * The archives to link: the month's one, or, for a month split in parts,
       * the parts holding this procedure's pages (all of them when it has none).
       */
      archives: ArchiveLink[];
      /** Parts of the month (1 when it is one archive). */
      parts: number;
      /** Pages of this procedure in the archive(s) (0: the archive holds none of its pages). */
      pages: number;
      /** The release page's address, or null when the build was not told the repository. */
      releaseUrl: string | null;
    };

/** One archive a month page links. */
export interface ArchiveLink {
  asset: string;
  bytes: number;
  sha256: string;
  /** The asset's address, or null when the build was not told the repository. */
  url: string | null;
}

/** The note of one procedure-month, from the month's record (or its absence). */
export function evidenceArchiveNote(
  record: EvidenceRecord | undefined,
  procedure: { department: string; slug: string },
  closed: boolean,
  repository: string | null,
): EvidenceArchiveNote {
  if (!closed) return { kind: 'open' };
  if (!record) return { kind: 'unpublished' };
  const key = `${procedure.department}/${procedure.slug}`;
  const all = evidenceArchivesOf(record);
  const holding = all.filter((archive) => (archive.pages_by_procedure[key] ?? 0) > 0);
  return {
    kind: 'archived',
    tag: record.tag,
    archives: (holding.length > 0 ? holding : all).map(({ asset, bytes, sha256 }) => ({
      asset,
      bytes,
      sha256,
      url: repository ? evidenceArchiveUrl(repository, record.tag, asset) : null,
    })),
    parts: all.length,
    pages: record.pages_by_procedure[key] ?? 0,
    releaseUrl: repository ? evidenceReleaseUrl(repository, record.tag) : null,
  };
}
