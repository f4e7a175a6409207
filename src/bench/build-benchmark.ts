/**
 * Measures `npm run build` on a data directory: wall time, peak memory (GNU
 * time when present; Node cannot read a child's peak otherwise), pages and the size of
 * dist/ by kind of file, the figures the hourly build on a 2-core runner and
 * the 1 GB GitHub Pages limit are judged against.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
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

/** How many files of `after` are new or differ from `before` (byte for byte), of how many. */
export function changedFiles(before: string, after: string): { changed: number; total: number } {
  const files = filesUnder(after);
  const changed = files.filter((file) => {
    const previous = path.join(before, path.relative(after, file));
    return !existsSync(previous) || !readFileSync(previous).equals(readFileSync(file));
  }).length;
  return { changed, total: files.length };
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
