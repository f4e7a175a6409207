/** The record of a released evidence archive: what the build accepts, and what it refuses with `file: message`. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  evidenceRecordPath,
  formatEvidenceRecord,
  parseEvidenceRecord,
  readEvidenceRecord,
  type EvidenceRecord,
} from '../../src/lib/evidence-record.ts';
import { evidencePart } from '../support/evidence-parts.ts';

const RECORD: EvidenceRecord = {
  month: '2026-10',
  tag: 'evidence-2026-10',
  asset: 'evidence-2026-10.tar',
  bytes: 12_345_678,
  sha256: 'a'.repeat(64),
  probes: 1490,
  pages: 1500,
  pages_by_procedure: { '93/aes': 1000, '2A/titre-sejour': 500 },
};

describe('evidence records', () => {
  test('a record round-trips, written with its procedures in order', () => {
    const text = formatEvidenceRecord(RECORD);
    expect(parseEvidenceRecord(text, 'evidence/2026-10.json', '2026-10')).toEqual(RECORD);
    expect(Object.keys(JSON.parse(text).pages_by_procedure)).toEqual(['2A/titre-sejour', '93/aes']);
  });

  test.each([
    ['a tag of another month', { tag: 'evidence-2026-09' }, 'tag: tag must be evidence-{month}'],
    ['another asset name', { asset: 'evidence-2026-10.zip' }, 'asset: asset must be evidence-{month}.tar'],
    ['an uppercase hash', { sha256: 'A'.repeat(64) }, 'sha256: 64 lowercase hexadecimal digits'],
    ['an asset GitHub would refuse', { bytes: 2 * 1024 ** 3 }, 'bytes:'],
    ['pages that do not add up', { pages: 1501 }, 'pages_by_procedure: pages_by_procedure must add up to pages'],
    ['an unknown field', { url: 'https://example.org' }, 'record: Unrecognized key: "url"'],
  ])('%s is refused', (_label, change, message) => {
    const text = JSON.stringify({ ...RECORD, ...change });
    expect(() => parseEvidenceRecord(text, 'evidence/2026-10.json', '2026-10')).toThrow(
      `evidence/2026-10.json: ${message}`,
    );
  });

  const part = (n: number, pages: Record<string, number>, bytes = 1_500_000_000) =>
    evidencePart('2026-10', n, 2, pages, bytes);
  const SPLIT: EvidenceRecord = {
    month: '2026-10',
    tag: 'evidence-2026-10',
    bytes: 3_000_000_000,
    probes: 1500,
    pages: 1500,
    pages_by_procedure: { '93/aes': 1000, '2A/titre-sejour': 500 },
    parts: [part(1, { '2A/titre-sejour': 500, '93/aes': 200 }), part(2, { '93/aes': 800 })],
  };

  test('a month split in parts round-trips, over 2 GB in all, each part under it', () => {
    expect(parseEvidenceRecord(formatEvidenceRecord(SPLIT), 'evidence/2026-10.json', '2026-10')).toEqual(SPLIT);
  });

  test.each([
    ['parts with the one archive’s name', { asset: 'evidence-2026-10.tar' }, 'asset: asset must be'],
    ['parts out of order', { parts: [SPLIT.parts![1], SPLIT.parts![0]] }, 'parts: part n of N must be'],
    ['a single part', { parts: [SPLIT.parts![0]] }, 'parts:'],
    [
      'a missing part (its name says of 3)',
      { parts: SPLIT.parts!.map((part) => ({ ...part, asset: part.asset.replace('-of-2', '-of-3') })) },
      'parts: part n of N must be',
    ],
    [
      'a part over the limit',
      {
        parts: [
          part(1, { '2A/titre-sejour': 500, '93/aes': 200 }, 2_100_000_000),
          part(2, { '93/aes': 800 }, 900_000_000),
        ],
      },
      'parts.0.bytes:',
    ],
    [
      'parts whose bytes do not add up',
      { bytes: 3_000_000_001 },
      'parts: the parts’ bytes, probes and pages must add up',
    ],
    [
      'parts whose pages by procedure do not add up',
      { pages_by_procedure: { '93/aes': 1100, '2A/titre-sejour': 400 } },
      'parts: the parts’ pages_by_procedure must add up',
    ],
  ])('a split record with %s is refused', (_label, change, message) => {
    const text = JSON.stringify({ ...SPLIT, ...change });
    expect(() => parseEvidenceRecord(text, 'evidence/2026-10.json', '2026-10')).toThrow(
      `evidence/2026-10.json: ${message}`,
    );
  });

  test('a record filed under another month is refused', () => {
    expect(() => parseEvidenceRecord(formatEvidenceRecord(RECORD), 'evidence/2026-11.json', '2026-11')).toThrow(
      'evidence/2026-11.json: the record of 2026-10 is filed under 2026-11',
    );
  });

  test('a month never released has no record, and no directory is needed', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gf-records-'));
    expect(readEvidenceRecord(dataDir, '2026-10')).toBeNull();
    fs.mkdirSync(path.dirname(evidenceRecordPath(dataDir, '2026-10')));
    fs.writeFileSync(evidenceRecordPath(dataDir, '2026-10'), formatEvidenceRecord(RECORD));
    expect(readEvidenceRecord(dataDir, '2026-10')).toEqual(RECORD);
    expect(readEvidenceRecord(dataDir, '2026-11')).toBeNull();
    fs.rmSync(dataDir, { recursive: true });
  });
});
