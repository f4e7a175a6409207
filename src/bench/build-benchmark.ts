/**
 * Measures `npm run build` on a synthetic data directory: wall time, peak
 * memory and output size, the figures the hourly build on a 2-core runner and
 * the 1 GB GitHub Pages limit are judged against. The size is broken down
 * into what grows with the number of procedure-months.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeSyntheticData } from './synthetic-data.ts';

/** Where the bytes of a built site go, by kind of file. */
interface SizeBreakdown {
  prerenderedMonths: { files: number; bytes: number };
  deferredMonths: { files: number; bytes: number };
  monthCsvs: { files: number; bytes: number };
  other: { files: number; bytes: number };
}

/** Sorts every file of a built site into the SizeBreakdown's kinds. */
function sizeBreakdown(outDir: string): SizeBreakdown {
  const breakdown: SizeBreakdown = { prerenderedMonths: { files: 0, bytes: 0 }, deferredMonths: { files: 0, bytes: 0 }, monthCsvs: { files: 0, bytes: 0 }, other: { files: 0, bytes: 0 } };
  const visit = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const file = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        visit(file);
        continue;
      }
      const relative = path.relative(outDir, file).split(path.sep).join('/');
      const bytes = statSync(file).size;
      let kind: keyof SizeBreakdown = 'other';
      if (/^donnees\/sondages\/.+\.csv\.gz$/.test(relative)) kind = 'monthCsvs';
      else if (/^[^/]+\/[^/]+\/\d{4}-\d{2}\/index\.html$/.test(relative)) {
        kind = readFileSync(file, 'utf8').includes('data-raw-month-csv=') ? 'deferredMonths' : 'prerenderedMonths';
      }
      breakdown[kind].files += 1;
      breakdown[kind].bytes += bytes;
    }
  };
  visit(outDir);
  return breakdown;
}

export async function benchmarkBuild(workDir: string, procedures: number, months: number): Promise<void> {
  const dataDir = path.join(workDir, 'data');
  const outDir = path.join(workDir, 'dist');
  const started = performance.now();
  const probes = writeSyntheticData(dataDir, { procedures, months, lastMonth: '2026-10' });
  console.log(`data: ${procedures} procedures × ${months} months = ${probes.toLocaleString('en')} probes, written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const buildStart = performance.now();
  // GNU time writes its report to stderr, after the build's own output.
  const build = spawnSync('/usr/bin/time', ['-v', path.resolve('node_modules/.bin/tsx'), 'scripts/build.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, OUT_DIR: outDir },
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - buildStart) / 1000;
  if (build.error) throw build.error;
  if (build.status !== 0) throw new Error(`the build failed (exit ${build.status}):\n${build.stderr}`);
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(build.stderr)?.[1];
  const size = execFileSync('du', ['-sb', outDir], { encoding: 'utf8' }).split('\t')[0];
  const packed = execFileSync('sh', ['-c', `tar -C ${outDir} -cf - . | gzip -1 | wc -c`], { encoding: 'utf8' }).trim();
  console.log(`build: ${seconds.toFixed(1)} s, peak memory ${peak ? (Number(peak) / 1024).toFixed(0) : '?'} MB`);
  console.log(`dist: ${(Number(size) / 1e6).toFixed(1)} MB, ${(Number(packed) / 1e6).toFixed(1)} MB as a gzipped tar (the Pages artifact)`);
  console.log(`per procedure-month: ${((seconds * 1000) / (procedures * months)).toFixed(1)} ms, ${(Number(size) / (procedures * months) / 1024).toFixed(1)} kB`);
  const labels: Record<keyof SizeBreakdown, string> = {
    prerenderedMonths: 'month pages with their rows',
    deferredMonths: 'month pages drawn from the CSV',
    monthCsvs: 'month CSVs (.csv.gz)',
    other: 'everything else',
  };
  for (const [kind, { files, bytes }] of Object.entries(sizeBreakdown(outDir)) as [keyof SizeBreakdown, SizeBreakdown[keyof SizeBreakdown]][]) {
    const average = files > 0 ? `, ${(bytes / files / 1024).toFixed(1)} kB each` : '';
    console.log(`  ${labels[kind]}: ${files.toLocaleString('en')} files, ${(bytes / 1e6).toFixed(1)} MB${average}`);
  }
}
