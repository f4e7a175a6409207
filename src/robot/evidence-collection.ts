/**
 * Gathers one month's evidence from the evidence directories of many rounds
 * (each hourly run uploads its own as an Actions artifact, kept 90 days), so
 * that the month can be bundled into one archive before those expire.
 *
 * Each source is an evidence directory as `evidence.ts` writes it:
 * `{department}/{slug}/{YYYY-MM}/{stamp}-{n}.html.gz` and `{stamp}.json`. Only
 * the given month's directories are read. Every page a probe's manifest lists
 * must be there and hash (once gunzipped) to the SHA-256 the manifest gives:
 * an archive filed in court must never hold a page that does not match its row.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';

const DEPARTMENT = /^[0-9AB]{2,3}$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PAGE_FILE = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}[+-]\d{4}-\d+\.html\.gz$/;
const MANIFEST_FILE = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}[+-]\d{4}\.json$/;

/** The part of a probe's evidence manifest (`{stamp}.json`) the archive relies on. */
const probeManifestSchema = z.object({
  /** `{department}/{slug}`. */
  procedure: z.string(),
  /** The probe's instant as in the month file. */
  probed_at: z.string(),
  /** The probe's outcome as in the month file. */
  outcome: z.string(),
  /** SHA-256 of the decisive page, the row's `evidence_sha256` (empty when no page was received). */
  evidence_sha256: z.string().regex(/^([0-9a-f]{64})?$/),
  /** Every page received, in the order fetched. */
  pages: z.array(
    z.object({
      /** File name beside the manifest. */
      file: z.string().regex(PAGE_FILE),
      /** Whether this page decided the outcome. */
      decisive: z.boolean(),
      /** SHA-256 of the body as received (the gunzipped file). */
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});

/** One page listed in the archive's manifest. */
export interface ManifestPage {
  department: string;
  slug: string;
  probedAt: string;
  outcome: string;
  /** Path inside the archive, below its top directory: `{department}/{slug}/{file}`. */
  file: string;
  sha256: string;
  decisive: boolean;
}

/** A file to put in the archive. */
export interface CollectedFile {
  /** Path inside the archive, below its top directory. */
  name: string;
  /** Where it is on disk. */
  source: string;
}

export interface MonthEvidence {
  month: string;
  /** Every file to archive (pages and probe manifests), sorted by name. */
  files: CollectedFile[];
  /** Every page, sorted by procedure, instant and file. */
  pages: ManifestPage[];
  /** Probes whose manifest was found. */
  probes: number;
  /** Page files that no manifest lists (a round killed before writing its manifest): left out. */
  unlisted: string[];
}

/** Reads the month's evidence from every source; throws on a page that is missing, corrupt or differs between sources. */
export function collectMonthEvidence(sources: readonly string[], month: string): MonthEvidence {
  const files = new Map<string, CollectedFile>();
  for (const source of sources) {
    for (const file of monthFiles(source, month)) {
      const known = files.get(file.name);
      if (known && !readFileSync(known.source).equals(readFileSync(file.source)))
        throw new Error(`${file.source}: differs from ${known.source}, the same evidence file in another source`);
      if (!known) files.set(file.name, file);
    }
  }
  const pages: ManifestPage[] = [];
  const listed = new Set<string>();
  let probes = 0;
  for (const file of files.values()) {
    if (!MANIFEST_FILE.test(path.posix.basename(file.name))) continue;
    const directory = path.posix.dirname(file.name);
    const [department, slug] = directory.split('/') as [string, string];
    const manifest = readProbeManifest(file.source);
    if (manifest.procedure !== directory)
      throw new Error(`${file.source}: the manifest of ${manifest.procedure} is filed under ${directory}`);
    probes += 1;
    for (const page of manifest.pages) {
      const name = `${directory}/${page.file}`;
      const pageFile = files.get(name);
      if (!pageFile) throw new Error(`${file.source}: lists ${page.file}, which is missing`);
      const actual = createHash('sha256')
        .update(gunzipSync(readFileSync(pageFile.source)))
        .digest('hex');
      if (actual !== page.sha256)
        throw new Error(`${pageFile.source}: its SHA-256 is ${actual}, the manifest says ${page.sha256}`);
      listed.add(name);
      const row = { department, slug, probedAt: manifest.probed_at, outcome: manifest.outcome };
      pages.push({ ...row, file: name, sha256: page.sha256, decisive: page.decisive });
    }
  }
  const isPage = (name: string) => PAGE_FILE.test(path.posix.basename(name));
  const unlisted = [...files.keys()].filter((name) => isPage(name) && !listed.has(name)).sort(byBytes);
  const kept = [...files.values()].filter((file) => !isPage(file.name) || listed.has(file.name));
  return {
    month,
    files: kept.sort((a, b) => byBytes(a.name, b.name)),
    pages: pages.sort((a, b) => byBytes(a.file, b.file)),
    probes,
    unlisted,
  };
}

/** Plain code-unit order, the same on every machine and locale. */
export function byBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function readProbeManifest(file: string): z.infer<typeof probeManifestSchema> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not a JSON manifest (${(error as Error).message})`, { cause: error });
  }
  const parsed = probeManifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** The month's evidence files of one source; anything but plain directories and files is refused. */
function monthFiles(source: string, month: string): CollectedFile[] {
  const found: CollectedFile[] = [];
  for (const department of entries(source).filter((name) => DEPARTMENT.test(name))) {
    for (const slug of entries(path.join(source, department)).filter((name) => SLUG.test(name))) {
      const directory = path.join(source, department, slug, month);
      if (!exists(directory)) continue;
      for (const name of entries(directory)) {
        if (!PAGE_FILE.test(name) && !MANIFEST_FILE.test(name)) continue;
        const file = path.join(directory, name);
        if (!lstatSync(file).isFile()) throw new Error(`${file}: not a plain file`);
        found.push({ name: `${department}/${slug}/${name}`, source: file });
      }
    }
  }
  return found;
}

/** The names in a directory, which must be a plain directory (a symbolic link could pull in any file). */
function entries(directory: string): string[] {
  if (!lstatSync(directory).isDirectory()) throw new Error(`${directory}: not a plain directory`);
  return readdirSync(directory)
    .filter((name) => !name.startsWith('.'))
    .sort(byBytes);
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
