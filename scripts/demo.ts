/**
 * The robot against the simulator, never a real site.
 *
 *     npx tsx scripts/demo.ts                     one round now over every standard scenario
 *     npx tsx scripts/demo.ts --days 90           three months of hourly rounds in virtual time
 *
 * Options: --days N (history mode), --every HOURS (default 1), --start YYYY-MM-DD
 * (default 90 days ago), --data-dir DIR and --evidence-dir DIR (default: new
 * temporary directories, kept and printed), --evidence (keep evidence in
 * history mode too; off by default there, as it is one file set per probe),
 * --hosts N (simulated hosts, default 5), --seed N.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { registryPath } from '../src/lib/data-directory.ts';
import { addDays, parisInstant } from '../src/lib/calendar.ts';
import { runRound } from '../src/robot/round.ts';
import { registerCatalogue, registryFor, SCENARIO_CATALOGUE } from '../src/robot/simulator/catalogue.ts';
import { historyCatalogue } from '../src/robot/simulator/history.ts';
import { Simulator } from '../src/robot/simulator/server.ts';
import { formatProgressLine, formatSummary } from '../src/robot/summary.ts';
import { userAgent } from '../src/robot/user-agent.ts';

const { values } = parseArgs({
  options: {
    days: { type: 'string' },
    every: { type: 'string', default: '1' },
    start: { type: 'string' },
    'data-dir': { type: 'string' },
    'evidence-dir': { type: 'string' },
    evidence: { type: 'boolean', default: false },
    hosts: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
  },
});

const history = values.days !== undefined;
const dataDir = path.resolve(values['data-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'guichets-demo-data-')));
const evidenceDir = path.resolve(
  values['evidence-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'guichets-demo-evidence-')),
);
const start = values.start ?? new Date(Date.now() - Number(values.days ?? 0) * 86_400_000).toISOString().slice(0, 10);

let now = history ? parisInstant(start, '00:17') : new Date();
const clock = () => now;
const simulator = new Simulator({ clock });
const entries = history ? historyCatalogue(Number(values.seed), start) : [...SCENARIO_CATALOGUE];
registerCatalogue(simulator, entries);
const origins = await simulator.listen(Number(values.hosts));
fs.mkdirSync(dataDir, { recursive: true });
fs.writeFileSync(registryPath(dataDir), registryFor(entries, origins));

const options = {
  dataDir,
  evidenceDir: history && !values.evidence ? null : evidenceDir,
  timeoutMs: 2_000,
  intervalMs: 0,
  userAgent: userAgent(process.env),
  clock,
  // Virtual time: throttling waits are skipped, not slept.
  ...(history ? { sleep: async () => {} } : {}),
};

try {
  if (!history) {
    const round = await runRound({
      ...options,
      onProbe: (report, done, total) => console.log(formatProgressLine(report, done, total)),
    });
    console.log(`\n${formatSummary(round)}`);
  } else {
    const end = parisInstant(addDays(start, Number(values.days)), '00:00');
    const step = Number(values.every) * 3600_000;
    const started = Date.now();
    let rounds = 0;
    let probes = 0;
    for (; now < end; now = new Date(now.getTime() + step)) {
      simulator.reset();
      const round = await runRound(options);
      rounds += 1;
      probes += round.probes.length;
      if (rounds % 24 === 0)
        process.stdout.write(`\r${now.toISOString().slice(0, 10)}: ${rounds} rounds, ${probes} probes`);
    }
    console.log(
      `\n${rounds} rounds of ${entries.length} procedures (${probes} probes), ${values.days} days from ${start}, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  console.log(`data: ${dataDir}`);
  if (options.evidenceDir) console.log(`evidence: ${evidenceDir}`);
} finally {
  await simulator.close();
}
