/**
 * `npm run bench`: generates a synthetic national dataset in a temporary
 * directory and measures, on the same files, the month statistics (ours next
 * to DuckDB, with every procedure-month compared), one more hour, the full
 * site build and one robot round. Returns the figures; the caller prints them
 * and writes bench/RESULTS.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Colour } from '../lib/colour.ts';
import { changedFiles, measureBuild, type BuildFigures, type RebuildChanges } from './build-benchmark.ts';
import { colourTotals, differences, type EngineRun } from './month-figures.ts';
import { appendRound, commitData, oneMoreHour, type OneMoreHour } from './one-more-hour.ts';
import { robotRound, type RobotRound } from './robot-round.ts';
import { LAST_MONTH, type BenchScale } from './scales.ts';
import { syntheticCatalogue, writeSyntheticData } from './synthetic-data.ts';

/** The machine the figures were measured on: other processes share it. */
interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  /** 1, 5 and 15 minute load averages when the run started. */
  loadAtStart: number[];
  /** The same when it ended. */
  loadAtEnd: number[];
  date: string;
}

export interface BenchReport {
  scale: BenchScale;
  machine: Machine;
  probes: number;
  monthFiles: number;
  generateSeconds: number;
  ours: Omit<EngineRun, 'figures'>;
  duckdb: Omit<EngineRun, 'figures'>;
  /** Procedure-months where the two engines differ (printable lines). */
  mismatches: string[];
  colours: Record<Colour, number>;
  /** At one year (null when the history is not longer than a year) and at the full history. */
  oneMoreHourYear: OneMoreHour | null;
  oneMoreHourFull: OneMoreHour;
  build: BuildFigures | null;
  /** The hourly rebuild: one more round, built again with the month cache of the build before. */
  rebuild: Rebuild | null;
  robot: RobotRound | null;
}

/** The rebuild after one more round: its time and which output files changed. */
export interface Rebuild extends RebuildChanges {
  seconds: number;
}

export type Part = 'build' | 'robot';

function machineNow(): Pick<Machine, 'cores' | 'cpu' | 'memoryGb' | 'node'> {
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: os.totalmem() / 2 ** 30,
    node: process.version,
  };
}

function runEngine(script: string, dataDir: string, output: string): Promise<EngineRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve('node_modules/.bin/tsx'), [script, dataDir, output], {
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(readFileSync(output, 'utf8')) as EngineRun)
        : reject(new Error(`${script} failed (exit ${code}):\n${stderr}`)),
    );
  });
}

/** Runs every part of the benchmark at `scale`; `skip` leaves out the slow parts. */
export async function runBenchmark(
  scale: BenchScale,
  { skip = [], log = console.log }: { skip?: Part[]; log?: (line: string) => void } = {},
): Promise<BenchReport> {
  const loadAtStart = os.loadavg();
  const date = new Date().toISOString();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'guichets-bench-'));
  try {
    const dataDir = path.join(workDir, 'data');
    const started = performance.now();
    const synthetic = { procedures: scale.procedures, months: scale.months, lastMonth: LAST_MONTH };
    const probes = writeSyntheticData(dataDir, synthetic);
    const generateSeconds = (performance.now() - started) / 1000;
    log(
      `data: ${scale.procedures} procedures × ${scale.months} months, ${probes.toLocaleString('en')} probes, written in ${generateSeconds.toFixed(1)} s`,
    );

    const ours = await runEngine('src/bench/statistics-ours.ts', dataDir, path.join(workDir, 'ours.json'));
    log(`statistics, ours: ${ours.seconds.toFixed(2)} s, ${ours.peakMb.toFixed(0)} MB peak`);
    const duckdb = await runEngine('src/bench/statistics-duckdb.ts', dataDir, path.join(workDir, 'duckdb.json'));
    log(`statistics, DuckDB: ${duckdb.seconds.toFixed(2)} s, ${duckdb.peakMb.toFixed(0)} MB peak`);
    const mismatches = differences(ours.figures, duckdb.figures);
    const colours = colourTotals(ours.figures);
    const monthFiles = Object.keys(ours.figures).length;
    log(`compared ${monthFiles} procedure-months: ${mismatches.length} differ; colours ${JSON.stringify(colours)}`);

    let oneMoreHourYear: OneMoreHour | null = null;
    if (scale.months > 12) {
      const yearDir = path.join(workDir, 'year');
      const year = { ...synthetic, months: 12 };
      writeSyntheticData(yearDir, year);
      oneMoreHourYear = oneMoreHour(yearDir, year);
      rmSync(yearDir, { recursive: true, force: true });
      log(
        `one more hour at 12 months: ${oneMoreHourYear.fullReloadSeconds.toFixed(2)} s (no cache), ${oneMoreHourYear.cachedSeconds.toFixed(3)} s (month cache, ${oneMoreHourYear.monthsRecomputed} months recomputed in ${oneMoreHourYear.statisticsSeconds.toFixed(3)} s)`,
      );
    }
    const oneMoreHourFull = oneMoreHour(dataDir, synthetic);
    log(
      `one more hour at ${scale.months} months: ${oneMoreHourFull.fullReloadSeconds.toFixed(2)} s (no cache), ${oneMoreHourFull.cachedSeconds.toFixed(3)} s (month cache, ${oneMoreHourFull.monthsRecomputed} months recomputed in ${oneMoreHourFull.statisticsSeconds.toFixed(3)} s)`,
    );

    let build: BuildFigures | null = null;
    let rebuild: Rebuild | null = null;
    if (!skip.includes('build')) {
      const cacheDir = path.join(workDir, 'month-cache');
      build = await measureBuild(dataDir, path.join(workDir, 'dist'), cacheDir);
      log(
        `build: ${build.seconds.toFixed(1)} s, ${build.peakMb?.toFixed(0) ?? '?'} MB peak, ${build.pages} pages, ${(build.totalBytes / 1e6).toFixed(1)} MB`,
      );
      // One more round, committed as the robot does, then the hourly rebuild with the month cache the first build left.
      const appended = appendRound(dataDir, synthetic);
      commitData(dataDir, 'One more round');
      const again = await measureBuild(dataDir, path.join(workDir, 'dist-again'), cacheDir);
      const procedureOf = (entry: { department: string; slug: string }) => `${entry.department}/${entry.slug}`;
      const round = {
        procedures: new Set(syntheticCatalogue(synthetic).map(procedureOf)),
        probed: new Set(appended),
        month: LAST_MONTH,
      };
      rebuild = {
        seconds: again.seconds,
        ...changedFiles(path.join(workDir, 'dist'), path.join(workDir, 'dist-again'), round),
      };
      log(
        `rebuild after one more round: ${rebuild.seconds.toFixed(1)} s, ${rebuild.changed} of ${rebuild.total} files changed, ${rebuild.unexpectedCount} unexpectedly (${rebuild.closedMonths} of closed months)`,
      );
      for (const { file, excerpt } of rebuild.unexpected.slice(0, 5)) log(`  unexpected: ${file}: ${excerpt}`);
    }
    let robot: RobotRound | null = null;
    if (!skip.includes('robot')) {
      robot = await robotRound(scale.procedures, scale.hosts);
      log(
        `robot round: ${robot.procedures} procedures on ${robot.hosts} hosts, ${robot.wallSeconds.toFixed(1)} s wall, ${robot.asExpected}/${robot.procedures} as expected`,
      );
    }
    const strip = ({ seconds, peakMb, note }: EngineRun) => ({ seconds, peakMb, note });
    return {
      scale,
      machine: { ...machineNow(), loadAtStart, loadAtEnd: os.loadavg(), date },
      probes,
      monthFiles,
      generateSeconds,
      ours: strip(ours),
      duckdb: strip(duckdb),
      mismatches,
      colours,
      oneMoreHourYear,
      oneMoreHourFull,
      build,
      rebuild,
      robot,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Why a run fails: the engines disagree, a colour never occurs, or the robot recorded something else than the scenarios say. */
export function failures(report: BenchReport): string[] {
  const reasons = report.mismatches.map((line) => `differs: ${line}`);
  for (const [colour, count] of Object.entries(report.colours))
    if (count === 0) reasons.push(`no ${colour} probe in the dataset`);
  if (report.robot && (report.robot.asExpected !== report.robot.procedures || report.robot.failuresAsNone > 0))
    reasons.push(
      `robot round: ${report.robot.asExpected}/${report.robot.procedures} outcomes as expected, ${report.robot.failuresAsNone} failures recorded as none`,
    );
  return reasons;
}
