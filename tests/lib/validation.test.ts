import { mkdtempSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DataError } from '../../src/lib/data-error.ts';
import { FUTURE_TOLERANCE_MS, loadDataset } from '../../src/lib/dataset.ts';
import { isFailure } from '../../src/lib/outcome.ts';
import { parseMonthFile, probeRowSchema, validateProbe, type ProbeRow } from '../../src/lib/probe.ts';
import { parseRegistry } from '../../src/lib/registry.ts';

const REGISTRY_HEADER = 'department,slug,prefecture,procedure,system,url';
const registryRow = (department = '93', slug = 'titre-sejour') =>
  `${department},${slug},Préfecture de Bobigny,Demande de titre de séjour,legacy-booking,https://www.seine-saint-denis.gouv.fr/booking/create/9829`;

describe('registry validation stops at the faulty line', () => {
  test.each([
    [
      'unknown department',
      `${REGISTRY_HEADER}\n${registryRow('99')}\n`,
      'procedures.csv:2: department "99": unknown department code',
    ],
    [
      'department without its leading zero',
      `${REGISTRY_HEADER}\n${registryRow('1')}\n`,
      'procedures.csv:2: department "1": unknown department code',
    ],
    [
      'bad slug',
      `${REGISTRY_HEADER}\n${registryRow('93', 'Titre_Séjour')}\n`,
      'procedures.csv:2: slug "Titre_Séjour": must be lowercase',
    ],
    [
      'duplicate slug',
      `${REGISTRY_HEADER}\n${registryRow()}\n${registryRow()}\n`,
      'procedures.csv:3: duplicate slug "titre-sejour" in department 93 (first at line 2)',
    ],
    [
      'missing column',
      'department,slug,prefecture,procedure,system\n',
      'procedures.csv:1: bad header: missing column url',
    ],
    [
      'unknown system',
      `${REGISTRY_HEADER}\n93,a,P,Q,telephone,https://example.org\n`,
      'procedures.csv:2: system "telephone": must be one of',
    ],
    [
      'url that is not http',
      `${REGISTRY_HEADER}\n93,a,P,Q,legacy-booking,javascript:alert(1)\n`,
      'procedures.csv:2: url "javascript:alert(1)": must be an http(s) URL',
    ],
    [
      'url with a user and password',
      `${REGISTRY_HEADER}\n93,a,P,Q,legacy-booking,https://robot:secret@example.org/booking/create/1\n`,
      'procedures.csv:2: url "https://robot:secret@example.org/booking/create/1": must not carry a user name or password',
    ],
    [
      'url with a user only',
      `${REGISTRY_HEADER}\n93,a,P,Q,legacy-booking,https://robot@example.org/\n`,
      'procedures.csv:2: url "https://robot@example.org/": must not carry a user name or password',
    ],
    [
      'url with an empty userinfo',
      `${REGISTRY_HEADER}\n93,a,P,Q,legacy-booking,https://:@example.org/\n`,
      'procedures.csv:2: url',
    ],
    [
      'impossible since',
      `${REGISTRY_HEADER},since\n${registryRow()},2023-02-29\n`,
      'procedures.csv:2: since "2023-02-29"',
    ],
    [
      'until before since',
      `${REGISTRY_HEADER},since,until\n${registryRow()},2024-01-02,2024-01-01\n`,
      'procedures.csv:2: until "2024-01-01": until is before since',
    ],
    [
      'stray quote',
      `${REGISTRY_HEADER}\n93,a,Préfecture "de Bobigny,Q,legacy-booking,https://example.org\n`,
      'procedures.csv:2: stray quote in column 3',
    ],
    [
      'wrong cell count',
      `${REGISTRY_HEADER}\n93,a,P,Q,legacy-booking\n`,
      'procedures.csv:2: expected 6 cells as in the header, found 5',
    ],
  ])('%s', (_name, text, message) => {
    expect(() => parseRegistry(text, 'procedures.csv')).toThrow(message);
  });

  test('keeps unknown extra columns, quoted commas and accents', () => {
    const text = `\ufeff${REGISTRY_HEADER},planning,note\r\n2A,aes,Préfecture d'Ajaccio,"Admission exceptionnelle, travail",legacy-booking,https://example.org/booking/create/1,42,"vu ""en 2020"""\r\n`;
    const [procedure] = parseRegistry(text, 'procedures.csv');
    expect(procedure).toMatchObject({
      department: '2A',
      procedure: 'Admission exceptionnelle, travail',
      planning: '42',
      extra: { note: 'vu "en 2020"' },
    });
  });
});

const PROBE_HEADER = 'probed_at,outcome,first_date,second_date,detail';

describe('month file validation stops at the faulty line', () => {
  test.each([
    [
      'bad header',
      'probed_at,result,first_date,second_date,detail\n',
      '2018-03.csv:1: bad header: column 2 must be "outcome"',
    ],
    [
      'a stored colour',
      'probed_at,outcome,first_date,second_date,detail,colour\n',
      '2018-03.csv:1: bad header: "colour" is derived from the dates, never stored',
    ],
    [
      'columns out of order',
      'outcome,probed_at,first_date,second_date,detail\n',
      '2018-03.csv:1: bad header: column 1 must be "probed_at"',
    ],
    [
      'impossible date',
      `${PROBE_HEADER}\n2018-02-30T10:00:00+01:00,none,,,\n`,
      '2018-03.csv:2: probed_at "2018-02-30T10:00:00+01:00": is not an existing date and time',
    ],
    [
      'time without offset',
      `${PROBE_HEADER}\n2018-03-01T10:00:00,none,,,\n`,
      '2018-03.csv:2: probed_at "2018-03-01T10:00:00": is not a time like 2018-03-01T16:20:25+01:00',
    ],
    [
      'offset Paris did not have',
      `${PROBE_HEADER}\n2018-03-01T10:00:00+02:00,none,,,\n`,
      '2018-03.csv:2: probed_at "2018-03-01T10:00:00+02:00": is not a Paris local time (Paris was at +01:00 then)',
    ],
    [
      'probe of another month',
      `${PROBE_HEADER}\n2018-04-01T10:00:00+02:00,none,,,\n`,
      '2018-03.csv:2: probe of 2018-04-01 does not belong in the file of month 2018-03',
    ],
    [
      'duplicate instant',
      `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,\n2018-03-01T10:00:00+01:00,none,,,\n`,
      '2018-03.csv:3: duplicate probe: same instant as line 2',
    ],
    [
      'same instant written with two offsets',
      `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,\n2018-03-01T09:00:00Z,none,,,\n`,
      '2018-03.csv:3: probed_at',
    ],
    [
      'slots without first_date',
      `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,slots,,,\n`,
      '2018-03.csv:2: outcome "slots" without first_date',
    ],
    [
      'second date before first',
      `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,slots,2018-03-10,2018-03-09,\n`,
      '2018-03.csv:2: second_date 2018-03-09 is before first_date 2018-03-10',
    ],
    [
      'date before the probe day',
      `${PROBE_HEADER}\n2018-03-05T10:00:00+01:00,slots,2018-03-04,,\n`,
      '2018-03.csv:2: first_date 2018-03-04 is before the probe day 2018-03-05',
    ],
    [
      'impossible slot date',
      `${PROBE_HEADER}\n2018-03-05T10:00:00+01:00,slots,2018-04-31,,\n`,
      '2018-03.csv:2: first_date "2018-04-31": must be an existing day written YYYY-MM-DD',
    ],
    [
      'impossible second slot date',
      `${PROBE_HEADER}\n2018-03-05T10:00:00+01:00,slots,2018-03-10,2018-02-30,\n`,
      '2018-03.csv:2: second_date "2018-02-30": must be an existing day written YYYY-MM-DD',
    ],
    [
      'detail longer than 200 characters',
      `${PROBE_HEADER}\n2018-03-05T10:00:00+01:00,timeout,,,${'x'.repeat(201)}\n`,
      `2018-03.csv:2: detail "${'x'.repeat(79)}…": is longer than 200 characters`,
    ],
    [
      'outcome that is not a code',
      `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,Peut-être,,,\n`,
      '2018-03.csv:2: outcome "Peut-être": unknown outcome (expected slots, none or a failure code',
    ],
    [
      'probe before 2000',
      `${PROBE_HEADER}\n1999-12-31T23:00:00+01:00,none,,,\n`,
      '1999-12.csv:2: probed_at "1999-12-31T23:00:00+01:00": is before 2000-01-01: no probe is that old',
    ],
    [
      'dates on a failed probe',
      `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,timeout,2018-03-10,,\n`,
      '2018-03.csv:2: outcome "timeout" must have empty first_date and second_date',
    ],
    [
      'stray quote',
      `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,il n"y a\n`,
      '2018-03.csv:2: stray quote in column 5',
    ],
    [
      'unclosed quote',
      `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,"page\n`,
      '2018-03.csv:2: unclosed quote in column 5',
    ],
    [
      'cell on several lines',
      `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,"page\nsuite"\n`,
      '2018-03.csv:2: the cell in column 5 spans several lines',
    ],
    [
      'text after a closing quote',
      `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,"page" suite\n`,
      '2018-03.csv:2: text after the closing quote of column 5',
    ],
    [
      'NUL byte',
      `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,a\u0000b\n`,
      '2018-03.csv:2: the control character U+0000 in column 5',
    ],
    [
      'escape character',
      `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,"a\u001b[31m"\n`,
      '2018-03.csv:2: the control character U+001B in column 5',
    ],
    ['tab', `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,a\tb\n`, '2018-03.csv:2: a tab in column 5'],
    [
      'carriage return inside a line',
      `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,a\rb\n`,
      '2018-03.csv:2: a carriage return in column 5',
    ],
    [
      'quoted cell of 10 MB',
      `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,"${'x'.repeat(10 * 1024 * 1024)}"\n`,
      '2018-03.csv:2: the line is 10,485,795 characters long; a line holds at most 10,000',
    ],
    [
      'oversized cell',
      `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,${'x'.repeat(2001)}\n`,
      '2018-03.csv:2: the cell in column 5 is 2,001 characters long; a cell holds at most 2,000',
    ],
    ['empty first line', `\n${PROBE_HEADER}\n`, '2018-03.csv:1: the file has no header line'],
  ])('%s', (_name, text, message) => {
    const month = message.slice(0, 7);
    expect(() => parseMonthFile(text, `${month}.csv`, month)).toThrow(message);
  });

  test('accepts a BOM, CRLF line ends and both probes of the hour repeated when clocks go back', () => {
    const text = `\ufeff${PROBE_HEADER},evidence_sha256\r\n2018-10-28T02:20:00+02:00,none,,,,ab\r\n2018-10-28T02:20:00+01:00,slots,2018-11-02,2018-11-02,,cd\r\n`;
    const { probes } = parseMonthFile(text, '2018-10.csv', '2018-10');
    expect(probes.map((probe) => [probe.colour, probe.extra.evidence_sha256])).toEqual([
      ['noir', 'ab'],
      ['vert', 'cd'],
    ]);
    expect(probes[1]!.instant - probes[0]!.instant).toBe(3_600_000);
  });
});

describe('one schema judges a probe row, whoever asks', () => {
  const at = '2018-03-05T10:00:00+01:00';
  test.each<[string, ProbeRow, string | null]>([
    [
      'a probe with dates',
      { probed_at: at, outcome: 'slots', first_date: '2018-03-09', second_date: '2018-03-09' },
      null,
    ],
    ['a failure of a newer robot', { probed_at: at, outcome: 'solver_down', detail: 'HTTP 503' }, null],
    [
      'a detail on two lines',
      { probed_at: at, outcome: 'timeout', detail: 'a\nb' },
      'detail "a\nb": must fit on one line',
    ],
    ['an outcome in capitals', { probed_at: at, outcome: 'NONE' }, 'outcome "NONE": unknown outcome'],
    ['no outcome at all', { probed_at: at, outcome: '' }, 'outcome "": unknown outcome'],
    [
      'a second date alone before the day',
      { probed_at: at, outcome: 'slots', first_date: '2018-03-09', second_date: '2018-03-01' },
      'second_date 2018-03-01 is before the probe day 2018-03-05',
    ],
    [
      'a date on a no-slot probe',
      { probed_at: at, outcome: 'none', second_date: '2018-03-09' },
      'outcome "none" must have empty first_date and second_date',
    ],
  ])('%s', (_name, row, message) => {
    const probe = validateProbe(row, { acceptFutureCodes: true });
    expect(typeof probe === 'string' ? probe : null).toEqual(
      message === null ? null : expect.stringContaining(message),
    );
    // The build's quick path and the schema the contract is written in give the same verdict.
    expect(probeRowSchema.safeParse(row).success).toBe(message === null);
  });

  test('the robot writes only the outcome codes it knows', () => {
    expect(validateProbe({ probed_at: at, outcome: 'solver_down' })).toMatch(/^outcome "solver_down": unknown outcome/);
  });
});

describe('loading a data directory', () => {
  function dataDirectory(files: Record<string, string | Uint8Array>): string {
    const directory = mkdtempSync(path.join(tmpdir(), 'guichets-data-'));
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(directory, name)), { recursive: true });
      writeFileSync(path.join(directory, name), content);
    }
    return directory;
  }

  const MONTH = 'probes/93/titre-sejour/2018-03.csv';
  const registry = `${REGISTRY_HEADER}\n${registryRow()}\n`;
  /** The build's clock of these cases: 1 April 2018, noon UTC. */
  const NOW = Date.parse('2018-04-01T12:00:00Z');
  const latin1 = (text: string) => Uint8Array.from([...text].map((character) => character.charCodeAt(0)));

  test.each<[string, Record<string, string | Uint8Array>, (directory: string) => void, string]>([
    [
      'a probe in the future',
      {
        'procedures.csv': registry,
        'probes/93/titre-sejour/2018-04.csv': `${PROBE_HEADER}\n2018-04-01T14:20:00+02:00,none,,,\n`,
      },
      () => {},
      'probes/93/titre-sejour/2018-04.csv:2: probed_at 2018-04-01T14:20:00+02:00 is in the future',
    ],
    [
      'a month file of a month not begun',
      { 'procedures.csv': registry, 'probes/93/titre-sejour/2099-03.csv': `${PROBE_HEADER}\n` },
      () => {},
      'probes/93/titre-sejour/2099-03.csv: a file for 2099-03, a month that has not begun',
    ],
    [
      "a probe before the procedure's since",
      {
        'procedures.csv': `${REGISTRY_HEADER},since\n${registryRow()},2018-03-02\n`,
        [MONTH]: `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,\n`,
      },
      () => {},
      `${MONTH}:2: probe of 2018-03-01 is before the first day probed, 2018-03-02 (since, procedures.csv line 2)`,
    ],
    [
      "a month file before the procedure's since",
      { 'procedures.csv': `${REGISTRY_HEADER},since\n${registryRow()},2018-04-02\n`, [MONTH]: `${PROBE_HEADER}\n` },
      () => {},
      `${MONTH}: a file for 2018-03, before the first day probed (2018-04-02)`,
    ],
    [
      'a registry in Latin-1',
      {
        'procedures.csv': latin1(
          `${REGISTRY_HEADER}\n93,a,Préfecture de Bobigny,Q,legacy-booking,https://example.org\n`,
        ),
      },
      () => {},
      'procedures.csv:2: the file is not valid UTF-8: byte 0xE9 at byte offset 55',
    ],
    [
      'a month file in Latin-1',
      {
        'procedures.csv': registry,
        [MONTH]: latin1(`${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,Aucun créneau\n`),
      },
      () => {},
      `${MONTH}:2: the file is not valid UTF-8: byte 0xE9 at byte offset 89`,
    ],
    [
      'a NUL byte in the registry',
      { 'procedures.csv': `${REGISTRY_HEADER}\n93,a,Préfecture\u0000,Q,legacy-booking,https://example.org\n` },
      () => {},
      'procedures.csv:2: the control character U+0000 in column 3',
    ],
    [
      "a symbolic link to another procedure's data",
      {
        'procedures.csv': `${REGISTRY_HEADER}\n${registryRow()}\n${registryRow('93', 'autre')}\n`,
        [MONTH]: `${PROBE_HEADER}\n`,
      },
      (directory) =>
        symlinkSync(path.join(directory, 'probes/93/titre-sejour'), path.join(directory, 'probes/93/autre')),
      'probes/93/autre: a symbolic link',
    ],
    [
      'a symbolic link as a month file',
      { 'procedures.csv': registry, 'elsewhere.csv': `${PROBE_HEADER}\n` },
      (directory) => {
        mkdirSync(path.join(directory, 'probes/93/titre-sejour'), { recursive: true });
        symlinkSync(path.join(directory, 'elsewhere.csv'), path.join(directory, MONTH));
      },
      `${MONTH}: a symbolic link`,
    ],
    [
      'a symbolic link as the registry',
      { 'elsewhere.csv': registry },
      (directory) => symlinkSync(path.join(directory, 'elsewhere.csv'), path.join(directory, 'procedures.csv')),
      'procedures.csv: a symbolic link',
    ],
    [
      'a directory where a month file is expected',
      { 'procedures.csv': registry, [`${MONTH}/x`]: '' },
      () => {},
      `${MONTH}: a directory stands where a month file is expected`,
    ],
    [
      'a directory where the registry is expected',
      { 'procedures.csv/x': '' },
      () => {},
      'procedures.csv: a directory stands where a file is expected',
    ],
    [
      'a file where a department directory is expected',
      { 'procedures.csv': registry, 'probes/93': '' },
      () => {},
      'probes/93: unexpected file: probes/ holds one directory per department',
    ],
    [
      'a file where a procedure directory is expected',
      { 'procedures.csv': registry, 'probes/93/titre-sejour': '' },
      () => {},
      'probes/93/titre-sejour: unexpected file: a department directory holds one directory per procedure',
    ],
    [
      'a file where the probes directory is expected',
      { 'procedures.csv': registry, probes: '' },
      () => {},
      'probes: a file stands where a directory is expected',
    ],
    ['no registry', {}, () => {}, 'procedures.csv: registry not found (is DATA_DIR right?)'],
  ])('refuses %s, with a located message', (_name, files, arrange, message) => {
    const directory = dataDirectory(files);
    arrange(directory);
    expect(() => loadDataset(directory, { now: NOW })).toThrow(`${directory}/${message}`);
  });

  test('a file system error keeps its cause', () => {
    const directory = dataDirectory({ 'not-a-directory': '' });
    const error = (() => {
      try {
        loadDataset(path.join(directory, 'not-a-directory'));
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toContain(
      'not-a-directory/procedures.csv: a file stands where a directory is expected',
    );
    expect((error as DataError).cause).toMatchObject({ code: 'ENOTDIR' });
  });

  test('accepts a probe dated within the clock tolerance', () => {
    const probedAt = new Date(NOW + FUTURE_TOLERANCE_MS - 60_000);
    const directory = dataDirectory({
      'procedures.csv': registry,
      'probes/93/titre-sejour/2018-04.csv': `${PROBE_HEADER}\n2018-04-01T${probedAt.getUTCHours() + 2}:${probedAt.getUTCMinutes()}:00+02:00,none,,,\n`,
    });
    expect(loadDataset(directory, { now: NOW }).compiledAt).toBe(probedAt.getTime());
  });

  test('counts an unknown outcome code as a failure, with a warning', () => {
    const directory = dataDirectory({
      'procedures.csv': registry,
      [MONTH]: `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,\n2018-03-01T11:00:00+01:00,rate_limited,,,\n2018-03-01T12:00:00+01:00,rate_limited,,,\n`,
    });
    const dataset = loadDataset(directory, { now: NOW });
    expect(dataset.procedures[0]!.months[0]).toMatchObject({ successful: 1, failed: 2 });
    expect(dataset.warnings).toEqual([
      `${directory}/${MONTH}:3: unknown outcome "rate_limited" (2 rows): counted as a failed probe, as the data contract asks of future failure codes`,
    ]);
    expect(
      isFailure(
        parseMonthFile(`${PROBE_HEADER}\n2018-03-01T11:00:00+01:00,rate_limited,,,\n`, 'x.csv', '2018-03').probes[0]!
          .outcome,
      ),
    ).toBe(true);
  });

  test('reports the faulty file and line, and writes nothing', () => {
    const directory = dataDirectory({
      'procedures.csv': `${REGISTRY_HEADER}\n${registryRow()}\n`,
      'probes/93/titre-sejour/2018-03.csv': `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,\n2018-03-01T11:00:00+01:00,slots,,,\n`,
    });
    const before = readdirSync(directory, { recursive: true }).sort();
    expect(() => loadDataset(directory)).toThrow(
      `${path.join(directory, 'probes/93/titre-sejour/2018-03.csv')}:3: outcome "slots" without first_date`,
    );
    expect(readdirSync(directory, { recursive: true }).sort()).toEqual(before);
  });

  test('rejects probes of a procedure missing from the registry', () => {
    const directory = dataDirectory({
      'procedures.csv': `${REGISTRY_HEADER}\n${registryRow()}\n`,
      'probes/93/autre/2018-03.csv': `${PROBE_HEADER}\n`,
    });
    expect(() => loadDataset(directory)).toThrow('probes for 93/autre, which is not in procedures.csv');
  });

  test('rejects a month file with a wrong name', () => {
    const directory = dataDirectory({
      'procedures.csv': `${REGISTRY_HEADER}\n${registryRow()}\n`,
      'probes/93/titre-sejour/2018-3.csv': `${PROBE_HEADER}\n`,
    });
    expect(() => loadDataset(directory)).toThrow('unexpected file: month files are named YYYY-MM.csv');
  });

  test('gives month statistics, the compile date and a version that follows the data', () => {
    const files = {
      'procedures.csv': `${REGISTRY_HEADER}\n${registryRow()}\n`,
      'probes/93/titre-sejour/2018-03.csv': `${PROBE_HEADER}\n2018-03-01T10:00:00+01:00,none,,,\n2018-03-01T11:00:00+01:00,timeout,,,délai dépassé\n`,
      'probes/93/titre-sejour/2018-04.csv': `${PROBE_HEADER}\n2018-04-02T10:00:00+02:00,slots,2018-04-03,2018-04-04,\n`,
    };
    const dataset = loadDataset(dataDirectory(files));
    expect(dataset.procedures[0]!.months).toEqual([
      {
        month: '2018-03',
        successful: 1,
        failed: 1,
        counts: { vert: 0, jaune: 0, orange: 0, rouge: 0, noir: 1 },
        failures: { timeout: 1 },
        firstProbe: Date.parse('2018-03-01T10:00:00+01:00'),
        lastProbe: Date.parse('2018-03-01T11:00:00+01:00'),
        probedHours: 2,
      },
      {
        month: '2018-04',
        successful: 1,
        failed: 0,
        counts: { vert: 1, jaune: 0, orange: 0, rouge: 0, noir: 0 },
        failures: {},
        firstProbe: Date.parse('2018-04-02T10:00:00+02:00'),
        lastProbe: Date.parse('2018-04-02T10:00:00+02:00'),
        probedHours: 1,
      },
    ]);
    // The latest probe is kept whole: the pages open with what it found.
    expect(dataset.procedures[0]!.latest).toMatchObject({ outcome: 'slots', firstDate: '2018-04-03', colour: 'vert' });
    expect(dataset.compiledAt).toBe(Date.parse('2018-04-02T08:00:00Z'));
    expect(loadDataset(dataDirectory(files)).version).toBe(dataset.version);
    const changed = {
      ...files,
      'probes/93/titre-sejour/2018-04.csv': `${PROBE_HEADER}\n2018-04-02T10:00:00+02:00,none,,,\n`,
    };
    expect(loadDataset(dataDirectory(changed)).version).not.toBe(dataset.version);
  });
});
