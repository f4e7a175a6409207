/**
 * `npm run probe` as a command: a real process against the simulator, its
 * progress lines and summary, its exit codes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parisDay } from '../../src/lib/calendar.ts';
import { monthFilePath, registryPath } from '../../src/lib/data-directory.ts';
import { main, parseProbeArguments } from '../../src/robot/cli.ts';
import { roundLockPath } from '../../src/robot/round.ts';
import { SCENARIO_CATALOGUE } from '../../src/robot/simulator/catalogue.ts';
import { PROBE_TIME, startSimulator, type RunningSimulator } from './support/round-fixture.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const pick = (...slugs: string[]) => SCENARIO_CATALOGUE.filter((entry) => slugs.includes(entry.slug));

let running: RunningSimulator | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** Runs `scripts/probe.ts` in its own process, as `npm run probe` does. */
function probe(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/probe.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

function capture(): {
  output: { out: (line: string) => void; err: (line: string) => void };
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return { output: { out: (line) => out.push(line), err: (line) => err.push(line) }, out, err };
}

describe('the command', () => {
  // The child process runs on the real clock (nothing here depends on the date), so the simulator does too.
  test('records a round against the simulator, with a line per procedure and a summary table', async () => {
    running = await startSimulator(
      pick('aucun-creneau', 'deux-creneaux', 'page-fermee', 'reponse-lente', 'rdvpref-captcha'),
      2,
      () => new Date(),
    );
    const result = await probe(['--interval', '0', '--timeout', '2'], {
      DATA_DIR: running.dataDir,
      EVIDENCE_DIR: running.evidenceDir,
      PROBE_CONTACT_URL: 'https://example.org/contact',
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.filter((line) => /^\[\d\/5\] /.test(line))).toHaveLength(5);
    expect(result.stdout).toMatch(
      /93\/aucun-creneau: none \(noir\) - counter 1: Il n'existe plus de plage horaire libre/,
    );
    expect(result.stdout).toMatch(/94\/reponse-lente: timeout \(failed\) - no complete answer within 2 s/);
    expect(lines).toContainEqual(
      expect.stringMatching(/^procedure\s+outcome\s+colour\s+first_date\s+second_date\s+detail$/),
    );
    expect(result.stdout).toMatch(/: 5 recorded \(/);
    for (const entry of pick('aucun-creneau', 'rdvpref-captcha')) {
      const month = fs.readdirSync(
        path.dirname(monthFilePath(running.dataDir, entry.department, entry.slug, '2026-01')),
      );
      expect(month).toHaveLength(1);
    }
    expect(new Set(running.simulator.requests.map((request) => request.userAgent))).toEqual(
      new Set([expect.stringContaining('(+https://example.org/contact;')]),
    );
  }, 60_000);

  test('exits 1 without probing when another round holds the data directory', async () => {
    running = await startSimulator(pick('aucun-creneau'), 1, () => new Date());
    fs.writeFileSync(
      roundLockPath(running.dataDir),
      JSON.stringify({ pid: process.pid, host: os.hostname(), since: Date.now(), token: 'held' }),
    );
    const result = await probe(['--interval', '0'], { DATA_DIR: running.dataDir, EVIDENCE_DIR: running.evidenceDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^probe: another probe round is running on .* \(process \d+ on /);
    expect(running.simulator.requests).toEqual([]);
  }, 60_000);
});

/** The in-process tests run at a pinned instant: the robot files probes by Paris month, whatever the real date. */
const clock = () => PROBE_TIME;

describe('exit codes in process', () => {
  test('a bad registry: 1, with the file and line', async () => {
    running = await startSimulator(pick('aucun-creneau'), 1, clock);
    fs.writeFileSync(
      registryPath(running.dataDir),
      'department,slug,prefecture,procedure,system,url\n93,Bad Slug,P,Q,legacy-booking,http://127.0.0.1:1/booking/create/1\n',
    );
    const { output, err } = capture();
    expect(
      await main(['--interval', '0'], { DATA_DIR: running.dataDir, EVIDENCE_DIR: running.evidenceDir }, output, clock),
    ).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^probe: .*procedures\.csv:2: slug "Bad Slug": must be lowercase/)]);
  });

  test('an unwritable data directory: 1, saying why', async () => {
    running = await startSimulator(pick('aucun-creneau'), 1, clock);
    fs.writeFileSync(path.join(running.dataDir, 'probes'), '');
    const { output, err } = capture();
    expect(await main([], { DATA_DIR: running.dataDir, EVIDENCE_DIR: running.evidenceDir }, output, clock)).toBe(1);
    expect(err[0]).toMatch(/^probe: cannot write in .*probes: /);
  });

  test('prefecture failures alone: 0', async () => {
    running = await startSimulator(pick('acces-interdit', 'surcharge-502'), 1, clock);
    const { output } = capture();
    // The 502 retry waits its backoff for real here: keep it short through the interval.
    expect(
      await main(
        ['--interval', '0', '--only', '94/acces-interdit'],
        { DATA_DIR: running.dataDir, EVIDENCE_DIR: running.evidenceDir },
        output,
        clock,
      ),
    ).toBe(0);
  });

  test('an invalid month file: that row is not recorded, the others are, exit 0 with an error line', async () => {
    running = await startSimulator(pick('aucun-creneau', 'page-fermee'), 1, clock);
    const file = monthFilePath(running.dataDir, '93', 'aucun-creneau', parisDay(PROBE_TIME).slice(0, 7));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'not,a,month,file\n');
    const { output, err, out } = capture();
    expect(
      await main(['--interval', '0'], { DATA_DIR: running.dataDir, EVIDENCE_DIR: running.evidenceDir }, output, clock),
    ).toBe(0);
    expect(err).toEqual([expect.stringMatching(/^error: .*aucun-creneau.*bad header/)]);
    expect(out.join('\n')).toMatch(/1 recorded \(1 closed\), 0 already recorded, 1 not recorded/);
  });

  test.each([
    [['--timeout', 'soon'], '--timeout soon: expected a positive number of seconds'],
    [['--timeout', '0'], '--timeout 0: expected a positive number of seconds'],
    [['--interval=-1'], '--interval -1: expected a non-negative number of seconds'],
    [['--only', 'bobigny'], '--only bobigny: expected DEP/SLUG'],
    [['--verbose'], "Unknown option '--verbose'"],
  ])('usage error %j: 2', async (args, message) => {
    const { output, err } = capture();
    // A data directory that does not exist: should the options ever parse, no real site is asked.
    expect(await main(args, { DATA_DIR: path.join(os.tmpdir(), 'guichets-no-such-dir') }, output)).toBe(2);
    expect(err[0]).toContain(message);
  });

  test('defaults: 30 s timeout, 5 s interval, evidence/ and data/ under the current directory', () => {
    expect(parseProbeArguments([], {})).toMatchObject({
      timeoutMs: 30_000,
      intervalMs: 5_000,
      dataDir: path.resolve('data'),
      evidenceDir: path.resolve('evidence'),
      only: [],
    });
    expect(
      parseProbeArguments(['--only', '93/a', '--only', '2A/b', '--interval', '0', '--timeout', '1.5'], {
        DATA_DIR: '/tmp/d',
        EVIDENCE_DIR: '/tmp/e',
      }),
    ).toMatchObject({
      timeoutMs: 1_500,
      intervalMs: 0,
      dataDir: '/tmp/d',
      evidenceDir: '/tmp/e',
      only: ['93/a', '2A/b'],
    });
  });
});

describe('a round at the edges of the Paris calendar', () => {
  test.each([
    [
      'the last evening of January in UTC, already February in Paris',
      '2026-01-31T23:30:00Z',
      '2026-02',
      '2026-02-01T00:30:00+01:00',
    ],
    [
      'the first minute of a summer month in Paris, still June in UTC',
      '2026-06-30T22:00:00Z',
      '2026-07',
      '2026-07-01T00:00:00+02:00',
    ],
    ['the last second of a Paris month', '2026-04-30T21:59:59Z', '2026-04', '2026-04-30T23:59:59+02:00'],
    ['the last second of winter time (29 March 2026)', '2026-03-29T00:59:59Z', '2026-03', '2026-03-29T01:59:59+01:00'],
    [
      'the first second of summer time: 02:00 does not exist, the clock reads 03:00',
      '2026-03-29T01:00:00Z',
      '2026-03',
      '2026-03-29T03:00:00+02:00',
    ],
    [
      '02:30 the first time, in summer time (25 October 2026)',
      '2026-10-25T00:30:00Z',
      '2026-10',
      '2026-10-25T02:30:00+02:00',
    ],
    ['02:30 the second time, back in winter time', '2026-10-25T01:30:00Z', '2026-10', '2026-10-25T02:30:00+01:00'],
  ])('%s: %s is filed in month %s as %s', async (_, instant, month, probedAt) => {
    const at = () => new Date(instant);
    running = await startSimulator(pick('aucun-creneau'), 1, at);
    const { output, out } = capture();
    expect(
      await main(['--interval', '0'], { DATA_DIR: running.dataDir, EVIDENCE_DIR: running.evidenceDir }, output, at),
    ).toBe(0);
    expect(out.join('\n')).toMatch(/1 recorded/);
    const directory = path.dirname(monthFilePath(running.dataDir, '93', 'aucun-creneau', month));
    expect(fs.readdirSync(directory)).toEqual([`${month}.csv`]);
    const [, row] = fs
      .readFileSync(path.join(directory, `${month}.csv`), 'utf8')
      .trim()
      .split('\n');
    expect(row?.split(',')[0]).toBe(probedAt);
  });
});
