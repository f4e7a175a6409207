/**
 * No published CSV cell can run as a formula in a spreadsheet (OWASP « CSV
 * Injection »): a prefecture page quoted in a probe's detail, or a registry
 * cell, that starts with `=`, `+`, `-` or `@` is published with an apostrophe
 * before it, quoted, and reads back to the original with restoreFormula.
 * Every CSV the site publishes is checked: the whole dataset, the month
 * files, both statistics tables, the registry and the tracking template.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { formatCsv, neutraliseFormula, parseCsv, restoreFormula } from '../../src/lib/csv.ts';
import { loadDataset } from '../../src/lib/dataset.ts';
import { writeDownloads } from '../../src/site/downloads.ts';
import { trackingCsv } from '../../src/site/toolkit/tracking-table.ts';

/** What a spreadsheet runs as a formula: a cell starting with one of OWASP's characters. */
const FORMULA = /^[=+\-@\t\r]/;
/** A plain number, which a spreadsheet reads as a number whatever its sign. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** Formula-like texts a page or a contributor could put in a cell, one per prefix, and their tricky neighbours. */
const DETAILS = [
  '=HYPERLINK("https://evil.example";"Cliquez")',
  '+33 1 23 45 67 89',
  "-2+3+cmd|' /C calc'!A0",
  '@SUM(A1:A9)',
  "'=already quoted",
  '-5',
  'Aucun créneau = rien',
];

const REGISTRY =
  'department,slug,prefecture,procedure,system,url,note\n' +
  '93,formules,"=HYPERLINK(""https://evil.example"";""Préfecture"")",+Titre de séjour,legacy-booking,https://example.org/booking/create/1,@note\n';

const workDir = mkdtempSync(path.join(tmpdir(), 'guichets-formulas-'));
const dataDir = path.join(workDir, 'data');
const outDir = path.join(workDir, 'dist');

// Written at collection time: the tables of tests below list the files written.
{
  mkdirSync(path.join(dataDir, 'probes/93/formules'), { recursive: true });
  writeFileSync(path.join(dataDir, 'procedures.csv'), REGISTRY);
  const rows = DETAILS.map((detail, index) => [
    '2018-03-01T1' + index + ':00:00+01:00',
    'unrecognized',
    '',
    '',
    detail,
  ]);
  writeFileSync(
    path.join(dataDir, 'probes/93/formules/2018-03.csv'),
    formatCsv([['probed_at', 'outcome', 'first_date', 'second_date', 'detail'], ...rows]),
  );
  await writeDownloads(loadDataset(dataDir), outDir);
}
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Every CSV written under the site, as paths relative to it. */
function publishedCsvs(directory = outDir): string[] {
  return readdirSync(directory).flatMap((name) => {
    const file = path.join(directory, name);
    if (statSync(file).isDirectory()) return publishedCsvs(file);
    return /\.csv(\.gz)?$/.test(name) ? [path.relative(outDir, file)] : [];
  });
}

function cellsOf(file: string): string[] {
  const bytes = readFileSync(path.join(outDir, file));
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  const table = parseCsv(text, file);
  return [...table.header, ...table.lines.flatMap((line) => line.cells)];
}

describe('published CSV files are safe to open in a spreadsheet', () => {
  test('every kind of CSV download is checked', () => {
    expect(publishedCsvs().sort()).toEqual([
      'donnees/procedures.csv',
      'donnees/sondages.csv.gz',
      'donnees/sondages/93/formules/2018-03.csv.gz',
      'donnees/statistiques-mensuelles.csv',
      'donnees/statistiques/93/formules.csv',
    ]);
  });

  test.each(publishedCsvs())('%s has no cell a spreadsheet would run as a formula', (file) => {
    const formulas = cellsOf(file).filter((cell) => FORMULA.test(cell) && !PLAIN_NUMBER.test(cell));
    expect(formulas).toEqual([]);
  });

  test.each(['donnees/sondages.csv.gz', 'donnees/sondages/93/formules/2018-03.csv.gz'])(
    '%s gives back every detail with restoreFormula',
    (file) => {
      const bytes = gunzipSync(readFileSync(path.join(outDir, file))).toString('utf8');
      const table = parseCsv(bytes, file);
      const detail = table.header.indexOf('detail');
      expect(table.lines.map((line) => restoreFormula(line.cells[detail]!))).toEqual(DETAILS);
      expect(bytes).toContain(`"'=HYPERLINK(""https://evil.example"";""Cliquez"")"`);
      expect(bytes).toContain(',-5,\n');
    },
  );

  test.each(['donnees/procedures.csv', 'donnees/statistiques-mensuelles.csv'])(
    '%s neutralises the registry cells',
    (file) => {
      const cells = cellsOf(file);
      expect(cells).toContain('\'=HYPERLINK("https://evil.example";"Préfecture")');
      expect(cells).toContain("'+Titre de séjour");
      if (file.endsWith('procedures.csv')) expect(cells).toContain("'@note");
    },
  );

  test('the tracking template is written by the same writer', () => {
    const text = trackingCsv();
    expect(text.startsWith('\ufeffPersonne (identifiant interne),Contact,')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(32);
  });
});

describe('neutraliseFormula', () => {
  test.each([
    ['=1+1', "'=1+1", '"\'=1+1"'],
    ['+1+1', "'+1+1", '"\'+1+1"'],
    ['-1+1', "'-1+1", '"\'-1+1"'],
    ['@SUM(A1)', "'@SUM(A1)", '"\'@SUM(A1)"'],
    ['\t=1+1', "'\t=1+1", '"\'\t=1+1"'],
    ['\r=1+1', "'\r=1+1", '"\'\r=1+1"'],
    ["'=1+1", "''=1+1", '"\'\'=1+1"'],
    ['-5', '-5', '-5'],
    ['+0.25', '+0.25', '+0.25'],
    ['2018-03-01T10:00:00+01:00', '2018-03-01T10:00:00+01:00', '2018-03-01T10:00:00+01:00'],
    ['0.7500', '0.7500', '0.7500'],
    ["l'heure", "l'heure", "l'heure"],
  ])('%j is published as %j, written %j, and reads back', (original, neutralised, written) => {
    expect(neutraliseFormula(original)).toBe(neutralised);
    expect(formatCsv([[original]], { forSpreadsheets: true })).toBe(`${written}\n`);
    expect(restoreFormula(neutralised)).toBe(original);
  });

  test('the data files keep what the robot saw', () => {
    expect(formatCsv([['=1+1', '@x']])).toBe('=1+1,@x\n');
  });
});
