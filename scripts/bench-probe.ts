/**
 * Benchmark of one probe round: `npm run probe -- --interval 0` over 50
 * procedures spread on 10 simulated hosts (the issue asks for under 10 s),
 * then a check of every recorded outcome and that no failure was recorded as
 * `none`.
 *
 *     npx tsx scripts/bench-probe.ts [--procedures 50] [--hosts 10] [--all]
 *
 * By default the mix leaves out the scenarios that wait on purpose (a slow
 * answer, throttling with its Retry-After or backoff): they measure the
 * waiting, not the robot. `--all` includes them, with `--timeout 2`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { monthFilePath, registryPath } from '../src/lib/data-directory.ts';
import { parseMonthFile } from '../src/lib/probe.ts';
import { addDays, parisDay } from '../src/lib/calendar.ts';
import {
  registerCatalogue,
  registryFor,
  SCENARIO_CATALOGUE,
  type CatalogueEntry,
} from '../src/robot/simulator/catalogue.ts';
import { Simulator } from '../src/robot/simulator/server.ts';

const { values } = parseArgs({
  options: {
    procedures: { type: 'string', default: '50' },
    hosts: { type: 'string', default: '10' },
    all: { type: 'boolean', default: false },
  },
});
const WAITING = new Set([
  'reponse-lente',
  'surcharge-502',
  'surcharge-502-passagere',
  'trop-de-requetes',
  'planning-502',
]);
const base = SCENARIO_CATALOGUE.filter((entry) => values.all || !WAITING.has(entry.slug));
const count = Number(values.procedures);
const entries: CatalogueEntry[] = Array.from({ length: count }, (_, index) => {
  const entry = base[index % base.length]!;
  const copy = Math.floor(index / base.length);
  return copy === 0 ? entry : { ...entry, slug: `${entry.slug}-${copy + 1}` };
});

const simulator = new Simulator();
registerCatalogue(simulator, entries);
const origins = await simulator.listen(Number(values.hosts));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichets-bench-data-'));
const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichets-bench-evidence-'));
fs.writeFileSync(registryPath(dataDir), registryFor(entries, origins));

const args = ['run', '--silent', 'probe', '--', '--interval', '0', ...(values.all ? ['--timeout', '2'] : [])];
const started = performance.now();
const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
  const child = spawn('npm', args, {
    env: { ...process.env, DATA_DIR: dataDir, EVIDENCE_DIR: evidenceDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.on('exit', (code) => resolve({ code, stdout, stderr }));
});
const seconds = (performance.now() - started) / 1000;
await simulator.close();

const today = parisDay(new Date());
const mismatches: string[] = [];
let failuresAsNone = 0;
for (const entry of entries) {
  const month = today.slice(0, 7);
  const file = monthFilePath(dataDir, entry.department, entry.slug, month);
  const probe = fs.existsSync(file)
    ? parseMonthFile(fs.readFileSync(file, 'utf8'), file, month).probes.at(-1)
    : undefined;
  const expected = {
    outcome: entry.expected.outcome,
    first: entry.expected.first === undefined ? '' : addDays(probe?.day ?? today, entry.expected.first),
    second: entry.expected.second === undefined ? '' : addDays(probe?.day ?? today, entry.expected.second),
  };
  const got = { outcome: probe?.outcome ?? '(no row)', first: probe?.firstDate ?? '', second: probe?.secondDate ?? '' };
  if (JSON.stringify(expected) !== JSON.stringify(got))
    mismatches.push(
      `${entry.department}/${entry.slug}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`,
    );
  if (entry.expected.outcome !== 'none' && got.outcome === 'none') failuresAsNone += 1;
}

const round = /in (\d+\.\d) s$/m.exec(result.stdout)?.[1];
console.log(
  `npm run probe ${args.slice(4).join(' ')}: exit ${result.code}, ${entries.length} procedures on ${origins.length} hosts`,
);
console.log(
  `wall time ${seconds.toFixed(1)} s (process start included); round ${round ?? '?'} s (as printed by the robot)`,
);
console.log(
  `outcomes as expected: ${entries.length - mismatches.length}/${entries.length}; failures recorded as none: ${failuresAsNone}`,
);
for (const line of mismatches) console.log(`  ${line}`);
if (result.stderr) console.log(`stderr:\n${result.stderr}`);
fs.rmSync(dataDir, { recursive: true, force: true });
fs.rmSync(evidenceDir, { recursive: true, force: true });
// With --all the time is mostly the scenarios' own waits (3 s backoffs, a 2 s timeout, a 1 s Retry-After): only outcomes are judged.
const ok = result.code === 0 && mismatches.length === 0 && failuresAsNone === 0 && (values.all || seconds < 10);
console.log(ok ? (values.all ? 'PASS (outcomes; time includes deliberate waits)' : 'PASS (under 10 s)') : 'FAIL');
process.exitCode = ok ? 0 : 1;
