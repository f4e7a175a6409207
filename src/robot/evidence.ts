/**
 * Evidence: the decisive pages of each probe, kept gzipped outside the data
 * directory so that every recorded result can be checked against what the
 * site showed (La Cimade's robot kept screenshots for the same reason).
 *
 * Layout under the evidence directory (`$EVIDENCE_DIR`, default `evidence/`):
 *
 *     {department}/{slug}/{YYYY-MM}/{stamp}-{n}.html.gz   the pages, n = 1, 2… in the order fetched
 *     {department}/{slug}/{YYYY-MM}/{stamp}.json          the manifest
 *
 * where `{stamp}` is the probe's probed_at with `:` removed from the time and
 * the offset, e.g. `2026-05-18T10-00-00+0200` for `2026-05-18T10:00:00+02:00`,
 * and `{YYYY-MM}` its Paris month. Each `.html.gz` holds the body bytes exactly
 * as received: `gunzip -c FILE | sha256sum` gives the sha256 listed in the
 * manifest, and for the decisive page the row's `evidence_sha256`. The
 * manifest also lists the URL, status and time of each page and every request
 * the probe made.
 */
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { realFileSystem, syncDirectory, writeFileAtomic, type FileSystem } from './atomic-file.ts';
import type { ProbeResult } from './probe-runner.ts';

/** The evidence directory: `$EVIDENCE_DIR`, or `evidence/` under the current directory (git-ignored). */
export function evidenceDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(environment.EVIDENCE_DIR || 'evidence');
}

/** `2026-05-18T10:00:00+02:00` → `2026-05-18T10-00-00+0200`: the probe time, safe in any file name. */
export function evidenceStamp(probedAt: string): string {
  return probedAt.replace(/:/g, (_, index: number) => (index < 19 ? '-' : ''));
}

/** The directory of a procedure-month's evidence. */
export function evidenceMonthDirectory(
  evidenceDir: string,
  department: string,
  slug: string,
  probedAt: string,
): string {
  return path.join(evidenceDir, department, slug, probedAt.slice(0, 7));
}

export interface WrittenEvidence {
  /** Paths of the written files, the manifest last. */
  files: string[];
}

/** Writes a probe's pages and manifest; each file appears whole or not at all. */
export function writeEvidence(
  evidenceDir: string,
  result: ProbeResult,
  files: FileSystem = realFileSystem,
): WrittenEvidence {
  const { procedure, row } = result;
  const directory = evidenceMonthDirectory(evidenceDir, procedure.department, procedure.slug, row.probed_at);
  files.mkdirSync(directory, { recursive: true });
  const stamp = evidenceStamp(row.probed_at);
  const written: string[] = [];
  const pages = result.evidence.map((page, index) => {
    const name = `${stamp}-${index + 1}.html.gz`;
    const file = path.join(directory, name);
    writeFileAtomic(file, gzipSync(page.bytes), files, { syncDirectory: false });
    written.push(file);
    return {
      file: name,
      decisive: page === result.decisive,
      method: page.method,
      url: page.url,
      status: page.status,
      fetched_at: page.fetchedAt.toISOString(),
      content_type: page.contentType,
      ...(page.location ? { location: page.location } : {}),
      bytes: page.bytes.length,
      sha256: page.sha256,
    };
  });
  const manifest = {
    procedure: `${procedure.department}/${procedure.slug}`,
    system: procedure.system,
    url: procedure.url,
    probed_at: row.probed_at,
    outcome: row.outcome,
    first_date: row.first_date,
    second_date: row.second_date,
    detail: row.detail,
    evidence_sha256: result.decisive?.sha256 ?? '',
    pages,
    requests: result.trace,
  };
  const manifestFile = path.join(directory, `${stamp}.json`);
  // The manifest comes last, once every page it lists is on disk; one directory flush covers all the renames.
  writeFileAtomic(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`, files, { syncDirectory: false });
  syncDirectory(directory, files);
  written.push(manifestFile);
  return { files: written };
}
