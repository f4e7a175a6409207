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
