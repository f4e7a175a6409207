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
 *
 * A month larger than one release asset may hold (2 GB) is split into parts,
 * `evidence-{YYYY-MM}.part{n}-of-{count}.tar`, each under the limit and complete on its
 * own: its top directory `evidence-{YYYY-MM}.part{n}-of-{count}/`, its README, its
 * manifest of the pages it holds, and whole probes only (a probe's manifest
 * and pages are never apart).
 * Written to a temporary file and renamed: the archive appears whole or not at all.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pack as tarPack, extract as tarExtract, type Header as TarHeader } from 'tar-stream';
import { addMonths } from '../lib/calendar.ts';
import { formatCsv, parseCsv } from '../lib/csv.ts';
import {
  evidenceAssetName,
  evidencePartName,
  evidenceTag,
  MAX_RELEASE_ASSET_BYTES,
  type EvidencePart,
} from '../lib/evidence-record.ts';
import { syncDirectory, temporaryPath, realFileSystem } from './atomic-file.ts';
import type { CollectedFile, ManifestPage, MonthEvidence } from './evidence-collection.ts';

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

function readme(month: string, asset: string): string {
  const top = asset.replace(/\.tar$/, '');
  const part =
    asset === evidenceAssetName(month)
      ? ''
      : `Cette archive est une partie du mois : les autres parties (${evidenceTag(month)}.part{n}-of-{count}.tar) contiennent les autres sondages.
This archive is one part of the month: the other parts hold the other probes.
`;
  return `${top} — pages reçues par le robot de Guichets fermés en ${month} (heure de Paris)
Pages received by the Guichets fermés robot in ${month} (Paris time)
${part}
Chaque ligne d'un fichier de sondages data/probes/{département}/{démarche}/${month}.csv
donne dans evidence_sha256 l'empreinte SHA-256 de la page décisive. Pour la vérifier :
  tar -xf ${asset}
  grep ',2026-10-18T10:00:00+02:00,' ${top}/manifest.csv   (département, démarche, instant, fichier, empreinte)
  gunzip -c ${top}/{département}/{démarche}/{fichier}.html.gz | sha256sum
L'empreinte affichée doit être égale à evidence_sha256. Ou : npm run verify-evidence -- ${asset} FICHIER.csv

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

/** The evidence of one archive: the whole month, or one part of it. */
type ArchiveContent = Pick<MonthEvidence, 'month' | 'files' | 'pages'>;

/** Writes the archive atomically to `file`; returns its size and SHA-256. Refuses an archive GitHub would not take. */
export async function writeEvidenceArchive(
  evidence: ArchiveContent,
  file: string,
  { asset = evidenceAssetName(evidence.month), limit = MAX_RELEASE_ASSET_BYTES } = {},
): Promise<{ bytes: number; sha256: string }> {
  const top = asset.replace(/\.tar$/, '');
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
    await add(README_NAME, Buffer.from(readme(evidence.month, asset), 'utf8'));
    await add(MANIFEST_NAME, Buffer.from(formatManifest(evidence.pages), 'utf8'));
    for (const collected of evidence.files) await add(collected.name, readFileSync(collected.source));
    archive.finalize();
    await written;
    const result = digest.result();
    if (result.bytes > limit)
      throw new Error(
        `the archive ${asset} is ${result.bytes.toLocaleString('en')} bytes; a release asset must stay under ${limit.toLocaleString('en')}`,
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

/** Bytes an entry takes in the tar: a header (two blocks, in case a long name needs a PAX one) and the content padded to 512. */
const entryBytes = (size: number) => 1024 + Math.ceil(size / 512) * 512;

/** The tar's end: two zero blocks. */
const TAR_END = 1024;

/** `{department}/{slug}/{stamp}` of an archived file: a probe's manifest and its pages share it. */
const probeOf = (name: string) => name.replace(/(-\d+\.html\.gz|\.json)$/, '');

/**
 * The month cut into archives of at most `limit` bytes each, whole probes in
 * each, in the archive's order (one archive when the month fits). Sizes are
 * planned from the files' sizes with a margin per entry; the writer checks
 * the real size again.
 */
export function planEvidenceParts(evidence: MonthEvidence, limit = MAX_RELEASE_ASSET_BYTES): ArchiveContent[] {
  const pagesOf = new Map<string, ManifestPage[]>();
  for (const page of evidence.pages) pagesOf.set(page.file, [...(pagesOf.get(page.file) ?? []), page]);
  const probes: { files: CollectedFile[]; pages: ManifestPage[]; bytes: number; manifestBytes: number }[] = [];
  for (const file of evidence.files) {
    const key = probeOf(file.name);
    const last = probes.at(-1);
    const probe =
      last && probeOf(last.files[0]!.name) === key
        ? last
        : probes[probes.push({ files: [], pages: [], bytes: 0, manifestBytes: 0 }) - 1]!;
    probe.files.push(file);
    probe.bytes += entryBytes(statSync(file.source).size);
    for (const page of pagesOf.get(file.name) ?? []) {
      probe.pages.push(page);
      probe.manifestBytes += Buffer.byteLength(formatManifest([page])) - Buffer.byteLength(formatManifest([]));
    }
  }
  // The README names its part: planned at its longest, the part's own name.
  const fixed =
    TAR_END +
    entryBytes(Buffer.byteLength(readme(evidence.month, evidencePartName(evidence.month, 999_999, 999_999)))) +
    Buffer.byteLength(formatManifest([]));
  const parts: ArchiveContent[] = [];
  let current: ArchiveContent = { month: evidence.month, files: [], pages: [] };
  let contentBytes = 0;
  let manifestBytes = 0;
  const size = (extra: number, extraManifest: number) =>
    fixed + contentBytes + extra + entryBytes(manifestBytes + extraManifest);
  for (const probe of probes) {
    if (size(probe.bytes, probe.manifestBytes) > limit && current.files.length > 0) {
      parts.push(current);
      current = { month: evidence.month, files: [], pages: [] };
      contentBytes = 0;
      manifestBytes = 0;
    }
    if (size(probe.bytes, probe.manifestBytes) > limit)
      throw new Error(
        `one probe of ${evidence.month} (${probeOf(probe.files[0]!.name)}) alone exceeds ${limit.toLocaleString('en')} bytes`,
      );
    current.files.push(...probe.files);
    current.pages.push(...probe.pages);
    contentBytes += probe.bytes;
    manifestBytes += probe.manifestBytes;
  }
  parts.push(current);
  // The manifest's order is the archive's (by file name), in each part as in the month.
  for (const part of parts) part.pages.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return parts;
}

/** One archive written: its path, name in the release, size and SHA-256. */
export interface WrittenArchive {
  file: string;
  asset: string;
  bytes: number;
  sha256: string;
}

/**
 * Writes the month as `evidence-{month}.tar` in `directory`, or, when it
 * exceeds `limit`, as parts `evidence-{month}.part{n}-of-{count}.tar`. A part that fails
 * removes those written before it: the month is published whole or not at all.
 */
export async function writeEvidenceArchives(
  evidence: MonthEvidence,
  directory: string,
  limit = MAX_RELEASE_ASSET_BYTES,
): Promise<WrittenArchive[]> {
  const parts = planEvidenceParts(evidence, limit);
  const written: WrittenArchive[] = [];
  try {
    for (const [index, part] of parts.entries()) {
      const asset =
        parts.length === 1
          ? evidenceAssetName(evidence.month)
          : evidencePartName(evidence.month, index + 1, parts.length);
      const file = path.join(directory, asset);
      written.push({ file, asset, ...(await writeEvidenceArchive(part, file, { asset, limit })) });
    }
    return written;
  } catch (error) {
    for (const { file } of written) unlinkSync(file);
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
): Promise<{ month: string; asset: string; bytes: number; sha256: string }> {
  const monthPattern = month === null ? '\\d{4}-(?:0[1-9]|1[0-2])' : month;
  const topPattern = new RegExp(`^evidence-(${monthPattern})(?:\\.part[1-9]\\d*-of-[1-9]\\d*)?/`);
  let top: string | null = null;
  const digest = digestStream();
  const extract = tarExtract();
  const reading = pipeline(createReadStream(file), digest.stream, extract);
  for await (const entry of extract) {
    const { name, type } = entry.header;
    top ??= topPattern.exec(name)?.[0] ?? null;
    if (type !== 'file' || top === null || !name.startsWith(top) || name.split('/').includes('..'))
      throw new Error(
        `${file}: unexpected entry ${name} (${type}); an evidence archive holds files under evidence-{YYYY-MM}/ or evidence-{YYYY-MM}.part{n}-of-{count}/`,
      );
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    onEntry({ name: name.slice(top.length), bytes: Buffer.concat(chunks) });
  }
  await reading;
  if (top === null) throw new Error(`${file}: an empty archive`);
  return { month: topPattern.exec(top)![1]!, asset: `${top.slice(0, -1)}.tar`, ...digest.result() };
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
 * The description of an archive (the month's one, or one of its parts),
 * computed from the archive itself (never from what was meant to be in it):
 * its name (from its top directory), size, SHA-256, probes and pages.
 */
export async function describeEvidenceArchive(file: string, month: string): Promise<EvidencePart> {
  let pages: ManifestPage[] | null = null;
  let probes = 0;
  const { asset, bytes, sha256 } = await readEvidenceArchive(file, month, (entry) => {
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
    asset,
    bytes,
    sha256,
    probes,
    pages: (pages as ManifestPage[]).length,
    pages_by_procedure: byProcedure,
  };
}
