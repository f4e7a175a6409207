/**
 * Shared set-up of the robot's end-to-end tests: a temporary data directory
 * with a registry pointing at a running simulator, a fixed clock, and round
 * options that never wait for real (interval 0, instant sleep).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registryPath } from '../../../src/lib/data-directory.ts';
import type { RoundOptions } from '../../../src/robot/round.ts';
import { registerCatalogue, registryFor, type CatalogueEntry } from '../../../src/robot/simulator/catalogue.ts';
import { Simulator } from '../../../src/robot/simulator/server.ts';

/** Monday 18 May 2026, 10:00 in Paris (summer time). */
export const PROBE_TIME = new Date('2026-05-18T08:00:00Z');
export const PROBE_DAY = '2026-05-18';

export const TEST_USER_AGENT = 'GuichetsFermes/test (+https://example.org/robot)';

export function temporaryDirectory(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `gf-${name}-`));
}

export interface RunningSimulator {
  simulator: Simulator;
  origins: string[];
  dataDir: string;
  evidenceDir: string;
  sleeps: number[];
  options: (extra?: Partial<RoundOptions>) => RoundOptions;
  close: () => Promise<void>;
}

/** Starts a simulator with `entries` on `hosts` hosts and writes the matching registry. */
export async function startSimulator(
  entries: readonly CatalogueEntry[],
  hosts = 3,
  clock: () => Date = () => PROBE_TIME,
): Promise<RunningSimulator> {
  const simulator = new Simulator({ clock });
  registerCatalogue(simulator, entries);
  const origins = await simulator.listen(hosts);
  const dataDir = temporaryDirectory('data');
  const evidenceDir = temporaryDirectory('evidence');
  fs.writeFileSync(registryPath(dataDir), registryFor(entries, origins));
  const sleeps: number[] = [];
  return {
    simulator,
    origins,
    dataDir,
    evidenceDir,
    sleeps,
    options: (extra = {}) => ({
      dataDir,
      evidenceDir,
      timeoutMs: 2_000,
      intervalMs: 0,
      userAgent: TEST_USER_AGENT,
      clock,
      sleep: async (milliseconds) => {
        sleeps.push(milliseconds);
      },
      ...extra,
    }),
    close: async () => {
      await simulator.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(evidenceDir, { recursive: true, force: true });
    },
  };
}
