/**
 * `npm run probe`: one round over the registry of DATA_DIR. Options:
 *
 *     --only DEP/SLUG     probe only this procedure (repeatable)
 *     --timeout SECONDS   deadline of each request (default 30)
 *     --interval SECONDS  least time between two requests to one host (default 5)
 *     --contact URL       contact URL in the User-Agent (or $PROBE_CONTACT_URL)
 *
 * Environment: DATA_DIR (default data/), EVIDENCE_DIR (default evidence/),
 * PROBE_USER_AGENT to replace the whole User-Agent.
 *
 * Exits 0 when the round ran, whatever the prefectures answered; 1 when it
 * could not run at all (bad registry, unwritable directory, another round
 * running) or when no probe it made could be recorded; 2 on a usage error.
 * A round where some rows could not be recorded (e.g. one invalid month file)
 * exits 0 with an `error:` line per problem on stderr, so that a scheduler
 * still commits the rows that were written.
 */
import { parseArgs } from 'node:util';
import { dataDirectory } from '../lib/data-directory.ts';
import { evidenceDirectory } from './evidence.ts';
import { runRound, type RoundOptions } from './round.ts';
import { commitMessage, publishRoundRecord, roundRecord, runnerKind } from './round-record.ts';
import { formatProgressLine, formatSummary } from './summary.ts';
import { userAgent } from './user-agent.ts';

const DEFAULT_TIMEOUT_SECONDS = 30;
const DEFAULT_INTERVAL_SECONDS = 5;

const USAGE = 'usage: npm run probe -- [--only DEP/SLUG]... [--timeout SECONDS] [--interval SECONDS] [--contact URL]';

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Parses the options into round options, or returns a usage error message. */
export function parseProbeArguments(
  argv: readonly string[],
  environment: NodeJS.ProcessEnv,
): Omit<RoundOptions, 'onProbe'> | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        only: { type: 'string', multiple: true },
        timeout: { type: 'string' },
        interval: { type: 'string' },
        contact: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return `${(error as Error).message}\n${USAGE}`;
  }
  const timeout = seconds(values.timeout, DEFAULT_TIMEOUT_SECONDS, '--timeout', false);
  const interval = seconds(values.interval, DEFAULT_INTERVAL_SECONDS, '--interval', true);
  if (typeof timeout === 'string') return timeout;
  if (typeof interval === 'string') return interval;
  const only = values.only ?? [];
  const badKey = only.find((key) => !/^[0-9AB]{2,3}\/[a-z0-9-]+$/.test(key));
  if (badKey) return `--only ${badKey}: expected DEP/SLUG, e.g. 93/titre-sejour-bobigny\n${USAGE}`;
  return {
    dataDir: dataDirectory(environment),
    evidenceDir: evidenceDirectory(environment),
    only,
    timeoutMs: timeout * 1000,
    intervalMs: interval * 1000,
    userAgent: userAgent(environment, values.contact),
  };
}

function seconds(text: string | undefined, fallback: number, name: string, zeroAllowed: boolean): number | string {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || (!zeroAllowed && value === 0)) {
    return `${name} ${text}: expected a ${zeroAllowed ? 'non-negative' : 'positive'} number of seconds\n${USAGE}`;
  }
  return value;
}

/** Runs the command; returns the exit code. `clock` is the real one except in tests, which pin "now". */
export async function main(
  argv: readonly string[],
  environment: NodeJS.ProcessEnv = process.env,
  output: Output = consoleOutput,
  clock: () => Date = () => new Date(),
): Promise<number> {
  const options = parseProbeArguments(argv, environment);
  if (typeof options === 'string') {
    output.err(options);
    return 2;
  }
  try {
    const startedAt = clock();
    const round = await runRound({
      ...options,
      clock,
      onProbe: (report, done, total) => output.out(formatProgressLine(report, done, total)),
    });
    output.out('');
    output.out(formatSummary(round));
    const record = roundRecord(round, startedAt, runnerKind(environment));
    output.out(commitMessage(record));
    publishRoundRecord(record, environment);
    for (const report of round.probes) if (report.error !== null) output.err(`error: ${report.error}`);
    const attempted = round.probes.filter(
      (report) => report.status !== 'already-recorded' && report.status !== 'duplicate',
    );
    const recorded = attempted.filter((report) => report.status === 'written');
    return attempted.length > 0 && recorded.length === 0 ? 1 : 0;
  } catch (error) {
    output.err(`probe: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
