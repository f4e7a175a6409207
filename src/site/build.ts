/**
 * The whole site build: validate the data, render the pages with Astro, write
 * the downloads, then swap the new site in place of the old one. Validation
 * comes first so that bad data stop the build before anything is written, and
 * the swap is a rename so that `dist/` is never half old, half new.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { loadDataset } from '../lib/dataset.ts';
import { provideDataset } from './dataset.ts';
import { writeDownloads } from './downloads.ts';

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
}

export async function buildSite({ dataDir, outDir, root, now, warn = (message) => console.warn(`warning: ${message}`) }: SiteBuild): Promise<void> {
  const dataset = loadDataset(dataDir, { now });
  for (const warning of dataset.warnings) warn(warning);
  provideDataset(dataset);
  // Astro is loaded only once the data are known good: a refusal stays quick.
  const { build } = await import('astro');
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
