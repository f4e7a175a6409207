/**
 * `npm start`: the whole system on a simulated period, in a demonstration
 * directory (default `.demo/`, git-ignored), never in `data/`:
 *
 *   1. the older history, computed by the scenario model (no HTTP) and written
 *      by the robot's writer with its validation;
 *   2. the last days (7 by default), hour by hour in virtual time, through the
 *      real robot probing the simulator over HTTP on 127.0.0.1;
 *   3. the site, built with the demonstration banner (DEMO=1);
 *   4. a local server for it, whose URL is printed.
 *
 * Each finished step is noted in `demonstration.json`, so a second run serves
 * what is there (or finishes what is missing) unless `--fresh`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { addDays, daysBetween, formatParisTimestamp, parisClock, parisDay, parisInstant } from '../lib/calendar.ts';
import { registryPath } from '../lib/data-directory.ts';
import { isActiveOn } from '../lib/registry.ts';
import { realFileSystem, writeFileAtomic, type FileSystem } from '../robot/atomic-file.ts';
import { appendProbes } from '../robot/month-file-store.ts';
import { runRound } from '../robot/round.ts';
import { registerCatalogue } from '../robot/simulator/catalogue.ts';
import {
  demonstrationCatalogue,
  demonstrationRegistry,
  type DemonstrationPeriod,
  type DemonstrationProcedure,
} from '../robot/simulator/demonstration.ts';
import { MODELLED_DETAIL, modelProbeAt } from '../robot/simulator/model.ts';
import { Simulator } from '../robot/simulator/server.ts';
import { userAgent } from '../robot/user-agent.ts';
import { buildSite } from '../site/build.ts';
import { serveDirectory, type StaticServer } from './static-server.ts';

export interface DemonstrationOptions {
  /** The demonstration directory (data/, dist/ and the state file go there). */
  directory: string;
  /** Simulated Paris days, ending yesterday. */
  days: number;
  /** The last days that go through the real robot over HTTP. */
  httpDays: number;
  seed: number;
  /** Start again from nothing. */
  fresh: boolean;
  /** Preferred port (any free one when taken; 0: any). */
  port: number;
  /** Astro project root. */
  root: string;
  /** Show progress bars (a terminal), or plain lines. */
  interactive: boolean;
  /** Where the lines go. */
  log: (line: string) => void;
  /** Today's Paris day (tests). */
  today?: string;
}

/** What a run has done so far, in `demonstration.json`. */
interface DemonstrationState {
  period: DemonstrationPeriod;
  httpDays: number;
  /** Steps finished, in order: history, robot, build. */
  done: string[];
}

/**
 * The robot's file operations without the flush to disk: the same atomic
 * write, lock and validation, but the demonstration's throwaway data need not
 * survive a power cut, and one fsync per probe was a third of the run time.
 */
const demonstrationFiles: FileSystem = { ...realFileSystem, fsyncSync: () => {} };

/** The hourly instants of the rounds between two Paris days (end excluded), at minute 17 as the workflow. */
export function roundInstants(from: string, to: string): Date[] {
  const instants: Date[] = [];
  for (
    let now = parisInstant(from, '00:17'), end = parisInstant(to, '00:00');
    now < end;
    now = new Date(now.getTime() + 3600_000)
  )
    instants.push(now);
  return instants;
}

function progressBar(
  options: DemonstrationOptions,
  title: string,
  total: number,
): { update: (value: number, payload?: Record<string, string>) => void; stop: () => void } {
  if (!options.interactive) {
    options.log(`${title}…`);
    return { update: () => {}, stop: () => {} };
  }
  const bar = new SingleBar(
    {
      format: `${title.padEnd(34)} [{bar}] {percentage}% | {value}/{total} {unit} | {eta_formatted} left`,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0, { unit: '' });
  return { update: (value, payload) => bar.update(value, payload), stop: () => bar.stop() };
}

/** Seconds since `started`, for the log. */
function seconds(started: number): string {
  return ((Date.now() - started) / 1000).toFixed(0);
}

function readState(file: string): DemonstrationState | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DemonstrationState;
  } catch {
    return null;
  }
}

/** Step 1: the history before the HTTP days, from the scenario model, through the robot's writer. */
async function writeModelledHistory(
  options: DemonstrationOptions,
  dataDir: string,
  entries: readonly DemonstrationProcedure[],
  from: string,
  to: string,
): Promise<number> {
  const instants = roundInstants(from, to);
  if (instants.length === 0) return 0;
  const bar = progressBar(options, 'Modelled history (no HTTP)', entries.length);
  let written = 0;
  for (const [index, entry] of entries.entries()) {
    const rows = instants
      .filter((now) => isActiveOn(entry, parisDay(now)))
      .map((now) => {
        const probe = modelProbeAt(entry.scenario, entry.planning ?? '', now);
        return {
          probed_at: formatParisTimestamp(now),
          outcome: probe.outcome,
          first_date: probe.firstDate,
          second_date: probe.secondDate,
          detail: MODELLED_DETAIL,
        };
      });
    written += await appendProbes(dataDir, entry.department, entry.slug, rows, { files: demonstrationFiles });
    bar.update(index + 1, { unit: 'procedures' });
  }
  bar.stop();
  return written;
}

/** Step 2: the last days, round after round, through the real robot and the simulator over HTTP. */
async function runRobotRounds(
  options: DemonstrationOptions,
  dataDir: string,
  entries: readonly DemonstrationProcedure[],
  from: string,
  to: string,
): Promise<number> {
  const instants = roundInstants(from, to);
  let now = instants[0] ?? new Date();
  const clock = () => now;
  const simulator = new Simulator({ clock });
  registerCatalogue(simulator, entries);
  const origins = await simulator.listen(entries.length);
  // The registry names this run's simulated hosts; the data are keyed by department and slug.
  writeFileAtomic(registryPath(dataDir), demonstrationRegistry(entries, origins));
  const bar = progressBar(options, 'Robot rounds over HTTP', instants.length);
  let probes = 0;
  try {
    for (const [index, instant] of instants.entries()) {
      now = instant;
      simulator.reset();
      // Virtual time: the robot's waits between requests are skipped, not slept.
      const round = await runRound({
        dataDir,
        evidenceDir: null,
        timeoutMs: 5_000,
        intervalMs: 0,
        userAgent: userAgent({}),
        clock,
        sleep: async () => {},
        files: demonstrationFiles,
      });
      probes += round.probes.filter((report) => report.status === 'written').length;
      bar.update(index + 1, { unit: 'rounds' });
    }
  } finally {
    bar.stop();
    await simulator.close();
  }
  return probes;
}

/** Step 3: the site, with the demonstration banner. */
async function buildDemonstrationSite(options: DemonstrationOptions, dataDir: string, outDir: string): Promise<void> {
  const started = Date.now();
  options.log('Building the site (Astro; about a minute on two cores)…');
  // The pages read DATA_DIR and DEMO when Astro renders them (src/site/dataset.ts, src/site/demonstration.ts).
  process.env.DEMO = '1';
  process.env.DATA_DIR = dataDir;
  await buildSite({ dataDir, outDir, root: options.root });
  options.log(`Site built in ${seconds(started)} s: ${outDir}`);
}

/** Runs the missing steps, then serves the site; returns the server. */
export async function startDemonstration(options: DemonstrationOptions): Promise<StaticServer> {
  const started = Date.now();
  const directory = path.resolve(options.directory);
  const stateFile = path.join(directory, 'demonstration.json');
  const dataDir = path.join(directory, 'data');
  const outDir = path.join(directory, 'dist');
  const today = options.today ?? parisClock(new Date()).day;
  let state = options.fresh ? null : readState(stateFile);
  if (
    state &&
    (state.period.days !== options.days || state.period.seed !== options.seed || state.httpDays !== options.httpDays)
  ) {
    options.log(
      `${directory} holds another period (${state.period.days} days, seed ${state.period.seed}): starting again.`,
    );
    state = null;
  }
  if (!state) {
    fs.rmSync(directory, { recursive: true, force: true });
    state = {
      period: { start: addDays(today, -options.days), days: options.days, seed: options.seed },
      httpDays: options.httpDays,
      done: [],
    };
  } else if (state.done.length > 0) {
    options.log(
      `Reusing ${directory} (simulated ${state.period.start} to ${addDays(state.period.start, state.period.days - 1)}; --fresh to start again).`,
    );
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const save = (step: string) => {
    state.done.push(step);
    writeFileAtomic(stateFile, `${JSON.stringify(state, null, 2)}\n`);
  };
  const { period } = state;
  const end = addDays(period.start, period.days);
  const httpFrom = daysBetween(period.start, end) > options.httpDays ? addDays(end, -options.httpDays) : period.start;
  const entries = demonstrationCatalogue(period);
  if (!state.done.includes('history')) {
    fs.writeFileSync(
      path.join(directory, 'README.txt'),
      'Demonstration data of `npm start`, simulated: not a measurement of any real booking site.\n',
    );
    const stepStarted = Date.now();
    const rows = await writeModelledHistory(options, dataDir, entries, period.start, httpFrom);
    if (rows > 0)
      options.log(
        `Modelled history: ${rows} probes, ${period.start} to ${addDays(httpFrom, -1)}, in ${seconds(stepStarted)} s.`,
      );
    save('history');
  }
  if (!state.done.includes('robot')) {
    const stepStarted = Date.now();
    const probes = await runRobotRounds(options, dataDir, entries, httpFrom, end);
    options.log(`Robot over HTTP: ${probes} probes, ${httpFrom} to ${addDays(end, -1)}, in ${seconds(stepStarted)} s.`);
    save('robot');
  }
  if (!state.done.includes('build') || !fs.existsSync(path.join(outDir, 'index.html'))) {
    await buildDemonstrationSite(options, dataDir, outDir);
    if (!state.done.includes('build')) save('build');
  }
  const server = await serveDirectory(outDir, options.port);
  options.log(`Ready in ${seconds(started)} s. Data: ${dataDir}`);
  options.log(`Demonstration site (simulated data): ${server.url}`);
  return server;
}
