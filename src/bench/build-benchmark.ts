/**
 * Measures `npm run build` on a data directory: wall time, peak memory (GNU
 * time when present; Node cannot read a child's peak otherwise), pages and the size of
 * dist/ by kind of file, the figures the hourly build on a 2-core runner and
 * the 1 GB GitHub Pages limit are judged against.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { writeSyntheticData } from './synthetic-data.ts';

/** Files and bytes of one kind of output. */
interface Share {
  files: number;
  bytes: number;
}

export interface BuildFigures {
  seconds: number;
  /** Peak resident memory of the build, MB (null when it could not be measured). */
  peakMb: number | null;
  /** How the peak was measured. */
  peakSource: string;
  /** HTML pages written. */
  pages: number;
  /** Bytes of dist/ on disk, as `du -sb` counts them. */
  totalBytes: number;
  /** dist/ as a gzipped tar, about what the Pages artifact uploads. */
  packedBytes: number;
  /** The national overview (the home page) gzipped, bytes: issue 14 wants ≤ 100 kB with 300 procedures. */
  overviewGzipBytes: number;
  /** By kind: month pages (with rows or drawn from the CSV), month CSVs, other HTML, other files. */
  kinds: Record<string, Share>;
}

/** Sorts one output file into its kind. */
function kindOf(relative: string, file: string): string {
  if (/^donnees\/sondages\/.+\.csv\.gz$/.test(relative)) return 'month CSVs (.csv.gz)';
  if (/^[^/]+\/[^/]+\/\d{4}-\d{2}\/index\.html$/.test(relative)) {
    return readFileSync(file, 'utf8').includes('data-raw-month-csv=')
      ? 'month pages drawn from the CSV'
      : 'month pages with their rows';
  }
  if (relative.endsWith('.html')) return 'other HTML pages';
  const extension = path.extname(relative);
  return extension ? `other ${extension}` : 'other (no extension)';
}

/** Every file below `directory` (not the folders), as absolute paths. */
function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function sizeByKind(outDir: string): { kinds: Record<string, Share>; pages: number } {
  const kinds: Record<string, Share> = {};
  let pages = 0;
  for (const file of filesUnder(outDir)) {
    const relative = path.relative(outDir, file).split(path.sep).join('/');
    if (relative.endsWith('.html')) pages += 1;
    const share = (kinds[kindOf(relative, file)] ??= { files: 0, bytes: 0 });
    share.files += 1;
    share.bytes += statSync(file).size;
  }
  return { kinds, pages };
}

/** What one more round changed in the data: which procedures got a row, in which month. */
export interface Round {
  /** `department/slug` of every procedure of the registry. */
  procedures: ReadonlySet<string>;
  /** `department/slug` of the procedures that got a row. */
  probed: ReadonlySet<string>;
  /** The month in progress, `YYYY-MM`, the one the rows went to. */
  month: string;
}

/** Changed files of one kind after one more round: all of them, and those that should have kept their bytes. */
export interface KindChange {
  changed: number;
  unexpected: number;
}

/** The files of the rebuild that changed and should not have, with the first difference. */
export interface UnexpectedChange {
  file: string;
  /** The text around the first difference, after the round (gunzipped for .gz). */
  excerpt: string;
}

export interface RebuildChanges {
  changed: number;
  total: number;
  /** By kind of file (the kinds of the dist/ table). */
  kinds: Record<string, KindChange>;
  /** Closed months' pages and CSVs that changed: never expected. */
  closedMonths: number;
  /** The first unexpected changes (at most 20), for the report. */
  unexpected: UnexpectedChange[];
  unexpectedCount: number;
}

/**
 * Whether one more round may change this output file: the month in progress
 * (page and CSV) and the other pages of a procedure that got a row, its
 * department's pages, the overviews and the whole-dataset downloads. A closed
 * month, a procedure without a new row, the guides and the assets must keep
 * their bytes, so a deploy uploads little and caches stay warm.
 */
export function expectedChange(relative: string, round: Round): boolean {
  const month =
    /^donnees\/sondages\/([^/]+\/[^/]+)\/(\d{4}-\d{2})\.csv\.gz$/.exec(relative) ??
    /^([^/]+\/[^/]+)\/(\d{4}-\d{2})\/index\.html$/.exec(relative);
  if (month) return month[2] === round.month && round.probed.has(month[1]!);
  const summary = /^donnees\/statistiques\/([^/]+\/[^/]+)\.csv$/.exec(relative);
  if (summary) return round.probed.has(summary[1]!);
  const [first = '', second = ''] = relative.split('/');
  const procedure = `${first}/${second}`;
  if (round.procedures.has(procedure)) return round.probed.has(procedure);
  const departments = (keys: ReadonlySet<string>) => new Set([...keys].map((key) => key.split('/')[0]));
  if (departments(round.procedures).has(first)) return departments(round.probed).has(first);
  return first === 'donnees' || ['index.html', 'index.json', 'flux.atom'].includes(relative);
}

/** Whether a file is a closed month's page or CSV (a month before the one in progress). */
function isClosedMonth(relative: string, round: Round): boolean {
  const month = /^(?:donnees\/sondages\/)?[^/]+\/[^/]+\/(\d{4}-\d{2})(?:\.csv\.gz|\/index\.html)$/.exec(relative);
  return month !== null && month[1]! < round.month;
}

/** The text around the first byte where two versions of a file differ. */
function firstDifference(before: Buffer | null, after: Buffer, file: string): string {
  if (!before) return '(new file)';
  const [a, b] = file.endsWith('.gz') ? [gunzipSync(before), gunzipSync(after)] : [before, after];
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index += 1;
  const around = (buffer: Buffer) =>
    buffer
      .subarray(Math.max(0, index - 40), index + 60)
      .toString('utf8')
      .replace(/\s+/g, ' ');
  return `${around(a)} → ${around(b)}`;
}

/**
 * Which files of `after` are new or differ from `before` (byte for byte), by
 * kind, and which of them one more round should not have changed.
 */
export function changedFiles(before: string, after: string, round: Round): RebuildChanges {
  const files = filesUnder(after);
  const kinds: Record<string, KindChange> = {};
  const unexpected: UnexpectedChange[] = [];
  let changed = 0;
  let closedMonths = 0;
  let unexpectedCount = 0;
  for (const file of files) {
    const relative = path.relative(after, file).split(path.sep).join('/');
    const previousFile = path.join(before, relative);
    const previous = existsSync(previousFile) ? readFileSync(previousFile) : null;
    const current = readFileSync(file);
    if (previous?.equals(current)) continue;
    changed += 1;
    const share = (kinds[kindOf(relative, file)] ??= { changed: 0, unexpected: 0 });
    share.changed += 1;
    if (isClosedMonth(relative, round)) closedMonths += 1;
    if (expectedChange(relative, round)) continue;
    share.unexpected += 1;
    unexpectedCount += 1;
    if (unexpected.length < 20) unexpected.push({ file: relative, excerpt: firstDifference(previous, current, file) });
  }
  return { changed, total: files.length, kinds, closedMonths, unexpected, unexpectedCount };
}

/**
 * Runs the site build as a child process on `dataDir` into `outDir` and
 * measures it; `cacheDir` is its month cache (src/site/month-store.ts).
 */
export async function measureBuild(dataDir: string, outDir: string, cacheDir = ''): Promise<BuildFigures> {
  const tsx = path.resolve('node_modules/.bin/tsx');
  const gnuTime = existsSync('/usr/bin/time');
  const [command, args] = gnuTime ? ['/usr/bin/time', ['-v', tsx, 'scripts/build.ts']] : [tsx, ['scripts/build.ts']];
  const started = performance.now();
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, DATA_DIR: dataDir, OUT_DIR: outDir, STATS_CACHE_DIR: cacheDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.code !== 0) throw new Error(`the build failed (exit ${result.code}):\n${result.stderr.slice(-4000)}`);
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1];
  const totalBytes = Number(execFileSync('du', ['-sb', outDir], { encoding: 'utf8' }).split('\t')[0]);
  const packedBytes = Number(
    spawnSync('sh', ['-c', 'tar -C "$1" -cf - . | gzip -1 | wc -c', 'sh', outDir], { encoding: 'utf8' }).stdout.trim(),
  );
  return {
    seconds,
    peakMb: peak ? Number(peak) / 1024 : null,
    peakSource: peak ? 'GNU time -v (largest process of the build)' : 'not measured (no /usr/bin/time)',
    totalBytes,
    packedBytes,
    overviewGzipBytes: gzipSync(readFileSync(path.join(outDir, 'index.html'))).length,
    ...sizeByKind(outDir),
  };
}

/** `npm run bench:build -- [procedures] [months]`: the build alone on synthetic data, printed. */
export async function benchmarkBuild(workDir: string, procedures: number, months: number): Promise<void> {
  const dataDir = path.join(workDir, 'data');
  const started = performance.now();
  const probes = writeSyntheticData(dataDir, { procedures, months, lastMonth: '2026-10' });
  console.log(
    `data: ${procedures} procedures × ${months} months = ${probes.toLocaleString('en')} probes, written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const build = await measureBuild(dataDir, path.join(workDir, 'dist'));
  console.log(
    `build: ${build.seconds.toFixed(1)} s, peak memory ${build.peakMb?.toFixed(0) ?? '?'} MB, ${build.pages} pages`,
  );
  console.log(
    `dist: ${(build.totalBytes / 1e6).toFixed(1)} MB, ${(build.packedBytes / 1e6).toFixed(1)} MB as a gzipped tar (the Pages artifact)`,
  );
  for (const [kind, { files, bytes }] of Object.entries(build.kinds)) {
    console.log(`  ${kind}: ${files.toLocaleString('en')} files, ${(bytes / 1e6).toFixed(1)} MB`);
  }
}
