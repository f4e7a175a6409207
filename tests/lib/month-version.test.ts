import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadDataset } from '../../src/lib/dataset.ts';
import { isClosedMonth, monthFileDigest } from '../../src/lib/month-version.ts';

const REGISTRY = `department,slug,prefecture,procedure,system,url
93,titre-sejour,Préfecture de Bobigny,Titre de séjour,legacy-booking,https://www.seine-saint-denis.gouv.fr/booking/create/9829
`;
const HEADER = 'probed_at,outcome,first_date,second_date,detail\n';
const MARCH = `${HEADER}2018-03-01T09:20:25+01:00,none,,,\n2018-03-02T09:20:25+01:00,slots,2018-03-20,,\n`;
const APRIL = `${HEADER}2018-04-03T09:20:25+02:00,none,,,\n`;

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function dataDirectory(files: Record<string, string>): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'month-version-'));
  directories.push(directory);
  for (const [name, content] of Object.entries({ 'procedures.csv': REGISTRY, ...files })) {
    mkdirSync(path.dirname(path.join(directory, name)), { recursive: true });
    writeFileSync(path.join(directory, name), content);
  }
  return directory;
}

describe('the version of a month', () => {
  test('stays the same when a later month is added, while the dataset version changes', () => {
    const before = loadDataset(dataDirectory({ 'probes/93/titre-sejour/2018-03.csv': MARCH }));
    const after = loadDataset(
      dataDirectory({ 'probes/93/titre-sejour/2018-03.csv': MARCH, 'probes/93/titre-sejour/2018-04.csv': APRIL }),
    );
    expect(after.procedures[0]!.monthVersions['2018-03']).toBe(before.procedures[0]!.monthVersions['2018-03']);
    expect(after.version).not.toBe(before.version);
  });

  test('is the start of the SHA-256 of the file, as sha256sum prints it', () => {
    const dataset = loadDataset(dataDirectory({ 'probes/93/titre-sejour/2018-03.csv': MARCH }));
    // sha256sum of the exact bytes, computed independently of the module.
    expect(dataset.procedures[0]!.monthVersions['2018-03']).toBe(monthFileDigest(MARCH).slice(0, 12));
    expect(monthFileDigest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('changes when one probe of the month changes', () => {
    const a = loadDataset(dataDirectory({ 'probes/93/titre-sejour/2018-03.csv': MARCH }));
    const b = loadDataset(dataDirectory({ 'probes/93/titre-sejour/2018-03.csv': MARCH.replace('none', 'timeout') }));
    expect(b.procedures[0]!.monthVersions['2018-03']).not.toBe(a.procedures[0]!.monthVersions['2018-03']);
  });
});

describe('a closed month', () => {
  test.each([
    ['2018-02', '2018-03-01T00:20:00+01:00', true],
    ['2018-03', '2018-03-31T23:20:00+02:00', false],
    // 31 March 23:30 UTC is already 1 April in Paris: March is closed.
    ['2018-03', '2018-04-01T01:30:00+02:00', true],
    ['2018-04', '2018-03-31T23:20:00+02:00', false],
  ])('%s with data compiled at %s: closed %s', (month, compiled, closed) => {
    expect(isClosedMonth(month, Date.parse(compiled))).toBe(closed);
  });

  test('nothing is closed without data', () => {
    expect(isClosedMonth('2000-01', null)).toBe(false);
  });
});
