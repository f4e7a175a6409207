/**
 * What a month page says about the archive of the robot's pages: the archive
 * with its size once released, and otherwise nothing it cannot show.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import { describe, expect, inject, test } from 'vitest';
import { formatEvidenceRecord, type EvidenceRecord } from '../../src/lib/evidence-record.ts';
import { evidenceArchiveNote, evidenceRecords } from '../../src/site/evidence-archives.ts';
import { evidencePart } from '../support/evidence-parts.ts';

const RECORD: EvidenceRecord = {
  month: '2026-10',
  tag: 'evidence-2026-10',
  asset: 'evidence-2026-10.tar',
  bytes: 12_345_678,
  sha256: 'b'.repeat(64),
  probes: 2000,
  pages: 2000,
  pages_by_procedure: { '93/aes': 1500, '2A/titre-sejour': 500 },
};
const REPOSITORY = 'https://github.com/exemple/guichets-fermes';

describe('the evidence note of a procedure-month', () => {
  test.each([
    ['the month still probed', RECORD, true, { kind: 'open' }],
    ['a closed month never released', undefined, false, { kind: 'unpublished' }],
  ] as const)('%s', (_label, record, open, expected) => {
    expect(evidenceArchiveNote(record, { department: '93', slug: 'aes' }, !open, REPOSITORY)).toEqual(expected);
  });

  test.each([
    ['93', 'aes', REPOSITORY, 1500, `${REPOSITORY}/releases/download/evidence-2026-10/evidence-2026-10.tar`],
    ['75', 'absente', REPOSITORY, 0, `${REPOSITORY}/releases/download/evidence-2026-10/evidence-2026-10.tar`],
    ['93', 'aes', null, 1500, null],
  ])(
    'a released month, procedure %s/%s: its pages and the archive’s address',
    (department, slug, repository, pages, url) => {
      expect(evidenceArchiveNote(RECORD, { department, slug }, true, repository)).toMatchObject({
        kind: 'archived',
        archives: [{ asset: 'evidence-2026-10.tar', bytes: 12_345_678, url }],
        parts: 1,
        pages,
      });
    },
  );

  const part = (n: number, pages: Record<string, number>) => evidencePart('2026-10', n, 3, pages, 1_900_000_000);
  const SPLIT: EvidenceRecord = {
    month: '2026-10',
    tag: 'evidence-2026-10',
    bytes: 5_700_000_000,
    probes: 2000,
    pages: 2000,
    pages_by_procedure: { '93/aes': 1500, '2A/titre-sejour': 500 },
    parts: [part(1, { '2A/titre-sejour': 500, '93/aes': 100 }), part(2, { '93/aes': 1400 }), part(3, {})],
  };
  test.each([
    ['2A', 'titre-sejour', ['evidence-2026-10.part1-of-3.tar'], 500],
    ['93', 'aes', ['evidence-2026-10.part1-of-3.tar', 'evidence-2026-10.part2-of-3.tar'], 1500],
    [
      '75',
      'absente',
      ['evidence-2026-10.part1-of-3.tar', 'evidence-2026-10.part2-of-3.tar', 'evidence-2026-10.part3-of-3.tar'],
      0,
    ],
  ])(
    'a month split in parts, procedure %s/%s: links the parts holding its pages',
    (department, slug, assets, pages) => {
      const note = evidenceArchiveNote(SPLIT, { department, slug }, true, REPOSITORY);
      expect(note).toMatchObject({ kind: 'archived', parts: 3, pages });
      expect(note.kind === 'archived' && note.archives.map((archive) => [archive.asset, archive.url])).toEqual(
        assets.map((asset) => [asset, `${REPOSITORY}/releases/download/evidence-2026-10/${asset}`]),
      );
    },
  );

  test('the records are read from the data directory, and a stray file there stops the build', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gf-evidence-note-'));
    expect(evidenceRecords(dataDir).size).toBe(0);
    const other = mkdtempSync(path.join(tmpdir(), 'gf-evidence-note-'));
    mkdirSync(path.join(other, 'evidence'));
    writeFileSync(path.join(other, 'evidence', '2026-10.json'), formatEvidenceRecord(RECORD));
    expect(evidenceRecords(other).get('2026-10')).toEqual(RECORD);
    const stray = mkdtempSync(path.join(tmpdir(), 'gf-evidence-note-'));
    mkdirSync(path.join(stray, 'evidence'));
    writeFileSync(path.join(stray, 'evidence', 'notes.txt'), 'hello');
    expect(() => evidenceRecords(stray)).toThrow(/notes\.txt: the evidence directory holds YYYY-MM\.json records only/);
    for (const directory of [dataDir, other, stray]) rmSync(directory, { recursive: true });
  });
});

describe('month pages of the fixture site (no archive released)', () => {
  const siteDir = inject('fixtureSiteDir');
  const note = (month: string) =>
    load(readFileSync(path.join(siteDir, '93/titre-sejour-bobigny', month, 'index.html'), 'utf8'))(
      '[data-evidence-archive]',
    );

  test.each([
    [
      '2018-02',
      'unpublished',
      'Les pages reçues par le robot en février 2018 ne sont pas (encore) publiées sous forme d’archive.',
    ],
    [
      '2015-06',
      'unpublished',
      'Les pages reçues par le robot en juin 2015 ne sont pas (encore) publiées sous forme d’archive.',
    ],
    ['2018-03', 'open', 'sont archivées après la clôture du mois.'],
  ])('%s says plainly where its pages are (%s)', (month, kind, words) => {
    expect(note(month).attr('data-evidence-archive')).toBe(kind);
    expect(note(month).text().replace(/\s+/g, ' ')).toContain(words);
    expect(note(month).find('a')).toHaveLength(0);
  });
});

describe('the data page tells how to check a row', () => {
  test('its « Vérifier un sondage » section, which month pages link to, gives the commands', () => {
    const $ = load(readFileSync(path.join(inject('fixtureSiteDir'), 'donnees', 'index.html'), 'utf8'));
    const section = $('#verifier-un-sondage').nextUntil('h2').text().replace(/\s+/g, ' ');
    expect($('#verifier-un-sondage').text()).toBe('Vérifier un sondage sur la page que le robot a vue');
    for (const command of [
      'sha256sum evidence-2026-10.tar',
      'tar -xf evidence-2026-10.tar',
      '| sha256sum',
      'npm run verify-evidence -- evidence-2026-10.tar data/probes/93/titre-sejour-bobigny/2026-10.csv',
    ])
      expect(section).toContain(command);
  });
});
