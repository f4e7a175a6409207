/**
 * Bad data stop `npm run build` itself, as a contributor would run it: exit
 * code 1, one `file:line: message` on stderr, no stack trace, nothing written
 * and the previously built site left as it was. Each case is a class of input
 * that was once published or crashed the build.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const REGISTRY =
  'department,slug,prefecture,procedure,system,url\n93,titre-sejour,Préfecture de Bobigny,Titre de séjour,legacy-booking,https://example.org/booking/create/1\n';
const HEADER = 'probed_at,outcome,first_date,second_date,detail\n';
const MONTH = 'probes/93/titre-sejour/2018-03.csv';
const latin1 = (text: string) => Uint8Array.from([...text].map((character) => character.charCodeAt(0)));

const workDir = mkdtempSync(path.join(tmpdir(), 'guichets-refusals-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Case {
  files: Record<string, string | Uint8Array>;
  arrange?: (dataDir: string) => void;
  /** The expected message, after the data directory. */
  message: string;
}

const CASES: Record<string, Case> = {
  'a probe dated in 2099': {
    files: {
      'procedures.csv': REGISTRY,
      [MONTH]: `${HEADER}2018-03-01T10:00:00+01:00,none,,,\n`,
      'probes/93/titre-sejour/2099-03.csv': `${HEADER}2099-03-01T10:00:00+01:00,none,,,\n`,
    },
    message: "probes/93/titre-sejour/2099-03.csv: a file for 2099-03, a month that has not begun by the build's clock",
  },
  "a probe later than the build's clock": {
    files: {
      'procedures.csv': REGISTRY,
      'probes/93/titre-sejour/2018-04.csv': `${HEADER}2018-04-02T10:00:00+02:00,none,,,\n`,
    },
    message: 'probes/93/titre-sejour/2018-04.csv:2: probed_at 2018-04-02T10:00:00+02:00 is in the future',
  },
  'a probe before 2000': {
    files: {
      'procedures.csv': REGISTRY,
      'probes/93/titre-sejour/1999-03.csv': `${HEADER}1999-03-01T10:00:00+01:00,none,,,\n`,
    },
    message: 'probes/93/titre-sejour/1999-03.csv: a file for 1999-03, before the first day probed (2000-01-01)',
  },
  'a registry saved in Latin-1': {
    files: { 'procedures.csv': latin1(REGISTRY) },
    message: 'procedures.csv:2: the file is not valid UTF-8: byte 0xE9 at byte offset 66',
  },
  'a NUL byte in a detail': {
    files: { 'procedures.csv': REGISTRY, [MONTH]: `${HEADER}2018-03-01T10:00:00+01:00,timeout,,,a\u0000b\n` },
    message: `${MONTH}:2: the control character U+0000 in column 5: cells hold printable text only`,
  },
  'a quoted cell of 10 MB': {
    files: {
      'procedures.csv': REGISTRY,
      [MONTH]: `${HEADER}2018-03-01T10:00:00+01:00,timeout,,,"${'x'.repeat(10 * 1024 * 1024)}"\n`,
    },
    message: `${MONTH}:2: the line is 10,485,798 characters long; a line holds at most 10,000`,
  },
  'a cell on several lines': {
    files: { 'procedures.csv': REGISTRY, [MONTH]: `${HEADER}2018-03-01T10:00:00+01:00,timeout,,,"a\nb"\n` },
    message: `${MONTH}:2: the cell in column 5 spans several lines`,
  },
  'an unclosed quote': {
    files: {
      'procedures.csv': REGISTRY,
      [MONTH]: `${HEADER}2018-03-01T10:00:00+01:00,timeout,,,"a\n2018-03-01T11:00:00+01:00,none,,,\n`,
    },
    message: `${MONTH}:2: unclosed quote in column 5`,
  },
  'a symbolic link in the data tree': {
    files: { 'procedures.csv': REGISTRY, 'elsewhere.csv': HEADER },
    arrange: (dataDir) => {
      mkdirSync(path.join(dataDir, 'probes/93/titre-sejour'), { recursive: true });
      symlinkSync(path.join(dataDir, 'elsewhere.csv'), path.join(dataDir, MONTH));
    },
    message: `${MONTH}: a symbolic link`,
  },
  'a directory where a month file is expected': {
    files: { 'procedures.csv': REGISTRY, [`${MONTH}/x`]: '' },
    message: `${MONTH}: a directory stands where a month file is expected`,
  },
  'an evidence record that is not JSON': {
    files: {
      'procedures.csv': REGISTRY,
      [MONTH]: `${HEADER}2018-03-01T10:00:00+01:00,none,,,\n`,
      'evidence/2018-03.json': '{"month": "2018-03",',
    },
    message: 'evidence/2018-03.json: not JSON',
  },
  'an evidence record filed under another month': {
    files: {
      'procedures.csv': REGISTRY,
      [MONTH]: `${HEADER}2018-03-01T10:00:00+01:00,none,,,\n`,
      'evidence/2018-02.json': JSON.stringify({
        month: '2018-03',
        tag: 'evidence-2018-03',
        asset: 'evidence-2018-03.tar',
        bytes: 10240,
        sha256: 'a'.repeat(64),
        probes: 1,
        pages: 1,
        pages_by_procedure: { '93/titre-sejour': 1 },
      }),
    },
    message: 'evidence/2018-02.json: the record of 2018-03 is filed under 2018-02',
  },
  'a file where a directory is expected': {
    files: { 'procedures.csv': REGISTRY, 'probes/93': '' },
    message: 'probes/93: unexpected file: probes/ holds one directory per department',
  },
};

/** Writes a data directory of the case's files; returns it. */
function writeDataDir(name: string, { files, arrange }: Case): string {
  const dataDir = path.join(workDir, name.replace(/\W+/g, '-'), 'data');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dataDir, file)), { recursive: true });
    writeFileSync(path.join(dataDir, file), content);
  }
  arrange?.(dataDir);
  return dataDir;
}

describe('npm run build refuses bad data', () => {
  test.each(Object.entries(CASES))('%s', (name, testCase) => {
    const dataDir = writeDataDir(name, testCase);
    const outDir = path.join(path.dirname(dataDir), 'dist');
    mkdirSync(outDir);
    writeFileSync(path.join(outDir, 'index.html'), 'the previous site');
    const build = spawnSync('npm', ['run', '-s', 'build'], {
      env: { ...process.env, DATA_DIR: dataDir, OUT_DIR: outDir, BUILD_CLOCK: '2018-04-01T12:00:00Z' },
      encoding: 'utf8',
    });
    expect(build.status).toBe(1);
    expect(build.stderr.trim()).toBe(build.stderr.trim().split('\n')[0]);
    expect(build.stderr).toContain(`${dataDir}/${testCase.message}`);
    expect(build.stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(outDir)).toEqual(['index.html']);
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('the previous site');
    expect(readdirSync(path.dirname(dataDir)).sort()).toEqual(['data', 'dist']);
  });

  test('a wrong BUILD_CLOCK is refused the same way', () => {
    const build = spawnSync('npm', ['run', '-s', 'build'], {
      env: {
        ...process.env,
        DATA_DIR: path.join(workDir, 'none'),
        OUT_DIR: path.join(workDir, 'none-dist'),
        BUILD_CLOCK: 'tomorrow',
      },
      encoding: 'utf8',
    });
    expect(build.status).toBe(1);
    expect(build.stderr.trim()).toBe('BUILD_CLOCK: "tomorrow" is not an instant such as 2026-05-18T10:00:00Z');
    expect(existsSync(path.join(workDir, 'none-dist'))).toBe(false);
  });
});
