/**
 * The commands of the monthly evidence workflow (`.github/workflows/evidence.yml`)
 * and of anyone checking an archive:
 *
 *     evidence-archive month [ISO-INSTANT]            the last closed Paris month (before now, or the instant)
 *     evidence-archive bundle MONTH ARCHIVE SOURCE…   the month's evidence of the sources as one archive,
 *                                                     or as parts beside it when over the release limit
 *     evidence-archive record MONTH ARCHIVE…          writes data/evidence/MONTH.json from the archive (or parts)
 *     verify-evidence ARCHIVE… [MONTH-CSV…]           checks pages and rows against the archive (or parts)
 *
 * `record` is the only writer of the records, and it describes the archive
 * files themselves. It never replaces a record: given the archives of a month
 * already recorded, it checks that they are the same (same names, sizes and SHA-256).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { addMonths, parisClock } from '../lib/calendar.ts';
import { dataDirectory } from '../lib/data-directory.ts';
import {
  evidenceArchivesOf,
  evidenceRecordDirectory,
  evidenceRecordOf,
  evidenceRecordPath,
  evidenceRecordSchema,
  formatEvidenceRecord,
  MAX_RELEASE_ASSET_BYTES,
  readEvidenceRecord,
} from '../lib/evidence-record.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { describeEvidenceArchive, writeEvidenceArchives } from './evidence-archive.ts';
import { collectMonthEvidence } from './evidence-collection.ts';
import { formatEvidenceCheck, verifyEvidence } from './evidence-verify.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month before the one `instant` falls in, on the Paris clock: the latest month that is closed. */
export function lastClosedMonth(instant: Date): string {
  return addMonths(parisClock(instant).day.slice(0, 7), -1);
}

interface Output {
  log: (line: string) => void;
  error: (line: string) => void;
}

const usage = 'usage: evidence-archive month [ISO-INSTANT] | bundle MONTH ARCHIVE SOURCE… | record MONTH ARCHIVE…';

/** Runs one command; resolves with the exit code. */
export async function runEvidenceArchive(
  argv: readonly string[],
  environment: NodeJS.ProcessEnv = process.env,
  output: Output = { log: console.log, error: console.error },
  now: () => Date = () => new Date(),
  /** The most bytes one archive may hold (a release asset's limit); smaller in tests. */
  limit = MAX_RELEASE_ASSET_BYTES,
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'month' && rest.length <= 1) {
    const instant = rest[0] === undefined ? now() : new Date(rest[0]);
    if (Number.isNaN(instant.getTime())) return fail(output, `"${rest[0]}" is not an instant`);
    output.log(lastClosedMonth(instant));
    return 0;
  }
  const [month, archive, ...sources] = rest;
  if (month === undefined || archive === undefined || !MONTH.test(month)) return fail(output, usage);
  if (command === 'bundle' && sources.length > 0) {
    if (month >= parisClock(now()).day.slice(0, 7)) return fail(output, `${month} is not closed yet (Paris time)`);
    const evidence = collectMonthEvidence(sources, month);
    for (const name of evidence.unlisted) output.error(`left out ${name}: no probe manifest lists it`);
    if (evidence.probes === 0) {
      output.log(`No evidence of ${month} in the sources: no archive written.`);
      return 0;
    }
    output.log(`${month}: ${evidence.probes} probes, ${evidence.pages.length} pages.`);
    for (const written of await writeEvidenceArchives(evidence, path.dirname(archive), limit))
      output.log(`${written.file}: ${written.bytes} bytes, SHA-256 ${written.sha256}`);
    return 0;
  }
  if (command === 'record') {
    const dataDir = dataDirectory(environment);
    const archives = [archive, ...sources];
    const parts = await Promise.all(archives.map((file) => describeEvidenceArchive(file, month)));
    parts.sort((a, b) => a.asset.localeCompare(b.asset, 'en', { numeric: true }));
    const checked = evidenceRecordSchema.safeParse(evidenceRecordOf(month, parts));
    if (!checked.success)
      return fail(
        output,
        `${archives.join(' ')}: not the archive or the whole set of parts of ${month} (${checked.error.issues[0]!.message})`,
      );
    const described = checked.data;
    const known = readEvidenceRecord(dataDir, month);
    if (known) {
      const identity = (record: typeof known) =>
        evidenceArchivesOf(record)
          .map(({ asset, bytes, sha256 }) => `${asset} ${bytes} ${sha256}`)
          .join('\n');
      if (identity(known) !== identity(described))
        return fail(
          output,
          `${archives.join(' ')}: not the archive(s) recorded in ${evidenceRecordPath(dataDir, month)} (described:\n${identity(described)}\nrecorded:\n${identity(known)})`,
        );
      output.log(`${archives.join(' ')}: the archive(s) recorded for ${month}: nothing to write.`);
      return 0;
    }
    mkdirSync(evidenceRecordDirectory(dataDir), { recursive: true });
    writeFileAtomic(evidenceRecordPath(dataDir, month), formatEvidenceRecord(described));
    output.log(`Recorded ${evidenceRecordPath(dataDir, month)}: ${described.pages} pages, ${described.bytes} bytes.`);
    return 0;
  }
  return fail(output, usage);
}

/** `verify-evidence ARCHIVE… [MONTH-CSV…]`: 0 when everything matches, 1 on any mismatch. */
export async function runVerifyEvidence(
  argv: readonly string[],
  output: Output = { log: console.log, error: console.error },
): Promise<number> {
  const archives = argv.filter((argument) => argument.endsWith('.tar'));
  const monthFiles = argv.filter((argument) => !argument.endsWith('.tar'));
  if (archives.length === 0 || !archives.every((archive) => existsSync(archive)))
    return fail(
      output,
      'usage: npm run verify-evidence -- evidence-YYYY-MM.tar (or every evidence-YYYY-MM.part{n}-of-{count}.tar) [data/probes/DEP/SLUG/YYYY-MM.csv …]',
    );
  const check = await verifyEvidence(archives, monthFiles);
  output.log(formatEvidenceCheck(check, monthFiles.length).trimEnd());
  return check.mismatches.length === 0 ? 0 : 1;
}

function fail(output: Output, message: string): number {
  output.error(message);
  return 2;
}
