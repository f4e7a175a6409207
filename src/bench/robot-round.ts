/**
 * One robot round: scripts/bench-probe.ts (the real `npm run probe --
 * --interval 0` against the simulator on 127.0.0.1) over N procedures on H
 * simulated hosts, its printed figures read back. Outcomes must be as the
 * scenarios say; the time is reported, never judged here.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface RobotRound {
  procedures: number;
  hosts: number;
  /** Wall time of `npm run probe`, process start included, s. */
  wallSeconds: number;
  /** The round as the robot prints it, s (null when not printed). */
  roundSeconds: number | null;
  /** Procedures whose recorded outcome matched the scenario. */
  asExpected: number;
  failuresAsNone: number;
  /** The bench-probe output, for the log. */
  output: string;
}

export async function robotRound(procedures: number, hosts: number): Promise<RobotRound> {
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      path.resolve('node_modules/.bin/tsx'),
      ['scripts/bench-probe.ts', '--procedures', String(procedures), '--hosts', String(hosts)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.stderr.on('data', (chunk) => (text += chunk));
    child.on('error', reject);
    child.on('exit', () => resolve(text));
  });
  const wall = /wall time (\d+\.\d) s/.exec(output)?.[1];
  const round = /round (\d+\.\d) s/.exec(output)?.[1];
  const outcomes = /outcomes as expected: (\d+)\/(\d+); failures recorded as none: (\d+)/.exec(output);
  if (!wall || !outcomes) throw new Error(`bench-probe printed no figures:\n${output}`);
  return {
    procedures,
    hosts,
    wallSeconds: Number(wall),
    roundSeconds: round ? Number(round) : null,
    asExpected: Number(outcomes[1]),
    failuresAsNone: Number(outcomes[3]),
    output,
  };
}
