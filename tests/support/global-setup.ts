/**
 * Builds the site of the fixture data directory once for the whole run, the
 * way a user would (`npm run build` with DATA_DIR), and hands its location to
 * the tests that read or browse it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { writeFixtureDataDirectory } from './fixture-data.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    fixtureDataDir: string;
    fixtureSiteDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dataDir = writeFixtureDataDirectory();
  const siteDir = path.join(mkdtempSync(path.join(tmpdir(), 'guichets-site-')), 'dist');
  execFileSync(path.resolve('node_modules/.bin/tsx'), ['scripts/build.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, OUT_DIR: siteDir, SITE_URL: 'https://guichets.example' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  project.provide('fixtureDataDir', dataDir);
  project.provide('fixtureSiteDir', siteDir);
  return () => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(path.dirname(siteDir), { recursive: true, force: true });
  };
}
