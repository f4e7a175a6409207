/**
 * Checks an evidence archive the way anyone can by hand (extract, gunzip,
 * sha256sum), in one command: every page of the archive against its manifest,
 * and, given month files of `data/probes/`, every row's `evidence_sha256`
 * against the decisive page the archive holds for that probe. A month split
 * in parts is checked part by part (each against its own manifest), its rows
 * against the decisive pages of all the parts given.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readDataFile } from '../lib/data-directory.ts';
import { EVIDENCE_COLUMN, parseMonthFile } from '../lib/probe.ts';
import { MANIFEST_NAME, parseManifest, readEvidenceArchive } from './evidence-archive.ts';
import type { ManifestPage } from './evidence-collection.ts';

export interface EvidenceCheck {
  /** The archive's month. */
  month: string;
  /** The archives checked (the month's one, or its parts). */
  archives: number;
  /** Pages whose gunzipped bytes were hashed and compared with the manifest. */
  pagesChecked: number;
  /** Rows whose evidence_sha256 matched the archive's decisive page. */
  rowsMatched: number;
  /** Rows without evidence_sha256 (no page was received: timeout, network error). */
  rowsWithoutHash: number;
  /** Every disagreement, one sentence each. */
  mismatches: string[];
}

/** `…/{department}/{slug}/{YYYY-MM}.csv` → its procedure and month, or null for another name. */
export function monthFileParts(file: string): { department: string; slug: string; month: string } | null {
  const parts = path.resolve(file).split(path.sep);
  const month = /^(\d{4}-(0[1-9]|1[0-2]))\.csv$/.exec(parts.at(-1) ?? '')?.[1];
  const [department, slug] = [parts.at(-3), parts.at(-2)];
  return month && department && slug ? { department, slug, month } : null;
}

/** One archive checked against its own manifest: its month, the hashes of its pages and its decisive pages. */
async function checkArchive(
  archive: string,
  mismatches: string[],
): Promise<{ month: string; hashes: Map<string, string>; pages: ManifestPage[] }> {
  const hashes = new Map<string, string>();
  let manifest: ManifestPage[] | null = null;
  const { month } = await readEvidenceArchive(archive, null, (entry) => {
    if (entry.name === MANIFEST_NAME)
      manifest = parseManifest(entry.bytes.toString('utf8'), `${archive}:${MANIFEST_NAME}`);
    else if (entry.name.endsWith('.html.gz'))
      hashes.set(entry.name, createHash('sha256').update(gunzipSync(entry.bytes)).digest('hex'));
  });
  if (manifest === null) throw new Error(`${archive}: no ${MANIFEST_NAME}`);
  const pages = manifest as ManifestPage[];
  const where = (file: string) => `${path.basename(archive)}: ${file}`;
  for (const page of pages) {
    const actual = hashes.get(page.file);
    if (actual === undefined)
      mismatches.push(`${where(page.file)}: listed in ${MANIFEST_NAME}, missing from the archive`);
    else if (actual !== page.sha256)
      mismatches.push(`${where(page.file)}: the page hashes to ${actual}, ${MANIFEST_NAME} says ${page.sha256}`);
  }
  return { month, hashes, pages };
}

/** Verifies the archive (or each part of the month), then each month file's rows against them. */
export async function verifyEvidence(
  archives: string | readonly string[],
  monthFiles: readonly string[] = [],
): Promise<EvidenceCheck> {
  const mismatches: string[] = [];
  const hashes = new Map<string, string>();
  const decisive = new Map<string, ManifestPage>();
  let month = '';
  for (const archive of typeof archives === 'string' ? [archives] : archives) {
    const checked = await checkArchive(archive, mismatches);
    if (month !== '' && checked.month !== month)
      mismatches.push(`${archive}: an archive of ${checked.month}, the others hold ${month}`);
    month ||= checked.month;
    for (const [file, hash] of checked.hashes) hashes.set(file, hash);
    for (const page of checked.pages)
      if (page.decisive) decisive.set(`${page.department}/${page.slug} ${page.probedAt}`, page);
  }
  let rowsMatched = 0;
  let rowsWithoutHash = 0;
  for (const file of monthFiles) {
    const parts = monthFileParts(file);
    if (parts === null) throw new Error(`${file}: not a month file named {department}/{slug}/{YYYY-MM}.csv`);
    if (parts.month !== month) {
      mismatches.push(`${file}: a file of ${parts.month}, the archive holds ${month}`);
      continue;
    }
    const { probes } = parseMonthFile(readDataFile(file), file, parts.month);
    for (const probe of probes) {
      const expected = probe.extra[EVIDENCE_COLUMN] ?? '';
      if (expected === '') {
        rowsWithoutHash += 1;
        continue;
      }
      const page = decisive.get(`${parts.department}/${parts.slug} ${probe.probedAt}`);
      if (!page) mismatches.push(`${file}: ${probe.probedAt}: no page of this probe in the archive(s) given`);
      else if (hashes.get(page.file) !== expected)
        mismatches.push(
          `${file}: ${probe.probedAt}: evidence_sha256 ${expected}, the archive's page ${page.file} hashes to ${hashes.get(page.file) ?? 'nothing (missing)'}`,
        );
      else rowsMatched += 1;
    }
  }
  return {
    month,
    archives: typeof archives === 'string' ? 1 : archives.length,
    pagesChecked: hashes.size,
    rowsMatched,
    rowsWithoutHash,
    mismatches,
  };
}

/** The report printed by `npm run verify-evidence`. */
export function formatEvidenceCheck(check: EvidenceCheck, monthFiles: number): string {
  const lines = [
    `${check.archives === 1 ? 'Archive' : `${check.archives} archives (parts)`} of ${check.month}: ${check.pagesChecked} pages hashed.`,
    ...(monthFiles > 0
      ? [
          `${monthFiles} month file(s): ${check.rowsMatched} rows match their page; ${check.rowsWithoutHash} rows have no evidence_sha256 (no page was received).`,
        ]
      : []),
    ...check.mismatches.map((mismatch) => `MISMATCH ${mismatch}`),
    check.mismatches.length === 0 ? 'Everything matches.' : `${check.mismatches.length} mismatch(es).`,
  ];
  return `${lines.join('\n')}\n`;
}
