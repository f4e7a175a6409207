/**
 * The site build's one reader of month files. Everything the build derives
 * from a month file alone (its statistics, warnings and latest probe, its
 * gzipped CSV and its rows of the whole-dataset file, the day summaries of the
 * feeds, the tally of the attempts sentence) is made in one pass
 * over the parsed, validated file and kept in a cache on disk under the
 * SHA-256 of the file's content: a closed month's file never changes, so it
 * is never parsed or counted again, and one more hour of probes costs the
 * months that changed. The cache only saves time: an entry is used only when
 * its checksum holds and the code that made it is the code running (the key
 * covers the source of src/lib and src/site, zlib's version and the file's
 * path and digest); anything else (absent, corrupt, older code) is computed
 * again from the file and rewritten.
 *
 * One more hour must not cost ten years of files either. Besides one entry
 * per month (everything above, read by the downloads), the store keeps an
 * index in one file per calendar month, written again only when that month's
 * files changed: what loadDataset needs of each month (its statistics,
 * warnings and latest probe, a few hundred bytes) and the SHA-256 of each
 * content git has given a blob id (src/site/file-identity.ts). loadStore
 * asks git which month files are unmodified; those are neither read nor
 * hashed, their digest comes from the index by blob id. The pairs blob id →
 * SHA-256 are only ever recorded from bytes the store hashed both ways
 * itself, so the index holds facts about contents, never a guess about a path.
 */
import { createHash, hash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { versions } from 'node:process';
import { readDataFile, monthFilePath } from '../lib/data-directory.ts';
import {
  loadDataset,
  monthBytes,
  monthReading,
  type Dataset,
  type LoadOptions,
  type MonthFileInput,
  type MonthReader,
  type MonthReading,
} from '../lib/dataset.ts';
import { summariseDays, type DaySummary } from '../lib/feed-events.ts';
import { decodeUtf8 } from '../lib/utf8.ts';
import { monthFileDigest } from '../lib/month-version.ts';
import { parseMonthFile, type MonthFile, type Probe, type ProbeLimits } from '../lib/probe.ts';
import { AttemptsCounter, type AttemptsPart } from '../lib/probe-spread.ts';
import type { Procedure } from '../lib/registry.ts';
import type { DeflateChunk } from './deflate-chunks.ts';
import { blobIdOf, runGit, unmodifiedBlobIds, type BlobIds, type GitRunner } from './file-identity.ts';
import { monthDownloads } from './downloads.ts';

/** Bumped when the shape of an entry or of the index changes. */
const ENTRY_FORMAT = 2;

/** An entry older than this that the build did not use is removed (another data directory, a past hour). */
const KEEP_UNUSED_MS = 60 * 60_000;

/**
 * The file of one part of the index: what loadDataset needs of the files of
 * one calendar month (`YYYY-MM`, checked by loadDataset's listing), and their
 * known digests by blob id. One more hour changes the month in progress: only
 * its part is written again, the closed months' parts are kept as they are.
 */
function indexFile(month: string): string {
  return `index-${month}.bin`;
}

/** What the index keeps of one month: what loadDataset reads, and what withinLimits checks. */
type IndexedReading = MonthReading & Pick<MonthProducts, 'firstDay'>;

/** The index as written: readings by cache key, SHA-256 of contents by git blob id. */
interface MonthIndex {
  format: number;
  readings: Map<string, IndexedReading>;
  digests: Map<string, string>;
}

/** Everything the build derives from one month file. */
export interface MonthProducts extends MonthReading {
  /** Day of the earliest probe (`YYYY-MM-DD`), or null: checked against the procedure's `since`. */
  firstDay: string | null;
  /** The month's gzipped CSV, as published (monthDownloadPath). */
  monthGz: Uint8Array;
  /** The month's rows of the whole-dataset file, compressed as a piece of it. */
  allRows: DeflateChunk;
  /** The month's days as the Atom feeds read them (summariseDays; days never span two months). */
  days: DaySummary[];
  /** The month's tally for the attempts sentence of the letter and the evidence pack. */
  attempts: AttemptsPart;
}

/** Derives everything from a validated month file, in one pass over its probes. */
export function monthProducts(
  procedure: Pick<Procedure, 'department' | 'slug'>,
  month: string,
  parsed: MonthFile,
): MonthProducts {
  const firstDay = parsed.probes.reduce<string | null>(
    (earliest, probe) => (earliest === null || probe.day < earliest ? probe.day : earliest),
    null,
  );
  return {
    ...monthReading(month, parsed),
    firstDay,
    ...monthDownloads(procedure, parsed.probes),
    days: summariseDays(parsed.probes),
    attempts: attemptsPart(parsed.probes),
  };
}

function attemptsPart(probes: readonly Probe[]): AttemptsPart {
  const counter = new AttemptsCounter();
  for (const probe of probes) counter.add(probe);
  return counter.part();
}

/** The cache directory: `$STATS_CACHE_DIR`, or node_modules/.cache/guichets-fermes/months; empty: no cache. */
export function monthCacheDirectory(environment: NodeJS.ProcessEnv = process.env): string | null {
  const configured = environment.STATS_CACHE_DIR;
  if (configured === '') return null;
  return path.resolve(configured ?? path.join('node_modules', '.cache', 'guichets-fermes', 'months'));
}

let codeFingerprint: string | null = null;

/**
 * SHA-256 of the code that makes an entry: every source file of src/lib and
 * src/site, and zlib's version; empty when the sources cannot be read.
 */
function fingerprint(): string {
  if (codeFingerprint !== null) return codeFingerprint;
  const hash = createHash('sha256').update(`${ENTRY_FORMAT}\0zlib ${versions.zlib}\0`);
  const source = path.resolve(import.meta.dirname, '..');
  try {
    for (const folder of ['lib', 'site']) {
      const files = readdirSync(path.join(source, folder), { recursive: true, encoding: 'utf8' }).sort();
      for (const file of files.filter((name) => name.endsWith('.ts')))
        hash.update(`${folder}/${file}\0`).update(readFileSync(path.join(source, folder, file)));
    }
    codeFingerprint = hash.digest('hex');
  } catch {
    codeFingerprint = '';
  }
  return codeFingerprint;
}

/** Whether an entry's probes respect the build's limits (else the file is read, and refused, again). */
function withinLimits(entry: IndexedReading, limits: ProbeLimits): boolean {
  return (
    (entry.latest === null || entry.latest.instant <= limits.latestInstant) &&
    (entry.firstDay === null || entry.firstDay >= limits.earliestDay)
  );
}

/** One build's month files: hand `read` to loadDataset, then ask `products` for the downloads. */
export class MonthStore {
  /** Cache key of each month file read by this build, by path. */
  private readonly keys = new Map<string, string>();
  /** Entries kept in memory when there is no cache directory. */
  private readonly memory = new Map<string, MonthProducts>();
  /** Months loadDataset took from the cache, and months it parsed and derived. */
  hits = 0;
  misses = 0;
  /** Months whose file was not even read: git vouched for it and the index knew its content's digest. */
  unread = 0;
  /** Time spent parsing and deriving the months loadDataset did not find cached (s): the statistics work. */
  recomputeSeconds = 0;

  /** Where entries are kept; null: in memory only, for this process. */
  private readonly directory: string | null;
  /** What the key covers besides the file: the code that makes an entry (empty in memory). */
  private readonly code: string;

  constructor(directory: string | null = monthCacheDirectory()) {
    // Bundled code (a bare `astro build`) cannot find its sources: it keeps entries in memory only.
    const code = directory === null ? '' : fingerprint();
    this.directory = code === '' ? null : directory;
    this.code = code;
  }

  /** The index parts written by the previous builds (each loaded at its first use), and those this build makes, by month. */
  private readonly previous = new Map<string, MonthIndex>();
  private readonly next = new Map<string, MonthIndex>();
  /** Months whose part this build changed: a reading or a digest the previous part did not hold. */
  private readonly changedParts = new Set<string>();
  /** Blob ids git vouches for in the data directory being loaded (empty: every file is read). */
  private blobs: BlobIds = new Map();

  /**
   * loadDataset through this store: unchanged months come from the cache, and
   * with a cache directory, the files git finds unmodified are not even read.
   * Writes the index for the next build.
   */
  loadDataset(
    dataDir: string,
    options: Omit<LoadOptions, 'readMonth' | 'knownDigest'> = {},
    git: GitRunner = runGit,
  ): Dataset {
    this.blobs = this.directory === null ? new Map() : unmodifiedBlobIds(dataDir, 'probes', git);
    const dataset = loadDataset(dataDir, { ...options, readMonth: this.read, knownDigest: this.knownDigest });
    this.writeIndex();
    return dataset;
  }

  /** The SHA-256 of a file git vouches for, when the index knows the content of that blob id. */
  private readonly knownDigest = (file: string, month: string): string | undefined => {
    const blob = this.blobs.get(file);
    const digest = blob === undefined ? undefined : this.index(month).digests.get(blob);
    if (blob === undefined || digest === undefined) return undefined;
    this.nextPart(month).digests.set(blob, digest);
    this.unread += 1;
    return digest;
  };

  /** The MonthReader of loadDataset: a usable entry, else the file parsed, derived and cached. */
  readonly read: MonthReader = (input: MonthFileInput) => {
    const key = this.keyOf(input.file, input.month, input.digest);
    this.keys.set(input.file, key);
    // Bytes loadDataset read are hashed as git hashes them too: the next build need not read them.
    const blob = this.blobs.get(input.file);
    if (input.bytes && blob !== undefined) {
      const id = blobIdOf(input.bytes, blob);
      if (this.index(input.month).digests.get(id) !== input.digest) this.changedParts.add(input.month);
      this.nextPart(input.month).digests.set(id, input.digest);
    }
    const known = this.index(input.month).readings.get(key);
    const cached = known ?? this.load(key);
    if (cached && withinLimits(cached, input.limits)) {
      this.hits += 1;
      // A reading of the previous part is kept as it is (the part need not be written again).
      if (known === undefined) this.changedParts.add(input.month);
      this.nextPart(input.month).readings.set(key, known ?? indexed(cached));
      return cached;
    }
    this.misses += 1;
    const started = performance.now();
    const products = monthProducts(
      input.procedure,
      input.month,
      parseMonthFile(decodeUtf8(monthBytes(input), input.file), input.file, input.month, input.limits),
    );
    this.recomputeSeconds += (performance.now() - started) / 1000;
    this.save(key, products);
    this.changedParts.add(input.month);
    this.nextPart(input.month).readings.set(key, indexed(products));
    return products;
  };

  /** Everything derived from one month file of `dataDir` read by this build (the file again if its entry is gone). */
  products(dataDir: string, procedure: Pick<Procedure, 'department' | 'slug'>, month: string): MonthProducts {
    const file = monthFilePath(dataDir, procedure.department, procedure.slug, month);
    const known = this.keys.get(file);
    const cached = known === undefined ? undefined : this.load(known);
    if (cached) return cached;
    const text = readDataFile(file);
    const products = monthProducts(procedure, month, parseMonthFile(text, file, month));
    // Under the digest of what was read now: an entry never describes other bytes than its key says.
    this.save(this.keyOf(file, month, monthFileDigest(text)), products);
    return products;
  }

  /**
   * Removes the entries this build did not use and that were written more
   * than an hour ago: the past hours' versions of the months in progress,
   * entries of older code. Recent ones are kept for builds running beside it.
   */
  prune(now = Date.now()): void {
    if (this.directory === null) return;
    const used = new Set([
      ...[...this.next.keys()].map(indexFile),
      ...[...this.keys.values()].map((key) => `${key}.bin`),
    ]);
    let names: string[];
    try {
      names = readdirSync(this.directory);
    } catch {
      return;
    }
    for (const name of names) {
      if (used.has(name)) continue;
      const file = path.join(this.directory, name);
      try {
        if (now - statSync(file).mtimeMs > KEEP_UNUSED_MS) rmSync(file, { force: true });
      } catch {
        // Removed meanwhile by another build: nothing to do.
      }
    }
  }

  /** SHA-256 of what the entry depends on; the one-shot hash, as one hour's load makes one key per month of history. */
  private keyOf(file: string, month: string, digest: string): string {
    return hash('sha256', `${this.code}\0${path.resolve(file)}\0${month}\0${digest}`, 'hex');
  }

  /** A usable entry, or undefined (absent, unreadable, or its checksum does not hold). */
  private load(key: string): MonthProducts | undefined {
    const kept = this.memory.get(key);
    if (kept || this.directory === null) return kept;
    return this.readChecked(`${key}.bin`) as MonthProducts | undefined;
  }

  /** The index part of a month the previous builds wrote, or an empty one (none, corrupt, another format). */
  private index(month: string): MonthIndex {
    let part = this.previous.get(month);
    if (part === undefined) {
      const kept = this.directory === null ? undefined : (this.readChecked(indexFile(month)) as MonthIndex | undefined);
      const usable = kept?.format === ENTRY_FORMAT && kept.readings instanceof Map && kept.digests instanceof Map;
      part = usable ? kept : emptyIndex();
      this.previous.set(month, part);
    }
    return part;
  }

  /** The index part of a month this build makes. */
  private nextPart(month: string): MonthIndex {
    let part = this.next.get(month);
    if (part === undefined) this.next.set(month, (part = emptyIndex()));
    return part;
  }

  /**
   * Writes the index parts this build changed, or that held months or digests
   * it did not use (they are forgotten with them); a part that holds exactly
   * what this build used, all taken from it, is left as it is.
   */
  private writeIndex(): void {
    if (this.directory === null) return;
    for (const [month, part] of this.next) {
      const before = this.index(month);
      const same =
        !this.changedParts.has(month) &&
        before.readings.size === part.readings.size &&
        before.digests.size === part.digests.size;
      if (!same) this.writeChecked(indexFile(month), part);
    }
  }

  /** A cache file's value, or undefined when it is absent, unreadable or its checksum does not hold. */
  private readChecked(name: string): unknown {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(this.directory!, name));
    } catch {
      return undefined;
    }
    const payload = bytes.subarray(32);
    if (bytes.length < 32 || !createHash('sha256').update(payload).digest().equals(bytes.subarray(0, 32)))
      return undefined;
    try {
      return deserialize(payload);
    } catch {
      return undefined;
    }
  }

  /** Writes an entry atomically (a rename), as its checksum followed by its bytes; a failure only costs time. */
  private save(key: string, products: MonthProducts): void {
    if (this.directory === null || !this.writeChecked(`${key}.bin`, products)) this.memory.set(key, products);
  }

  /** Writes a cache file atomically, as its checksum followed by its bytes; false when it could not be written. */
  private writeChecked(name: string, value: unknown): boolean {
    const payload = serialize(value);
    const file = path.join(this.directory!, name);
    const temporary = `${file}.${randomUUID()}.tmp`;
    try {
      mkdirSync(this.directory!, { recursive: true });
      writeFileSync(temporary, Buffer.concat([createHash('sha256').update(payload).digest(), payload]));
      renameSync(temporary, file);
      return true;
    } catch {
      rmSync(temporary, { force: true });
      return false;
    }
  }
}

function emptyIndex(): MonthIndex {
  return { format: ENTRY_FORMAT, readings: new Map(), digests: new Map() };
}

/** What the index keeps of a month's products: what loadDataset and withinLimits read. */
function indexed({ statistics, warnings, latest, firstDay }: IndexedReading): IndexedReading {
  return { statistics, warnings, latest, firstDay };
}
