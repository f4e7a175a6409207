/**
 * The month cache only saves time: what the build derives from the month
 * files (statistics, latest probes, warnings, every download) is the same
 * byte for byte without a cache, with an empty one, with a full one, and with
 * one whose entries are corrupt, which are then written again. A cached entry
 * never lets through a file the build's limits refuse.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { loadDataset } from '../../src/lib/dataset.ts';
import { crc32Combine, deflateChunk, gzipOfChunks } from '../../src/site/deflate-chunks.ts';
import { writeDownloads } from '../../src/site/downloads.ts';
import { MonthStore } from '../../src/site/month-store.ts';

const dataDir = inject('fixtureDataDir');
const work = mkdtempSync(path.join(tmpdir(), 'guichets-month-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file under a directory with its bytes, by relative path. */
function filesUnder(root: string, directory = root): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(directory)) {
    const file = path.join(directory, name);
    if (statSync(file).isDirectory()) for (const entry of filesUnder(root, file)) files.set(...entry);
    else files.set(path.relative(root, file), readFileSync(file));
  }
  return files;
}

/** The dataset and downloads made through one store, and how many months it found cached. */
async function build(name: string, store: MonthStore) {
  const dataset = loadDataset(dataDir, { readMonth: store.read });
  const outDir = path.join(work, name);
  await writeDownloads(dataset, outDir, store);
  return { dataset: JSON.stringify(dataset), files: filesUnder(outDir), hits: store.hits };
}

describe('the month cache', () => {
  const cacheDir = path.join(work, 'cache');
  const entries = () => readdirSync(cacheDir).map((name) => path.join(cacheDir, name));

  test('gives byte-identical data and downloads without a cache, empty, full and corrupt', async () => {
    const reference = await build('none', new MonthStore(null));
    const cold = await build('cold', new MonthStore(cacheDir));
    expect(cold.hits).toBe(0);
    const months = entries().length;
    expect(months).toBeGreaterThan(0);
    const warm = await build('warm', new MonthStore(cacheDir));
    expect(warm.hits).toBe(months);
    // Corrupt entries: one truncated, the others with a flipped byte.
    entries().forEach((entry, index) => {
      const bytes = readFileSync(entry);
      if (index === 0) writeFileSync(entry, bytes.subarray(0, 10));
      else writeFileSync(entry, Buffer.concat([bytes.subarray(0, -1), Buffer.of(bytes.at(-1)! ^ 0xff)]));
    });
    const corrupt = await build('corrupt', new MonthStore(cacheDir));
    expect(corrupt.hits).toBe(0);
    for (const run of [cold, warm, corrupt]) {
      expect(run.dataset).toBe(reference.dataset);
      expect([...run.files.keys()].sort()).toEqual([...reference.files.keys()].sort());
      for (const [file, bytes] of reference.files) expect(run.files.get(file)!.equals(bytes), file).toBe(true);
    }
    // The corrupt entries were written again.
    expect((await build('rewritten', new MonthStore(cacheDir))).hits).toBe(months);
  });

  test('never lets through a file the build’s clock refuses', () => {
    const store = new MonthStore(path.join(work, 'clock'));
    loadDataset(dataDir, { readMonth: store.read });
    const before = Date.parse('2018-03-20T00:00:00Z');
    const refusal = () => loadDataset(dataDir, { now: before });
    expect(refusal).toThrow('is in the future');
    expect(() => loadDataset(dataDir, { now: before, readMonth: store.read })).toThrow(
      (() => {
        try {
          refusal();
        } catch (error) {
          return (error as Error).message;
        }
        return 'no refusal';
      })(),
    );
  });
});

describe('a gzip file made of separately compressed pieces', () => {
  test.each([
    ['one piece', ['probed_at,outcome\n']],
    ['several, one empty', ['a,b\n', '', 'é'.repeat(70_000), '\n1,2\n'.repeat(5_000)]],
    ['none', []],
  ])('%s reads back as the pieces laid end to end', (_, pieces) => {
    const file = Buffer.concat([...gzipOfChunks(pieces.map(deflateChunk))]);
    expect(gunzipSync(file).toString('utf8')).toBe(pieces.join(''));
  });

  test.each([
    ['hello ', 'world'],
    ['', 'x'],
    ['x', ''],
    ['a'.repeat(1_000), 'b'.repeat(100_001)],
  ])('combines the CRC-32 of %j and of the next piece', (first, second) => {
    const [a, b] = [Buffer.from(first), Buffer.from(second)];
    expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(Buffer.concat([a, b])));
  });
});
