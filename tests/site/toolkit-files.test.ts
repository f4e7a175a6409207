import { load } from 'cheerio';
import { describe, expect, test } from 'vitest';
import { composeLetter, emptyLetterForm } from '../../src/site/toolkit/letter.ts';
import { letterDocument, ODS_MIME, ODT_MIME, spreadsheet } from '../../src/site/toolkit/opendocument.ts';
import { TEMPLATE_ROWS, TRACKING_COLUMNS, trackingCsv, trackingOds } from '../../src/site/toolkit/tracking-table.ts';
import { crc32, zip } from '../../src/site/toolkit/zip.ts';
import { checkWellFormedXml, readZip, readZipIndependently } from './toolkit-support.ts';
import { assertWellFormedXml } from '../support/xml.ts';
import { crc32 as nodeCrc32 } from 'node:zlib';

/** Text with French no-break spaces made plain, to compare with what a reader sees. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('the zip writer', () => {
  test.each([[''], ['a'], ['préfecture'], ['x'.repeat(10_000)]])('computes CRC-32 as zlib does (%#)', (text) => {
    const bytes = new TextEncoder().encode(text);
    expect(crc32(bytes)).toBe(nodeCrc32(bytes));
  });

  test('stores entries that read back, in order, with UTF-8 names', () => {
    const archive = zip([
      { name: 'mimetype', content: 'text/plain' },
      { name: 'dossier/données.txt', content: 'é' },
      { name: 'bytes.bin', content: new Uint8Array([0, 255, 1]) },
    ]);
    const entries = readZip(archive);
    expect(entries.map((entry) => entry.name)).toEqual(['mimetype', 'dossier/données.txt', 'bytes.bin']);
    expect([...readZipIndependently(archive).keys()]).toEqual(['mimetype', 'dossier/données.txt', 'bytes.bin']);
    expect(entries.every((entry) => entry.method === 0 && entry.extraLength === 0)).toBe(true);
    expect(entries[1]!.data.toString('utf8')).toBe('é');
    expect([...entries[2]!.data]).toEqual([0, 255, 1]);
  });

  test.each([
    ['cut short', (bytes: Buffer) => bytes.subarray(0, bytes.length - 30)],
    [
      'with a damaged central directory',
      (bytes: Buffer) =>
        Buffer.concat([
          bytes.subarray(0, bytes.lastIndexOf(Buffer.from('PK\x01\x02', 'latin1'))),
          Buffer.alloc(46),
          bytes.subarray(bytes.length - 22),
        ]),
    ],
  ])('a zip %s is rejected by the independent reader', (_, damage) => {
    const archive = Buffer.from(
      zip([
        { name: 'mimetype', content: 'text/plain' },
        { name: 'content.xml', content: '<a/>' },
      ]),
    );
    expect(() => readZipIndependently(damage(archive))).toThrow();
  });

  test('gives the same bytes for the same content', () => {
    expect(
      Buffer.from(zip([{ name: 'a', content: 'b' }])).equals(Buffer.from(zip([{ name: 'a', content: 'b' }]))),
    ).toBe(true);
  });
});

describe('the well-formedness check', () => {
  test.each([
    ['an unclosed element', '<a><b></a>'],
    ['a bare ampersand', '<a>x & y</a>'],
    ['a bare less-than', '<a>x < y</a>'],
    ['a repeated attribute', '<a x="1" x="2"/>'],
    ['an undeclared prefix', '<a><text:p/></a>'],
    ['two roots', '<a/><b/>'],
    ['an undefined entity', '<a>&nbsp;</a>'],
    ['a cut-off document', '<a><b>'],
  ])('rejects %s', (_, text) => {
    expect(() => checkWellFormedXml(text)).toThrow(/not well-formed/);
  });

  test('accepts a namespaced document', () => {
    expect(() =>
      checkWellFormedXml('<?xml version="1.0" encoding="UTF-8"?><a xmlns:t="urn:t"><t:b x="1">x &amp; y</t:b></a>'),
    ).not.toThrow();
  });
});

/** Checks the OpenDocument package rules and returns the parsed content.xml. */
function openDocument(bytes: Uint8Array, mime: string) {
  const entries = readZip(bytes);
  readZipIndependently(bytes);
  // The mimetype entry comes first, stored, without extra field, so that tools can sniff it at offset 38.
  expect(entries[0]!.name).toBe('mimetype');
  expect(entries[0]!.data.toString('ascii')).toBe(mime);
  expect(Buffer.from(bytes).subarray(30, 38).toString('ascii')).toBe('mimetype');
  expect(
    Buffer.from(bytes)
      .subarray(38, 38 + mime.length)
      .toString('ascii'),
  ).toBe(mime);
  const names = entries.map((entry) => entry.name);
  expect(names).toEqual(['mimetype', 'META-INF/manifest.xml', 'content.xml', 'styles.xml']);
  const manifest = load(entries[1]!.data.toString('utf8'), { xml: true });
  expect(manifest('manifest\\:file-entry[manifest\\:full-path="/"]').attr('manifest:media-type')).toBe(mime);
  for (const entry of entries.slice(1)) {
    const text = entry.data.toString('utf8');
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    // cheerio accepts anything: a strict parser checks well-formedness and namespaces.
    expect(() => checkWellFormedXml(text, entry.name)).not.toThrow();
  }
  return load(entries[2]!.data.toString('utf8'), { xml: true });
}

describe('the tracking table template', () => {
  test('has the columns the guide lists', () => {
    expect(TRACKING_COLUMNS).toEqual(
      expect.arrayContaining([
        'Contact',
        'Avocat·e référent·e',
        'Type de référé',
        'Date de dépôt',
        'Numéro de requête',
        'Date d’audience',
        'Issue',
        'Remarques',
      ]),
    );
    expect(TRACKING_COLUMNS[0]).toMatch(/^Personne/);
  });

  test('as CSV: UTF-8 with BOM, CRLF, the header then empty rows', () => {
    const csv = trackingCsv();
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.slice(1).split('\r\n');
    expect(rows.at(-1)).toBe('');
    expect(rows[0]!.split(',')).toEqual([...TRACKING_COLUMNS]);
    expect(rows.slice(1, -1)).toHaveLength(TEMPLATE_ROWS);
    expect(rows.slice(1, -1).every((row) => row === ','.repeat(TRACKING_COLUMNS.length - 1))).toBe(true);
  });

  test('as ODS: a valid OpenDocument spreadsheet with the header row and instructions', () => {
    const $ = openDocument(trackingOds(), ODS_MIME);
    const tables = $('table\\:table');
    expect(tables.map((_, table) => $(table).attr('table:name')).get()).toEqual(['Suivi', 'Mode d’emploi']);
    const header = tables
      .first()
      .find('table\\:table-header-rows table\\:table-cell')
      .map((_, cell) => $(cell).text())
      .get();
    expect(header).toEqual([...TRACKING_COLUMNS]);
    expect(tables.first().find('> table\\:table-row')).toHaveLength(TEMPLATE_ROWS);
    expect(tables.last().text()).toContain('jamais le nom');
  });

  test('escapes text in cells', () => {
    const $ = openDocument(spreadsheet([{ name: 'A & B', header: ['x < y', 'a  b'] }]), ODS_MIME);
    expect($('table\\:table').attr('table:name')).toBe('A & B');
    expect($('text\\:p').first().text()).toBe('x < y');
  });
});

describe('the letter as .odt', () => {
  const facts = {
    prefecture: 'Préfecture de Bobigny',
    procedure: 'Titre de séjour',
    bookingUrl: 'https://example.org/',
    evidencePackUrl: 'https://guichets.example/dossier/',
    statistics: null,
  };
  const blocks = composeLetter(
    { ...emptyLetterForm(facts), name: 'Awa <Diallo> & co', situation: 'sans-internet' },
    facts,
  );

  test('is a valid OpenDocument text on A4 with one paragraph per block', () => {
    const bytes = letterDocument(blocks);
    const $ = openDocument(bytes, ODT_MIME);
    const paragraphs = $('office\\:text > text\\:p');
    expect(paragraphs.first().text()).toContain('Awa <Diallo> & co');
    expect(plain($('office\\:text').text())).toContain(
      'Objet : Demande de rendez-vous pour le dépôt d’une demande de titre de séjour',
    );
    expect(plain($('office\\:text').text())).toContain('Je n’ai pas d’accès à internet');
    const styles = load(readZip(bytes)[3]!.data.toString('utf8'), { xml: true });
    expect(styles('style\\:page-layout-properties').attr('fo:page-width')).toBe('21cm');
    expect(styles('style\\:page-layout-properties').attr('fo:page-height')).toBe('29.7cm');
    // Every paragraph style used is defined.
    const used = new Set(paragraphs.map((_, paragraph) => $(paragraph).attr('text:style-name')).get());
    for (const name of used) expect(styles(`style\\:style[style\\:name="${name}"]`)).toHaveLength(1);
  });
  test('stays a readable file when the person pastes text with control characters', () => {
    // Copied from a PDF or a web form: a form feed, a vertical tab, an escape character.
    const pasted = composeLetter({ ...emptyLetterForm(facts), name: 'Awa\fDiallo\u000b\u001b' }, facts);
    const content = readZip(letterDocument(pasted)).find((entry) => entry.name === 'content.xml')!;
    const text = content.data.toString('utf8');
    assertWellFormedXml(text, 'content.xml');
    expect(text).toContain('Awa Diallo');
  });
});
