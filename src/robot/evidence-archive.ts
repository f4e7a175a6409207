/**
 * One month's evidence as one archive, `evidence-{YYYY-MM}.tar`, published as
 * a GitHub Release asset so that the pages outlive the 90-day Actions
 * artifacts. A plain (uncompressed) POSIX tar: the pages inside are gzipped
 * already, and `tar -xf` opens it on Linux, macOS and Windows 10 or later
 * (7-Zip too). Tar has no limit on the number of entries, where a zip
 * without its 64-bit extension stops at 65,535 (a national month holds
 * several hundred thousand files).
 *
 * Inside, under one top directory `evidence-{YYYY-MM}/`:
 *
 *     LISEZMOI.txt                      how to check a row (French and English)
 *     manifest.csv                      one line per page: procedure, instant, outcome, file, SHA-256, decisive
 *     {department}/{slug}/{stamp}-{n}.html.gz   each page as received, gzipped
 *     {department}/{slug}/{stamp}.json          each probe's manifest, as the robot wrote it
 *
 * Deterministic: entries sorted, fixed owner, mode and modification time (the
 * month's end), so the same evidence gives the same bytes and the same SHA-256.
 * Written to a temporary file and renamed: the archive appears whole or not at all.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, renameSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pack as tarPack, extract as tarExtract, type Header as TarHeader } from 'tar-stream';
import { addMonths } from '../lib/calendar.ts';
import { formatCsv, parseCsv } from '../lib/csv.ts';
import {
  evidenceAssetName,
  evidenceTag,
  MAX_RELEASE_ASSET_BYTES,
  type EvidenceRecord,
} from '../lib/evidence-record.ts';
import { syncDirectory, temporaryPath, realFileSystem } from './atomic-file.ts';
import type { ManifestPage, MonthEvidence } from './evidence-collection.ts';

/** The columns of `manifest.csv`, one line per page. */
export const MANIFEST_COLUMNS = ['department', 'slug', 'probed_at', 'outcome', 'file', 'sha256', 'decisive'] as const;

export const MANIFEST_NAME = 'manifest.csv';
export const README_NAME = 'LISEZMOI.txt';

/** The modification time of every entry: the first instant after the month (UTC), a fact of the month, not of the run. */
export function archiveTime(month: string): Date {
  return new Date(`${addMonths(month, 1)}-01T00:00:00Z`);
}

/** `manifest.csv`: every page with its probe, sorted as the archive is. */
export function formatManifest(pages: readonly ManifestPage[]): string {
  return formatCsv([
    MANIFEST_COLUMNS,
    ...pages.map((page) => [
      page.department,
      page.slug,
      page.probedAt,
      page.outcome,
      page.file,
      page.sha256,
      page.decisive ? 'true' : 'false',
    ]),
  ]);
}

function readme(month: string): string {
  const top = evidenceTag(month);
  return `${top} — pages reçues par le robot de Guichets fermés en ${month} (heure de Paris)
Pages received by the Guichets fermés robot in ${month} (Paris time)

Chaque ligne d'un fichier de sondages data/probes/{département}/{démarche}/${month}.csv
donne dans evidence_sha256 l'empreinte SHA-256 de la page décisive. Pour la vérifier :
  tar -xf ${evidenceAssetName(month)}
  grep ',2026-10-18T10:00:00+02:00,' ${top}/manifest.csv   (département, démarche, instant, fichier, empreinte)
  gunzip -c ${top}/{département}/{démarche}/{fichier}.html.gz | sha256sum
L'empreinte affichée doit être égale à evidence_sha256. Ou : npm run verify-evidence -- ${evidenceAssetName(month)} FICHIER.csv

Each probe row's evidence_sha256 is the SHA-256 of its decisive page. manifest.csv lists every page
with its procedure, instant, outcome, file and SHA-256; \`gunzip -c FILE | sha256sum\` gives it back.
Each {stamp}.json is the robot's manifest of one probe: every page's URL, status and time, every request made.
`;
}

/** The tar header of a regular file: fixed owner, mode and time, so that only names and bytes vary. */
function header(name: string, size: number, mtime: Date): TarHeader {
  return {
    name,
    size,
    mtime,
    mode: 0o644,
    uid: 0,
    gid: 0,
    uname: '',
    gname: '',
    type: 'file',
    linkname: '',
    devmajor: 0,
    devminor: 0,
  };
}

/** Computes the SHA-256 and size of what passes through. */
function digestStream(): { stream: Transform; result: () => { sha256: string; bytes: number } } {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest('hex'), bytes }) };
}

/** Writes the archive atomically to `file`; returns its size and SHA-256. Refuses an archive GitHub would not take. */
export async function writeEvidenceArchive(
  evidence: MonthEvidence,
  file: string,
): Promise<{ bytes: number; sha256: string }> {
  const top = evidenceTag(evidence.month);
  const mtime = archiveTime(evidence.month);
  const temporary = temporaryPath(file);
  const archive = tarPack();
  const digest = digestStream();
  const written = pipeline(archive, digest.stream, createWriteStream(temporary, { flags: 'wx', mode: 0o644 }));
  // Each entry is awaited: the pack stream holds one file at a time, whatever the month's size.
  const add = (name: string, bytes: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const entry = archive.entry(header(`${top}/${name}`, bytes.length, mtime), (error) =>
        error ? reject(error) : resolve(),
      );
      entry.end(bytes);
    });
  try {
    await add(README_NAME, Buffer.from(readme(evidence.month), 'utf8'));
    await add(MANIFEST_NAME, Buffer.from(formatManifest(evidence.pages), 'utf8'));
    for (const collected of evidence.files) await add(collected.name, readFileSync(collected.source));
    archive.finalize();
    await written;
    const result = digest.result();
    if (result.bytes > MAX_RELEASE_ASSET_BYTES)
      throw new Error(
        `the archive of ${evidence.month} is ${result.bytes.toLocaleString('en')} bytes; a release asset must stay under 2 GB`,
      );
    renameSync(temporary, file);
    syncDirectory(path.dirname(file), realFileSystem);
    return result;
  } catch (error) {
    archive.destroy();
    await written.catch(() => undefined);
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written, or it is already gone.
    }
    throw error;
  }
}

/** One file read from an archive. */
export interface ArchiveEntry {
  /** Path below the archive's top directory. */
  name: string;
  bytes: Buffer;
}

/**
 * Reads an evidence archive entry by entry (the whole archive is never held
 * in memory), checking that every entry is a plain file under the month's top
 * directory. Resolves with the archive's size and SHA-256.
 */
export async function readEvidenceArchive(
  file: string,
  month: string | null,
  onEntry: (entry: ArchiveEntry) => void,
): Promise<{ month: string; bytes: number; sha256: string }> {
  let top = month === null ? null : `${evidenceTag(month)}/`;
  const digest = digestStream();
  const extract = tarExtract();
  const reading = pipeline(createReadStream(file), digest.stream, extract);
  for await (const entry of extract) {
    const { name, type } = entry.header;
    top ??= /^evidence-\d{4}-(0[1-9]|1[0-2])\//.exec(name)?.[0] ?? null;
    if (type !== 'file' || top === null || !name.startsWith(top) || name.split('/').includes('..'))
      throw new Error(
        `${file}: unexpected entry ${name} (${type}); an evidence archive holds files under evidence-{YYYY-MM}/`,
      );
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    onEntry({ name: name.slice(top.length), bytes: Buffer.concat(chunks) });
  }
  await reading;
  if (top === null) throw new Error(`${file}: an empty archive`);
  return { month: top.slice('evidence-'.length, -1), ...digest.result() };
}

/** The pages listed by an archive's `manifest.csv`. */
export function parseManifest(text: string, file: string): ManifestPage[] {
  const table = parseCsv(text, file);
  if (table.header.join(',') !== MANIFEST_COLUMNS.join(','))
    throw new Error(`${file}: the header is not ${MANIFEST_COLUMNS.join(',')}`);
  return table.lines.map(({ cells }) => {
    const [department, slug, probedAt, outcome, name, sha256, decisive] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    return { department, slug, probedAt, outcome, file: name, sha256, decisive: decisive === 'true' };
  });
}

/**
 * The record of an archive, computed from the archive itself (never from
 * what was meant to be in it): size, SHA-256, probes and pages.
 */
export async function describeEvidenceArchive(file: string, month: string): Promise<EvidenceRecord> {
  let pages: ManifestPage[] | null = null;
  let probes = 0;
  const { bytes, sha256 } = await readEvidenceArchive(file, month, (entry) => {
    if (entry.name === MANIFEST_NAME) pages = parseManifest(entry.bytes.toString('utf8'), `${file}:${MANIFEST_NAME}`);
    else if (entry.name.endsWith('.json')) probes += 1;
  });
  if (pages === null) throw new Error(`${file}: no ${MANIFEST_NAME}`);
  const byProcedure: Record<string, number> = {};
  for (const page of pages as ManifestPage[]) {
    const key = `${page.department}/${page.slug}`;
    byProcedure[key] = (byProcedure[key] ?? 0) + 1;
  }
  return {
    month,
    tag: evidenceTag(month),
    asset: evidenceAssetName(month),
    bytes,
    sha256,
    probes,
    pages: (pages as ManifestPage[]).length,
    pages_by_procedure: byProcedure,
  };
}
