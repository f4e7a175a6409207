/**
 * The monthly evidence archive end to end: rounds of the robot against the
 * simulator write evidence into two directories (two hourly artifacts), the
 * month is bundled into one tar, recorded, and every row of the month files
 * is checked against it, by the project's verifier and by hand with tar,
 * gunzip and sha256sum as data/README.md tells readers to.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { monthFilePath } from '../../src/lib/data-directory.ts';
import { evidenceRecordPath, readEvidenceRecord } from '../../src/lib/evidence-record.ts';
import { parseMonthFile } from '../../src/lib/probe.ts';
import {
  describeEvidenceArchive,
  writeEvidenceArchive,
  writeEvidenceArchives,
} from '../../src/robot/evidence-archive.ts';
import { lastClosedMonth, runEvidenceArchive, runVerifyEvidence } from '../../src/robot/evidence-archive-cli.ts';
import { collectMonthEvidence } from '../../src/robot/evidence-collection.ts';
import { verifyEvidence } from '../../src/robot/evidence-verify.ts';
import { runRound } from '../../src/robot/round.ts';
import { SCENARIO_CATALOGUE } from '../../src/robot/simulator/catalogue.ts';
import { startSimulator, temporaryDirectory, type RunningSimulator } from './support/round-fixture.ts';

const SLUGS = ['aucun-creneau', 'deux-creneaux', 'page-fermee', 'surcharge-502', 'acces-interdit', 'rdvpref-captcha'];
const entries = SCENARIO_CATALOGUE.filter((entry) => SLUGS.includes(entry.slug));
/** Two rounds in October (the second at 23:30 on the 31st, Paris) and one at 00:30 on 1 November, Paris. */
const ROUNDS = [
  { at: '2026-10-05T08:00:00Z', artifact: 'run-1' },
  { at: '2026-10-31T22:30:00Z', artifact: 'run-2' },
  { at: '2026-10-31T23:30:00Z', artifact: 'run-2' },
];
const AFTER_OCTOBER = () => new Date('2026-11-02T06:00:00Z');

let sim: RunningSimulator;
let work: string;
let sources: string[];
let octoberFiles: string[];

const quiet = () => {
  const lines: string[] = [];
  return { lines, output: { log: (line: string) => lines.push(line), error: (line: string) => lines.push(line) } };
};

beforeAll(async () => {
  let now = new Date(ROUNDS[0]!.at);
  sim = await startSimulator(entries, 3, () => now);
  work = temporaryDirectory('evidence-archive');
  sources = [...new Set(ROUNDS.map((round) => path.join(work, round.artifact)))];
  for (const round of ROUNDS) {
    now = new Date(round.at);
    await runRound(sim.options({ evidenceDir: path.join(work, round.artifact) }));
  }
  octoberFiles = entries.map((entry) => monthFilePath(sim.dataDir, entry.department, entry.slug, '2026-10'));
});

afterAll(async () => {
  await sim?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('bundling a month', () => {
  test('every October row with a hash matches its page in the archive, and no November probe is in it', async () => {
    const archive = path.join(work, 'evidence-2026-10.tar');
    await writeEvidenceArchive(collectMonthEvidence(sources, '2026-10'), archive);
    const check = await verifyEvidence(archive, octoberFiles);
    const rows = octoberFiles.flatMap((file) => parseMonthFile(fs.readFileSync(file, 'utf8'), file, '2026-10').probes);
    const hashed = rows.filter((probe) => probe.extra.evidence_sha256 !== '');
    expect(check.mismatches).toEqual([]);
    expect(check.month).toBe('2026-10');
    expect(hashed.length).toBe(2 * entries.length);
    expect(check.rowsMatched).toBe(hashed.length);
    const record = await describeEvidenceArchive(archive, '2026-10');
    expect(record.probes).toBe(2 * entries.length);
    expect(Object.keys(record.pages_by_procedure).sort()).toEqual(
      entries.map((entry) => `${entry.department}/${entry.slug}`).sort(),
    );
  });

  test('the same evidence gives the same bytes, whatever the order of the sources', async () => {
    const first = path.join(work, 'a.tar');
    const second = path.join(work, 'b.tar');
    await writeEvidenceArchive(collectMonthEvidence(sources, '2026-10'), first);
    await writeEvidenceArchive(collectMonthEvidence([...sources].reverse(), '2026-10'), second);
    expect(fs.readFileSync(first).equals(fs.readFileSync(second))).toBe(true);
  });

  test('a row can be checked by hand with tar, grep, gunzip and sha256sum, as the data contract says', async (context) => {
    try {
      execFileSync('sh', ['-c', 'command -v tar && command -v sha256sum && command -v gunzip']);
    } catch {
      context.skip('tar, gunzip or sha256sum is not installed');
    }
    const archive = path.join(work, 'by-hand', 'evidence-2026-10.tar');
    fs.mkdirSync(path.dirname(archive));
    await writeEvidenceArchive(collectMonthEvidence(sources, '2026-10'), archive);
    execFileSync('tar', ['-xf', archive], { cwd: path.dirname(archive) });
    const file = octoberFiles[0]!;
    const row = parseMonthFile(fs.readFileSync(file, 'utf8'), file, '2026-10').probes[0]!;
    const line = fs
      .readFileSync(path.join(path.dirname(archive), 'evidence-2026-10', 'manifest.csv'), 'utf8')
      .split('\n')
      .find(
        (text) =>
          text.includes(`,${row.probedAt},`) &&
          text.startsWith(`${entries[0]!.department},${entries[0]!.slug},`) &&
          text.endsWith(',true'),
      )!;
    const page = line.split(',')[4]!;
    const digest = execFileSync('sh', ['-c', `gunzip -c "evidence-2026-10/${page}" | sha256sum`], {
      cwd: path.dirname(archive),
      encoding: 'utf8',
    });
    expect(digest.split(' ')[0]).toBe(row.extra.evidence_sha256);
  });
});

describe('what the verifier catches', () => {
  test('a row whose evidence_sha256 differs from the page is reported with its instant, and the exit code is 1', async () => {
    const archive = path.join(work, 'evidence-2026-10.tar');
    await writeEvidenceArchive(collectMonthEvidence(sources, '2026-10'), archive);
    const original = octoberFiles[1]!;
    const copy = path.join(work, 'tampered', ...original.split(path.sep).slice(-3));
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    const lines = fs.readFileSync(original, 'utf8').split('\n');
    const [probedAt] = lines[1]!.split(',');
    lines[1] = lines[1]!.replace(/[0-9a-f]{64}$/, 'f'.repeat(64));
    fs.writeFileSync(copy, lines.join('\n'));
    const { lines: printed, output } = quiet();
    expect(await runVerifyEvidence([archive, copy], output)).toBe(1);
    expect(printed.join('\n')).toMatch(
      new RegExp(`MISMATCH .*${probedAt!.replace('+', '\\+')}: evidence_sha256 f{64}`),
    );
    expect(await runVerifyEvidence([archive, original], output)).toBe(0);
  });

  test('a month file of another month is reported, not silently passed', async () => {
    const archive = path.join(work, 'evidence-2026-10.tar');
    await writeEvidenceArchive(collectMonthEvidence(sources, '2026-10'), archive);
    const november = monthFilePath(sim.dataDir, entries[0]!.department, entries[0]!.slug, '2026-11');
    const check = await verifyEvidence(archive, [november]);
    expect(check.mismatches).toEqual([`${november}: a file of 2026-11, the archive holds 2026-10`]);
  });

  test('bundling refuses a page that no longer matches its manifest, so a bad page is never archived', () => {
    const copy = path.join(work, 'corrupt');
    fs.cpSync(sources[0]!, copy, { recursive: true });
    const directory = path.join(copy, entries[0]!.department, entries[0]!.slug, '2026-10');
    const page = fs.readdirSync(directory).find((name) => name.endsWith('.html.gz'))!;
    fs.writeFileSync(path.join(directory, page), gzipSync('<p>autre chose</p>'));
    expect(() => collectMonthEvidence([copy], '2026-10')).toThrow(/its SHA-256 is [0-9a-f]{64}, the manifest says/);
  });

  test('a page left by a round killed before its manifest is left out and named', () => {
    const copy = path.join(work, 'orphan');
    fs.cpSync(sources[0]!, copy, { recursive: true });
    const directory = path.join(copy, entries[0]!.department, entries[0]!.slug, '2026-10');
    fs.writeFileSync(path.join(directory, '2026-10-05T11-00-00+0200-1.html.gz'), gzipSync('<p>partiel</p>'));
    const evidence = collectMonthEvidence([copy], '2026-10');
    expect(evidence.unlisted).toEqual([
      `${entries[0]!.department}/${entries[0]!.slug}/2026-10-05T11-00-00+0200-1.html.gz`,
    ]);
    expect(evidence.files.map((file) => file.name)).not.toContain(evidence.unlisted[0]);
  });
});

describe('a month over the release asset limit is split into parts (limit injected small)', () => {
  let whole = 0;
  beforeAll(async () => {
    const archive = path.join(work, 'whole', 'evidence-2026-10.tar');
    fs.mkdirSync(path.dirname(archive));
    whole = (await writeEvidenceArchive(collectMonthEvidence(sources, '2026-10'), archive)).bytes;
  });

  test.each([
    { label: 'a limit the month fits in', share: 1, parts: 1 },
    { label: 'half the month', share: 0.55, parts: 2 },
    { label: 'a third of the month', share: 0.35, parts: 3 },
  ])(
    '$label: every part is under the limit and checks on its own; all together match every row',
    async ({ share, parts }) => {
      const limit = Math.ceil(whole * share) + (parts === 1 ? 0 : 4096);
      const directory = path.join(work, `split-${share}`);
      fs.mkdirSync(directory);
      const written = await writeEvidenceArchives(collectMonthEvidence(sources, '2026-10'), directory, limit);
      expect(written.length).toBeGreaterThanOrEqual(parts);
      expect(written.map((archive) => archive.asset)).toEqual(
        written.length === 1
          ? ['evidence-2026-10.tar']
          : written.map((_, index) => `evidence-2026-10.part${index + 1}-of-${written.length}.tar`),
      );
      let pages = 0;
      for (const archive of written) {
        expect(fs.statSync(archive.file).size).toBeLessThanOrEqual(limit);
        const alone = await verifyEvidence(archive.file);
        expect(alone.mismatches).toEqual([]);
        pages += alone.pagesChecked;
      }
      const together = await verifyEvidence(
        written.map((archive) => archive.file),
        octoberFiles,
      );
      const rows = octoberFiles.flatMap(
        (file) => parseMonthFile(fs.readFileSync(file, 'utf8'), file, '2026-10').probes,
      );
      expect(together.mismatches).toEqual([]);
      expect(together.rowsMatched).toBe(rows.filter((probe) => probe.extra.evidence_sha256 !== '').length);
      expect(pages).toBe(together.pagesChecked);
    },
  );

  test('bundle writes the parts, record describes them all, verify-evidence takes them all', async () => {
    const directory = path.join(work, 'split-cli');
    fs.mkdirSync(directory);
    const dataDir = temporaryDirectory('evidence-record-parts');
    const { output } = quiet();
    const limit = Math.ceil(whole / 3) + 4096;
    const archive = path.join(directory, 'evidence-2026-10.tar');
    expect(await runEvidenceArchive(['bundle', '2026-10', archive, ...sources], {}, output, AFTER_OCTOBER, limit)).toBe(
      0,
    );
    expect(fs.existsSync(archive)).toBe(false);
    const parts = fs.readdirSync(directory).map((name) => path.join(directory, name));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(await runEvidenceArchive(['record', '2026-10', ...parts.reverse()], { DATA_DIR: dataDir }, output)).toBe(0);
    const record = readEvidenceRecord(dataDir, '2026-10')!;
    expect(record.asset).toBeUndefined();
    expect(record.parts?.map((part) => [part.asset, part.bytes])).toEqual(
      record.parts?.map((_, index) => {
        const name = `evidence-2026-10.part${index + 1}-of-${record.parts!.length}.tar`;
        return [name, fs.statSync(path.join(directory, name)).size];
      }),
    );
    expect(record.probes).toBe(2 * entries.length);
    const missingOne = quiet();
    expect(
      await runEvidenceArchive(['record', '2026-10', ...parts.slice(1)], { DATA_DIR: dataDir }, missingOne.output),
    ).toBe(2);
    const { lines, output: verifyOutput } = quiet();
    expect(await runVerifyEvidence([...parts, ...octoberFiles], verifyOutput)).toBe(0);
    const report = lines.join('\n');
    expect(report).toMatch(/^\d+ archives \(parts\) of 2026-10: \d+ pages hashed\.\n/);
    expect(report).toMatch(/\nEverything matches\.$/);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('a probe alone larger than the limit is refused, and no part is left behind', async () => {
    const directory = path.join(work, 'split-refused');
    fs.mkdirSync(directory);
    await expect(writeEvidenceArchives(collectMonthEvidence(sources, '2026-10'), directory, 4096)).rejects.toThrow(
      /alone exceeds 4,096 bytes/,
    );
    expect(fs.readdirSync(directory).filter((name) => !name.startsWith('.'))).toEqual([]);
  });
});

describe('the workflow commands', () => {
  test.each([
    ['23:30 on 31 October, Paris', '2026-10-31T22:30:00Z', '2026-09'],
    ['00:30 on 1 November, Paris', '2026-10-31T23:30:00Z', '2026-10'],
    ['New Year in Paris, still 31 December in UTC', '2026-12-31T23:30:00Z', '2026-12'],
  ])('the last closed month at %s is %s', (_label, instant, month) => {
    expect(lastClosedMonth(new Date(instant))).toBe(month);
  });

  test('bundle refuses a month that is not closed on the Paris clock', async () => {
    const { lines, output } = quiet();
    const code = await runEvidenceArchive(
      ['bundle', '2026-10', path.join(work, 'open.tar'), ...sources],
      {},
      output,
      () => new Date('2026-10-31T22:30:00Z'),
    );
    expect([code, lines]).toEqual([2, ['2026-10 is not closed yet (Paris time)']]);
    expect(fs.existsSync(path.join(work, 'open.tar'))).toBe(false);
  });

  test('a month without evidence gives no archive (never an empty one presented as the month)', async () => {
    const { lines, output } = quiet();
    const archive = path.join(work, 'empty.tar');
    expect(await runEvidenceArchive(['bundle', '2026-09', archive, ...sources], {}, output, AFTER_OCTOBER)).toBe(0);
    expect(lines).toEqual(['No evidence of 2026-09 in the sources: no archive written.']);
    expect(fs.existsSync(archive)).toBe(false);
  });

  test('record writes the archive’s own figures once, accepts the same archive again and refuses another', async () => {
    const dataDir = temporaryDirectory('evidence-record');
    const environment = { DATA_DIR: dataDir };
    const archive = path.join(work, 'recorded', 'evidence-2026-10.tar');
    fs.mkdirSync(path.dirname(archive));
    const { output } = quiet();
    expect(await runEvidenceArchive(['bundle', '2026-10', archive, ...sources], {}, output, AFTER_OCTOBER)).toBe(0);
    expect(await runEvidenceArchive(['record', '2026-10', archive], environment, output)).toBe(0);
    const record = readEvidenceRecord(dataDir, '2026-10')!;
    expect(record).toMatchObject({
      tag: 'evidence-2026-10',
      asset: 'evidence-2026-10.tar',
      bytes: fs.statSync(archive).size,
      probes: 2 * entries.length,
    });
    const written = fs.readFileSync(evidenceRecordPath(dataDir, '2026-10'));
    expect(await runEvidenceArchive(['record', '2026-10', archive], environment, output)).toBe(0);
    expect(fs.readFileSync(evidenceRecordPath(dataDir, '2026-10')).equals(written)).toBe(true);
    const other = path.join(work, 'recorded', 'other.tar');
    await writeEvidenceArchive(collectMonthEvidence([sources[0]!], '2026-10'), other);
    const refused = quiet();
    expect(await runEvidenceArchive(['record', '2026-10', other], environment, refused.output)).toBe(2);
    expect(refused.lines[0]).toMatch(/not the archive\(s\) recorded in/);
    expect(fs.readFileSync(evidenceRecordPath(dataDir, '2026-10')).equals(written)).toBe(true);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
