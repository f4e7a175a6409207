/**
 * Measures `npm run build` on a synthetic data directory: wall time, peak
 * memory and output size, the figures the hourly build on a 2-core runner and
 * the 1 GB GitHub Pages limit are judged against.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { writeSyntheticData } from './synthetic-data.ts';

export async function benchmarkBuild(workDir: string, procedures: number, months: number): Promise<void> {
  const dataDir = path.join(workDir, 'data');
  const outDir = path.join(workDir, 'dist');
  const started = performance.now();
  const probes = writeSyntheticData(dataDir, { procedures, months, lastMonth: '2026-10' });
  console.log(`data: ${procedures} procedures × ${months} months = ${probes.toLocaleString('en')} probes, written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const buildStart = performance.now();
  const report = execFileSync('/usr/bin/time', ['-v', path.resolve('node_modules/.bin/tsx'), 'scripts/build.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, OUT_DIR: outDir },
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const seconds = (performance.now() - buildStart) / 1000;
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1];
  const size = execFileSync('du', ['-sb', outDir], { encoding: 'utf8' }).split('\t')[0];
  const packed = execFileSync('sh', ['-c', `tar -C ${outDir} -cf - . | gzip -1 | wc -c`], { encoding: 'utf8' }).trim();
  console.log(`build: ${seconds.toFixed(1)} s, peak memory ${peak ? (Number(peak) / 1024).toFixed(0) : '?'} MB`);
  console.log(`dist: ${(Number(size) / 1e6).toFixed(1)} MB, ${(Number(packed) / 1e6).toFixed(1)} MB as a gzipped tar (the Pages artifact)`);
  console.log(`per procedure-month: ${((seconds * 1000) / (procedures * months)).toFixed(1)} ms, ${(Number(size) / (procedures * months) / 1024).toFixed(1)} kB`);
}
