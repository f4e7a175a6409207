/**
 * `npm run observe`: the operator's way in for observations that volunteers
 * sent by e-mail (the « Copier l'observation » text) or as a saved page.
 *
 *     npm run observe -- FILE [FILE...] [--reference batch:NAME] [--account NAME]
 *     npm run observe -- PAGE.html --at ISO-INSTANT [--demarche ID] [--reference batch:NAME]
 *
 * A FILE holds one or many observation blocks, whatever surrounds them (a
 * saved e-mail, several pasted together). A PAGE is a slot page saved from the
 * browser; `--at` says when it was seen (e.g. `2026-05-18T11:30:00+02:00`).
 * Each observation is judged by the same rules as the issue workflow and
 * written with the robot's locked, atomic writer. One file is one sender for
 * the limit per account and hour, unless `--account` says otherwise.
 *
 * Exit code: 0 when every observation was recorded, 1 when one was refused or
 * unreadable (the others are still recorded), 2 on a usage error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatParisTimestamp, parisDay } from '../lib/calendar.ts';
import { dataDirectory, registryPath } from '../lib/data-directory.ts';
import { readBlocks, type BlockReading, type ObservationBlock } from '../lib/observation-block.ts';
import { captureObservation } from '../lib/observation-capture.ts';
import { parseRegistry } from '../lib/registry.ts';
import { recordObservation } from '../robot/observation-store.ts';
import { vuiInitDataText } from '../robot/adapters/rdv-prefecture-pages.ts';

const USAGE =
  'usage: npm run observe -- FILE... [--reference batch:NAME] [--account NAME]\n       npm run observe -- PAGE.html --at ISO-INSTANT [--demarche ID] [--reference batch:NAME]';

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

interface Source {
  file: string;
  account: string;
  readings: BlockReading[];
}

/** The démarche id a saved page names: the « saved from » address, or the one démarche its links and forms point to. */
function demarcheOfSavedPage(html: string): string | null {
  const saved = /<!-- saved from url=\(\d+\)(\S+) -->/.exec(html)?.[1];
  const fromSaved = saved ? /\/rdvpref\/reservation\/demarche\/(\d{1,9})\//.exec(saved)?.[1] : undefined;
  if (fromSaved) return fromSaved;
  const ids = new Set([...html.matchAll(/\/rdvpref\/reservation\/demarche\/(\d{1,9})\//g)].map((match) => match[1]!));
  return ids.size === 1 ? [...ids][0]! : null;
}

/** `batch:2026-05-18-courriels` from a file name: the default reference of a batch. */
function defaultReference(file: string, now: Date): string {
  const name = path
    .basename(file)
    .toLowerCase()
    .replace(/\.[a-z0-9]+$/, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 40);
  return `batch:${parisDay(now)}${name ? `-${name}` : ''}`;
}

export async function runObserve(
  argv: readonly string[],
  environment: NodeJS.ProcessEnv,
  output: Output = consoleOutput,
  now = () => new Date(),
): Promise<number> {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: {
        at: { type: 'string' },
        demarche: { type: 'string' },
        reference: { type: 'string' },
        account: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    output.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (positionals.length === 0) {
    output.err(USAGE);
    return 2;
  }
  if (values.reference !== undefined && !/^batch:[a-z0-9][a-z0-9._-]{0,59}$/.test(values.reference)) {
    output.err(`--reference must look like batch:2026-05-18-courriels (lowercase letters, digits, . _ -)\n${USAGE}`);
    return 2;
  }
  const sources: Source[] = [];
  for (const file of positionals) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      output.err(`error: cannot read ${file}: ${(error as Error).message}`);
      return 2;
    }
    const account = values.account ?? file;
    if (values.at !== undefined) {
      const seen = new Date(values.at);
      if (
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$/.test(values.at) ||
        Number.isNaN(seen.getTime())
      ) {
        output.err(`--at must be an ISO instant with its offset, e.g. 2026-05-18T11:30:00+02:00\n${USAGE}`);
        return 2;
      }
      const demarche = values.demarche ?? demarcheOfSavedPage(text);
      if (demarche === null || !/^\d{1,9}$/.test(demarche)) {
        output.err(`error: ${file}: cannot tell which démarche this page is; give it with --demarche ID`);
        return 2;
      }
      const capture = captureObservation(
        `/rdvpref/reservation/demarche/${demarche}/creneau/`,
        vuiInitDataText(text),
        seen,
      );
      sources.push({
        file,
        account,
        readings: [capture.ok ? { ok: true, block: capture.block } : { ok: false, reason: capture.reason }],
      });
    } else {
      const readings = readBlocks(text);
      if (readings.length === 0)
        output.err(`error: ${file}: no observation block (a line « -----DEBUT OBSERVATION GUICHETS FERMES----- »)`);
      sources.push({ file, account, readings: readings.length > 0 ? readings : [{ ok: false, reason: 'aucun bloc' }] });
    }
  }

  const dataDir = dataDirectory(environment);
  const procedures = parseRegistry(readFileSync(registryPath(dataDir), 'utf8'), registryPath(dataDir));
  const clock = now();
  let failures = 0;
  const accepted = new Map<string, number[]>();
  for (const { file, account, readings } of sources) {
    const reference = values.reference ?? defaultReference(file, clock);
    const blocks = readings
      .filter((reading): reading is { ok: true; block: ObservationBlock } => reading.ok)
      .map((reading) => reading.block);
    for (const reading of readings) {
      if (!reading.ok) {
        failures += 1;
        output.err(`refused ${file}: unreadable: ${reading.reason}`);
      }
    }
    // In the order they were seen, so that the limit per hour counts earlier reports.
    for (const block of blocks.sort((a, b) => Date.parse(a.observed_at) - Date.parse(b.observed_at))) {
      const instant = Date.parse(block.observed_at);
      const earlier = accepted.get(account) ?? [];
      const judged = await recordObservation(dataDir, block, {
        procedures,
        now: clock,
        reference,
        accountReportsInLastHour: earlier.filter((other) => other > instant - 3_600_000 && other <= instant).length,
      });
      if (judged.ok) {
        accepted.set(account, [...earlier, instant]);
        output.out(
          `recorded ${judged.procedure.department}/${judged.procedure.slug} ${block.observed_at} ${block.outcome}${block.first_date ? ` ${block.first_date}` : ''} (${reference})`,
        );
      } else {
        failures += 1;
        output.err(
          `refused ${file}: ${judged.refusal.code}: ${judged.refusal.message} (démarche ${block.demarche}, ${block.observed_at})`,
        );
      }
    }
  }
  output.out(`${formatParisTimestamp(clock)}: ${[...accepted.values()].flat().length} recorded, ${failures} refused`);
  return failures === 0 ? 0 : 1;
}
