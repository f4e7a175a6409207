/**
 * The whole site build: validate the data, write the downloads (the data page
 * shows their sizes), render the pages with Astro, then swap the new site in place of the old one. Validation
 * comes first so that bad data stop the build before anything is written, and
 * the swap is a rename so that `dist/` is never half old, half new.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { withBuildLock } from './build-lock.ts';
import { evidenceRecords } from './evidence-archives.ts';
import { checkGuideText } from '../lib/guide.ts';
import { provideDataset, provideMonthStore } from './dataset.ts';
import { provideDownloadSizes } from './download-sizes.ts';
import { writeDownloads } from './downloads.ts';
import { monthCacheDirectory, MonthStore } from './month-store.ts';

export interface SiteBuild {
  dataDir: string;
  /** Final output directory, replaced as a whole. */
  outDir: string;
  /** Astro project root (where astro.config.mjs is). */
  root: string;
  /** The build's clock (ms since the epoch): probes dated later are refused. */
  now?: number;
  /** Where warnings on accepted data go (`file:line: message`). */
  warn?: (message: string) => void;
  /** The month cache (src/site/month-store.ts): default `$STATS_CACHE_DIR` or under node_modules/.cache; null: none. */
  cacheDir?: string | null;
  /** Told how long each step took, wall and CPU (`BUILD_TIMINGS=1 npm run build` prints them): where the time goes. */
  timing?: ((step: string, seconds: number, cpuSeconds: number) => void) | undefined;
}

export async function buildSite({
  dataDir,
  outDir,
  root,
  now,
  warn = (message) => console.warn(`warning: ${message}`),
  cacheDir = monthCacheDirectory(),
  timing = () => {},
}: SiteBuild): Promise<void> {
  checkGuides(path.join(root, 'src/content/guides'));
  let started = performance.now();
  let cpu = process.cpuUsage();
  const step = (name: string) => {
    const ended = performance.now();
    const used = process.cpuUsage(cpu);
    timing(name, (ended - started) / 1000, (used.user + used.system) / 1e6);
    started = ended;
    cpu = process.cpuUsage();
  };
  // One reader of the month files for the whole build, answering unchanged files from the month cache (files git finds unmodified are not even read).
  const months = new MonthStore(cacheDir);
  const dataset = months.loadDataset(dataDir, { now });
  step(`load and month statistics (${months.hits} months from the cache, ${months.misses} read)`);
  for (const warning of dataset.warnings) warn(warning);
  // The evidence records are read by month pages; a bad one stops the build here, before Astro, as bad data do.
  evidenceRecords(dataDir);
  provideDataset(dataset);
  provideMonthStore(months);
  // Astro is loaded only once the data are known good: a refusal stays quick.
  const { build } = await import('astro');
  const staging = path.join(path.dirname(outDir), `.${path.basename(outDir)}.staging-${process.pid}`);
  const downloads = `${staging}-downloads`;
  rmSync(staging, { recursive: true, force: true });
  rmSync(downloads, { recursive: true, force: true });
  const alias = astroOutDir(staging, process.cwd());
  try {
    // Written apart first, since Astro may empty its output folder.
    provideDownloadSizes(await writeDownloads(dataset, downloads, months));
    step('downloads');
    // Builds of this checkout may share its `.astro/` folder (see build-lock.ts): one at a time.
    await withBuildLock(path.join(root, '.astro'), () => build({ root, outDir: alias.outDir, logLevel: 'warn' }));
    step('pages (Astro)');
    moveInto(downloads, staging);
    const previous = `${staging}-previous`;
    if (existsSync(outDir)) renameSync(outDir, previous);
    renameSync(staging, outDir);
    step('swap into place');
    rmSync(previous, { recursive: true, force: true });
    months.prune();
    step('previous site and unused cache entries removed');
  } finally {
    rmSync(downloads, { recursive: true, force: true });
    rmSync(staging, { recursive: true, force: true });
    alias.remove();
  }
}

/**
 * Moves the files of `from` into the folder `to`, merging with what `to`
 * already holds (a file of `from` replaces one of the same path). A folder
 * `to` lacks is moved whole, by one rename: the tens of thousands of month
 * downloads are neither copied nor deleted one by one. Both folders are on
 * the same disk (siblings of the output folder).
 */
export function moveInto(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory() && existsSync(target) && statSync(target).isDirectory()) moveInto(source, target);
    else renameSync(source, target);
  }
}

/**
 * True when Astro would take `directory` for a folder of the working
 * directory although it is not one. Astro keeps its prerender chunks inside
 * the output folder when that folder's path merely starts with the working
 * directory's (a string test), else in `<cwd>/.astro/`. A folder such as
 * `/work/guichets-site/out` (checkout `/work/guichets`) passes the test, so
 * the chunks land outside the project, where they cannot import its packages:
 * `ERR_MODULE_NOT_FOUND '@oslojs/encoding'`. One level up the staging folder
 * (`/work/.guichets-site.staging`) did not pass it, hence « two levels deep ».
 */
export function misreadAsInside(directory: string, cwd: string): boolean {
  const relative = path.relative(cwd, directory);
  const inside = relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  return !inside && directory.startsWith(cwd);
}

/**
 * The output folder to give Astro for `staging`: itself, or, when Astro would
 * misread it (see misreadAsInside), the same folder reached through a symbolic
 * link in the system's temporary folder, so that Astro keeps its chunks in the
 * project. The files are still written in place, on the output's disk, so the
 * final rename stays atomic.
 */
export function astroOutDir(staging: string, cwd: string): { outDir: string; remove: () => void } {
  if (!misreadAsInside(staging, cwd)) return { outDir: staging, remove: () => {} };
  const linkFolder = mkdtempSync(path.join(tmpdir(), 'guichets-out-'));
  const link = path.join(linkFolder, 'parent');
  mkdirSync(path.dirname(staging), { recursive: true });
  symlinkSync(path.dirname(staging), link, 'dir');
  const outDir = path.join(link, path.basename(staging));
  if (misreadAsInside(outDir, cwd))
    throw new Error(`cannot build into ${staging} from ${cwd}: choose an OUT_DIR inside the project or elsewhere`);
  return { outDir, remove: () => rmSync(linkFolder, { recursive: true, force: true }) };
}

/** Checks every guide's front matter before Astro reads it: a mistake reads `file:line: message` like bad data. */
function checkGuides(directory: string): void {
  for (const name of readdirSync(directory).filter((entry) => entry.endsWith('.mdx'))) {
    const file = path.join(directory, name);
    checkGuideText(readFileSync(file, 'utf8'), path.relative(process.cwd(), file));
  }
}
