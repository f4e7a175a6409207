/**
 * The whole site build: validate the data, render the pages with Astro, write
 * the downloads, then swap the new site in place of the old one. Validation
 * comes first so that bad data stop the build before anything is written, and
 * the swap is a rename so that `dist/` is never half old, half new.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'astro';
import { loadDataset } from '../lib/dataset.ts';
import { provideDataset } from './dataset.ts';
import { writeDownloads } from './downloads.ts';

export interface SiteBuild {
  dataDir: string;
  /** Final output directory, replaced as a whole. */
  outDir: string;
  /** Astro project root (where astro.config.mjs is). */
  root: string;
}

export async function buildSite({ dataDir, outDir, root }: SiteBuild): Promise<void> {
  const dataset = loadDataset(dataDir);
  provideDataset(dataset);
  const staging = path.join(path.dirname(outDir), `.${path.basename(outDir)}.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    await build({ root, outDir: staging, logLevel: 'warn' });
    await writeDownloads(dataset, staging);
    const previous = `${staging}-previous`;
    if (existsSync(outDir)) renameSync(outDir, previous);
    renameSync(staging, outDir);
    rmSync(previous, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
