// Builds the site from DATA_DIR (default data/) into dist/ (or OUT_DIR); a data error stops it with `file:line: message`.
import path from 'node:path';
import { DataError } from '../src/lib/data-error.ts';
import { buildClock, dataDirectory } from '../src/lib/data-directory.ts';
import { buildSite } from '../src/site/build.ts';

try {
  await buildSite({
    dataDir: dataDirectory(),
    outDir: path.resolve(process.env.OUT_DIR || 'dist'),
    root: process.cwd(),
    now: buildClock(),
    timing: process.env.BUILD_TIMINGS
      ? (step, seconds, cpu) => console.error(`${seconds.toFixed(1)} s (CPU ${cpu.toFixed(1)} s)  ${step}`)
      : undefined,
  });
} catch (error) {
  if (!(error instanceof DataError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
