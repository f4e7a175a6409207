/**
 * A synthetic data directory for benchmarks only (never written to data/):
 * hourly probes for N procedures over M months in the data contract. Each
 * procedure is one of the simulator's national catalogue
 * (src/robot/simulator/national.ts) and each row is what the scenario model
 * (src/robot/simulator/model.ts) says the robot would record probing it at
 * that hour, without HTTP: mostly noir, bursts of dates, dates always far,
 * an agenda opened exactly one month ahead (the colour boundaries, clamped at
 * month ends), sites often down, maintenance weeks, blocking, the captcha
 * platform, procedures registered late or moving away (the registry's `since`
 * and `until`). On top, what the robot itself goes through: outages (rounds
 * with no row at all) and network failures (no page, so no evidence hash).
 * Rounds follow UTC hours, so DST days have 23 and 25 rows. The last month is
 * in progress: it stops on the 15th, so one more round falls in it.
 * Deterministic: the same scale gives the same files, byte for byte.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addMonths, daysBetween, formatParisTimestamp, parisClock } from '../lib/calendar.ts';
import { formatCsv } from '../lib/csv.ts';
import { monthFilePath, registryPath } from '../lib/data-directory.ts';
import { ROBOT_COLUMNS } from '../lib/probe.ts';
import { isActiveOn } from '../lib/registry.ts';
import type { Outcome } from '../lib/outcome.ts';
import { entryUrl, systemOf } from '../robot/simulator/catalogue.ts';
import { modelProbeAt } from '../robot/simulator/model.ts';
import { draw, nationalCatalogue, type NationalProcedure } from '../robot/simulator/national.ts';

export interface SyntheticScale {
  procedures: number;
  months: number;
  /** Last month generated, `YYYY-MM` (in progress: probed up to its 15th). */
  lastMonth: string;
}

/** The day the last, in-progress month stops. */
const IN_PROGRESS_UNTIL = 15;

/** The seed of the national history: one history, whatever the scale. */
const SEED = 14;

/** Minutes past the hour the rounds run at. */
const ROUND_MINUTE = 20;

/** A short detail per failure, as the robot would write it (the model knows the outcome, not the page). */
const FAILURE_DETAILS: Partial<Record<Outcome, string>> = {
  throttled: 'HTTP 502',
  http_error: 'HTTP 500',
  blocked: 'anti-bot challenge page',
  captcha: 'captcha before the slots',
  closed: 'maintenance page',
  moved: 'redirected to another host',
  unrecognized: 'no known form on the page',
  session_lost: 'session lost',
  timeout: 'no answer within 30 s',
  network_error: 'ECONNRESET',
};

/** A round of the robot: its instant, `probed_at` and Paris day. */
interface Round {
  at: Date;
  probedAt: string;
  day: string;
}

/** The national catalogue for a scale: its period runs from the first month to the last probed day. */
export function syntheticCatalogue(scale: SyntheticScale): NationalProcedure[] {
  const start = `${addMonths(scale.lastMonth, -(scale.months - 1))}-01`;
  const days = daysBetween(start, `${scale.lastMonth}-${IN_PROGRESS_UNTIL}`) + 1;
  return nationalCatalogue(scale.procedures, { start, days, seed: SEED });
}

/** The registry rows (department, slug) of a scale, in order. */
export function syntheticProcedures(count: number): { department: string; slug: string }[] {
  return nationalCatalogue(count, { start: '2026-01-01', days: 1, seed: SEED }).map(({ department, slug }) => ({
    department,
    slug,
  }));
}

/** The robot's rounds in `month` (up to the 15th for the month in progress), minus its outages. */
function roundsOf(month: string, inProgress: boolean): Round[] {
  const rounds: Round[] = [];
  const monthKey = Number(month.replace('-', ''));
  // A robot outage: some months, a run of rounds that never happened, for every procedure.
  const outageStart = draw(SEED, 1, monthKey) < 0.3 ? Math.floor(draw(SEED, 2, monthKey) * 600) : -1;
  const outageLength = 6 + Math.floor(draw(SEED, 3, monthKey) * 42);
  const start = Date.parse(`${month}-01T00:00:00Z`) - 2 * 3_600_000 + ROUND_MINUTE * 60_000;
  for (let hour = 0, instant = start; ; hour += 1, instant += 3_600_000) {
    const at = new Date(instant);
    const day = parisClock(at).day;
    if (day.slice(0, 7) < month) continue;
    if (day.slice(0, 7) > month) break;
    if (inProgress && Number(day.slice(8)) > IN_PROGRESS_UNTIL) break;
    if (hour >= outageStart && hour < outageStart + outageLength) continue;
    rounds.push({ at, probedAt: formatParisTimestamp(at), day });
  }
  return rounds;
}

/**
 * `count` evidence hashes of 64 hex digits drawn from a seed, as one string
 * (hex of a buffer at once: formatting each word apart costs more than the
 * rest of a row). A SHA-256 is incompressible, and so are these, so the bytes
 * per row stay true.
 */
export function evidenceHashes(seed: number, count: number): string {
  const words = new Uint32Array(count * 8);
  let state = seed >>> 0;
  for (let word = 0; word < words.length; word += 1) {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value ^= value + Math.imul(value ^ (value >>> 7), 61 | value);
    words[word] = value ^ (value >>> 14);
  }
  return Buffer.from(words.buffer).toString('hex');
}

/** The row the robot records for `procedure` at `round` (`index` numbers the procedure, for the draws); `evidence` is its hash if a page was received. */
export function syntheticRow(procedure: NationalProcedure, index: number, round: Round, evidence: string): string[] {
  const hour = Math.floor(round.at.getTime() / 3_600_000);
  // The robot's own network fails now and then: no page, so no hash.
  const network = draw(SEED, 4, index, hour);
  if (network < 0.004) return [round.probedAt, 'timeout', '', '', FAILURE_DETAILS.timeout!, ''];
  if (network < 0.006) return [round.probedAt, 'network_error', '', '', FAILURE_DETAILS.network_error!, ''];
  const probe = modelProbeAt(procedure.scenario, procedure.planning ?? '', round.at);
  return [
    round.probedAt,
    probe.outcome,
    probe.firstDate,
    probe.secondDate,
    FAILURE_DETAILS[probe.outcome] ?? '',
    evidence,
  ];
}

/** Writes the directory and returns how many probes it holds. */
export function writeSyntheticData(dataDir: string, scale: SyntheticScale): number {
  const procedures = syntheticCatalogue(scale);
  const registry = [['department', 'slug', 'prefecture', 'procedure', 'system', 'url', 'since', 'until']];
  for (const [index, entry] of procedures.entries()) {
    registry.push([
      entry.department,
      entry.slug,
      `Préfecture synthétique ${index}`,
      `Démarche synthétique ${index} (${entry.profile})`,
      systemOf(entry),
      entryUrl(entry, 'https://bench.invalid'),
      entry.since,
      entry.until,
    ]);
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(registryPath(dataDir), formatCsv(registry));
  const firstMonth = addMonths(scale.lastMonth, -(scale.months - 1));
  let count = 0;
  for (let offset = 0; offset < scale.months; offset += 1) {
    const month = addMonths(firstMonth, offset);
    const rounds = roundsOf(month, month === scale.lastMonth);
    for (const [index, procedure] of procedures.entries()) {
      const rows: string[][] = [[...ROBOT_COLUMNS]];
      const hashes = evidenceHashes(Math.imul(offset + 1, 2_654_435_761) ^ index, rounds.length);
      for (const [number, round] of rounds.entries()) {
        const evidence = hashes.slice(number * 64, number * 64 + 64);
        if (isActiveOn(procedure, round.day)) rows.push(syntheticRow(procedure, index, round, evidence));
      }
      if (rows.length === 1) continue;
      const file = monthFilePath(dataDir, procedure.department, procedure.slug, month);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, formatCsv(rows));
      count += rows.length - 1;
    }
  }
  return count;
}

/** The round one hour after `last` (an instant in ms), for one more round. */
export function nextRound(last: number): Round {
  const at = new Date(last + 3_600_000);
  return { at, probedAt: formatParisTimestamp(at), day: parisClock(at).day };
}
