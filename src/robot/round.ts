/**
 * One round of the robot: probe every active procedure of the registry once
 * and append one row to its month file. Procedures on different hosts are
 * probed concurrently, those on one host one after the other. Only problems
 * that prevent the round itself (bad registry, unwritable directory, another
 * round running) throw; a prefecture's failure is a recorded outcome.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatParisTimestamp, parisDay } from '../lib/calendar.ts';
import { registryPath } from '../lib/data-directory.ts';
import { isActiveOn, parseRegistry, procedureKey, type Procedure } from '../lib/registry.ts';
import { describeFileError, realFileSystem, temporaryPath, type FileSystem } from './atomic-file.ts';
import { writeEvidence } from './evidence.ts';
import { LockBusyError, withLock } from './file-lock.ts';
import { HttpClient, type HttpClientOptions } from './http-client.ts';
import { appendProbe, hasProbe, type AppendStatus } from './month-file-store.ts';
import { DEFAULT_MAX_WEEKS, runProbe, wholeSecond, type ProbeResult } from './probe-runner.ts';

/** The round could not run at all. */
export class RoundError extends Error {
  /** `cause`: the error behind it (lock, file system), kept for whoever debugs. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RoundError';
  }
}

export interface RoundOptions extends Omit<HttpClientOptions, 'clock'> {
  dataDir: string;
  /** Where evidence goes; null keeps none (the row still has the page's SHA-256). */
  evidenceDir: string | null;
  /** Restrict the round to these `DEP/SLUG` keys. */
  only?: readonly string[];
  /** Time source: the real clock, or a virtual one for tests and the demo. */
  clock?: () => Date;
  maxWeeks?: number;
  /** Hosts probed at the same time at most. */
  hostConcurrency?: number;
  /** Called after each probe is recorded (or not). */
  onProbe?: (report: ProbeReport, done: number, total: number) => void;
  /** Injectable file operations for the data files. */
  files?: FileSystem;
}

/** What became of one procedure in the round. */
export interface ProbeReport {
  procedure: Procedure;
  /** `written`, `duplicate` (same instant already in the file, found while writing), `already-recorded` (found before probing: the site was not asked), `not-recorded` (error). */
  status: AppendStatus | 'already-recorded' | 'not-recorded';
  /** The probe, unless it was already recorded or could not start. */
  result: ProbeResult | null;
  /** What went wrong on the robot's side (data or evidence not written). */
  error: string | null;
  milliseconds: number;
}

export interface RoundReport {
  /** Paris day of the round: procedures are active or not on that day. */
  day: string;
  /** Reports in registry order. */
  probes: ProbeReport[];
  /** Procedures selected but not probed, with the reason. */
  skipped: { procedure: Procedure; reason: string }[];
  /** Real time the round took. */
  milliseconds: number;
}

/** The lock that keeps two rounds off one data directory. */
export function roundLockPath(dataDir: string): string {
  return path.join(dataDir, '.probe-round.lock.tmp');
}

export async function runRound(options: RoundOptions): Promise<RoundReport> {
  const started = Date.now();
  const clock = options.clock ?? (() => new Date());
  const procedures = readRegistry(options.dataDir);
  const day = parisDay(clock());
  const { selected, skipped } = selectProcedures(procedures, options.only ?? [], day);
  checkWritable(path.join(options.dataDir, 'probes'));
  if (options.evidenceDir) checkWritable(options.evidenceDir);
  try {
    return await withLock(roundLockPath(options.dataDir), { waitMs: 0, staleMs: 6 * 3600_000 }, async () => {
      const probes = await probeAll(selected, options, clock);
      return { day, probes, skipped, milliseconds: Date.now() - started };
    });
  } catch (error) {
    if (error instanceof LockBusyError)
      throw new RoundError(`another probe round is running on ${options.dataDir} (${error.holder})`, { cause: error });
    throw error;
  }
}

function readRegistry(dataDir: string): Procedure[] {
  const file = registryPath(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new RoundError(`${describeFileError('read the registry', file, error)} (is DATA_DIR right?)`, {
      cause: error,
    });
  }
  return parseRegistry(text, file);
}

/** The procedures to probe today: the `--only` ones if given (each must exist), active on the day. */
function selectProcedures(
  procedures: readonly Procedure[],
  only: readonly string[],
  day: string,
): { selected: Procedure[]; skipped: RoundReport['skipped'] } {
  const keys = new Set(procedures.map(procedureKey));
  const unknown = only.filter((key) => !keys.has(key));
  if (unknown.length > 0)
    throw new RoundError(
      `not in the registry: ${unknown.join(', ')} (expected DEP/SLUG, e.g. 93/titre-sejour-bobigny)`,
    );
  const wanted =
    only.length > 0 ? procedures.filter((procedure) => only.includes(procedureKey(procedure))) : [...procedures];
  const selected: Procedure[] = [];
  const skipped: RoundReport['skipped'] = [];
  for (const procedure of wanted) {
    if (isActiveOn(procedure, day)) selected.push(procedure);
    else
      skipped.push({
        procedure,
        reason: `not active on ${day} (since ${procedure.since || '-'}, until ${procedure.until || '-'})`,
      });
  }
  return { selected, skipped };
}

/** Fails early, before asking any site, when the results could not be written. */
function checkWritable(directory: string): void {
  try {
    fs.mkdirSync(directory, { recursive: true });
    const probe = temporaryPath(path.join(directory, 'write-check'));
    fs.writeFileSync(probe, 'ok', { flag: 'wx' });
    fs.rmSync(probe);
  } catch (error) {
    throw new RoundError(describeFileError('write in', directory, error), { cause: error });
  }
}

/** Probes by host: hosts in parallel (up to hostConcurrency), each host's procedures in sequence. */
async function probeAll(
  procedures: readonly Procedure[],
  options: RoundOptions,
  clock: () => Date,
): Promise<ProbeReport[]> {
  const client = new HttpClient({ ...options, clock });
  const byHost = new Map<string, Procedure[]>();
  for (const procedure of procedures) {
    const host = new URL(procedure.url).host;
    byHost.set(host, [...(byHost.get(host) ?? []), procedure]);
  }
  const reports = new Map<Procedure, ProbeReport>();
  let done = 0;
  const queues = [...byHost.values()];
  const worker = async () => {
    for (let queue = queues.shift(); queue; queue = queues.shift()) {
      for (const procedure of queue) {
        const report = await probeAndRecord(procedure, client, options, clock);
        reports.set(procedure, report);
        done += 1;
        options.onProbe?.(report, done, procedures.length);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.hostConcurrency ?? 16, queues.length) }, worker));
  } finally {
    await client.close();
  }
  return procedures.map((procedure) => reports.get(procedure)!);
}

async function probeAndRecord(
  procedure: Procedure,
  client: HttpClient,
  options: RoundOptions,
  clock: () => Date,
): Promise<ProbeReport> {
  const started = Date.now();
  const startedAt = wholeSecond(clock());
  const storeOptions = { files: options.files ?? realFileSystem };
  const report = (status: ProbeReport['status'], result: ProbeResult | null, error: string | null): ProbeReport => ({
    procedure,
    status,
    result,
    error,
    milliseconds: Date.now() - started,
  });
  try {
    if (
      hasProbe(
        options.dataDir,
        procedure.department,
        procedure.slug,
        { probed_at: formatParisTimestamp(startedAt), outcome: 'none' },
        storeOptions,
      )
    ) {
      return report('already-recorded', null, null);
    }
  } catch (error) {
    return report('not-recorded', null, messageOf(error));
  }
  const result = await runProbe(procedure, client, startedAt, options.maxWeeks ?? DEFAULT_MAX_WEEKS);
  let evidenceError: string | null = null;
  if (options.evidenceDir) {
    try {
      writeEvidence(options.evidenceDir, result);
    } catch (error) {
      evidenceError = `evidence not written: ${describeFileError('write evidence in', options.evidenceDir, error)}`;
    }
  }
  try {
    const status = await appendProbe(options.dataDir, procedure.department, procedure.slug, result.row, storeOptions);
    return report(status, result, evidenceError);
  } catch (error) {
    return report('not-recorded', result, messageOf(error));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
