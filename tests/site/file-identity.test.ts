/**
 * Git vouches for a data file only when its working copy is what the index
 * holds: a changed file, even changed in the same second with the same size,
 * or with its modification time put back, is read and hashed again; so is a
 * file git does not track, or every file when there is no repository or no
 * git at all. A doubt costs time, never a stale figure.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { loadDataset } from '../../src/lib/dataset.ts';
import { blobIdOf, runGit, unmodifiedBlobIds } from '../../src/site/file-identity.ts';
import { MonthStore } from '../../src/site/month-store.ts';

const work = mkdtempSync(path.join(tmpdir(), 'guichets-file-identity-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const git = (directory: string, ...args: string[]) =>
  execFileSync('git', ['-C', directory, '-c', 'user.name=t', '-c', 'user.email=t@localhost', ...args], {
    stdio: 'ignore',
  });

/** A repository holding `data/probes/93/a/2026-01.csv` and `2026-02.csv`, committed; returns the data directory. */
function repository(name: string): string {
  const root = path.join(work, name);
  const probes = path.join(root, 'data', 'probes', '93', 'a');
  mkdirSync(probes, { recursive: true });
  writeFileSync(path.join(probes, '2026-01.csv'), 'probed_at,outcome\n2026-01-05T10:00:00+01:00,none\n');
  writeFileSync(path.join(probes, '2026-02.csv'), 'probed_at,outcome\n2026-02-05T10:00:00+01:00,none\n');
  git(root, 'init', '--quiet');
  git(root, 'add', '--all');
  git(root, 'commit', '--quiet', '-m', 'data');
  return path.join(root, 'data');
}

const month = (dataDir: string, name: string) => path.join(dataDir, 'probes', '93', 'a', `${name}.csv`);

/** Replaces a file's content by one of the same length (one digit changed), at once. */
function sameSizeEdit(file: string): void {
  writeFileSync(file, readFileSync(file, 'utf8').replace('10:00', '11:00'));
}

describe('the blob ids git vouches for', () => {
  test.each([
    { case: 'an unmodified tracked file', change: () => {}, vouched: true },
    {
      case: 'a file grown by a row',
      change: (file: string) => writeFileSync(file, `${readFileSync(file, 'utf8')}2026-01-05T11:00:00+01:00,none\n`),
      vouched: false,
    },
    { case: 'a file changed in the same second, same size', change: sameSizeEdit, vouched: false },
    {
      case: 'a file changed with the same size and its modification time put back',
      change: (file: string) => {
        const { atime, mtime } = statSync(file);
        sameSizeEdit(file);
        utimesSync(file, atime, mtime);
      },
      vouched: false,
    },
    {
      case: 'a file changed that git was told to assume unchanged',
      change: (file: string) => {
        git(path.dirname(file), 'update-index', '--assume-unchanged', path.basename(file));
        sameSizeEdit(file);
      },
      vouched: false,
    },
    {
      case: 'a change staged but not committed (the index holds the new content)',
      change: (file: string) => {
        sameSizeEdit(file);
        git(path.dirname(file), 'add', path.basename(file));
      },
      vouched: true,
    },
  ])('$case: vouched $vouched', ({ case: name, change, vouched }) => {
    const dataDir = repository(name.replaceAll(/\W+/g, '-'));
    const file = month(dataDir, '2026-01');
    change(file);
    const blobs = unmodifiedBlobIds(dataDir, 'probes');
    expect(blobs.get(file)).toBe(vouched ? blobIdOf(readFileSync(file), 'x'.repeat(40)) : undefined);
    // The other month is untouched: still vouched for, with the blob id of its bytes.
    const other = month(dataDir, '2026-02');
    expect(blobs.get(other)).toBe(blobIdOf(readFileSync(other), 'x'.repeat(40)));
  });

  test.each([
    {
      case: 'an untracked new month',
      setUp: (dataDir: string) => writeFileSync(month(dataDir, '2026-03'), 'probed_at,outcome\n'),
      file: '2026-03',
    },
    { case: 'a deleted month', setUp: (dataDir: string) => rmSync(month(dataDir, '2026-01')), file: '2026-01' },
  ])('$case gets no blob id', ({ case: name, setUp, file }) => {
    const dataDir = repository(name.replaceAll(/\W+/g, '-'));
    setUp(dataDir);
    const blobs = unmodifiedBlobIds(dataDir, 'probes');
    expect(blobs.has(month(dataDir, file))).toBe(false);
    expect(blobs.has(month(dataDir, '2026-02'))).toBe(true);
  });

  test.each([
    { case: 'a data directory outside any repository', runner: runGit, outside: true },
    {
      case: 'no git on PATH',
      runner: ((directory, args) => {
        const saved = process.env.PATH;
        process.env.PATH = path.join(work, 'no-such-bin');
        try {
          return runGit(directory, args);
        } finally {
          process.env.PATH = saved;
        }
      }) satisfies typeof runGit,
      outside: false,
    },
    {
      case: 'git failing',
      runner: (() => {
        throw new Error('fatal: index file corrupt');
      }) satisfies typeof runGit,
      outside: false,
    },
  ])('$case: no blob id at all', ({ case: name, runner, outside }) => {
    let dataDir = repository(name.replaceAll(/\W+/g, '-'));
    if (outside) {
      dataDir = path.join(tmpdir(), `guichets-not-a-repository-${process.pid}`);
      cpSync(path.join(work, name.replaceAll(/\W+/g, '-'), 'data'), dataDir, { recursive: true });
      afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
    }
    expect(unmodifiedBlobIds(dataDir, 'probes', runner).size).toBe(0);
  });

  test('ignores a GIT_DIR of the caller that points at another repository', () => {
    const dataDir = repository('git-dir');
    const other = repository('git-dir-other');
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = path.join(path.dirname(other), '.git');
    try {
      sameSizeEdit(month(dataDir, '2026-01'));
      expect(unmodifiedBlobIds(dataDir, 'probes').has(month(dataDir, '2026-01'))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
  });

  test.each([
    ['SHA-1', 'x'.repeat(40), 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'],
    ['SHA-256', 'x'.repeat(64), '473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813'],
  ])('computes the %s blob id of empty content as git does', (_, like, expected) => {
    expect(blobIdOf(new Uint8Array(), like)).toBe(expected);
  });
});

describe('the hourly load with git and the month cache', () => {
  const fixture = inject('fixtureDataDir');

  /** The fixture data committed in a repository of their own. */
  function committedFixture(name: string): string {
    const dataDir = path.join(work, name, 'data');
    cpSync(fixture, dataDir, { recursive: true });
    git(path.dirname(dataDir), 'init', '--quiet');
    git(path.dirname(dataDir), 'add', '--all');
    git(path.dirname(dataDir), 'commit', '--quiet', '-m', 'data');
    return dataDir;
  }

  /** The first month file of the fixture's first procedure with probes. */
  function someMonth(dataDir: string): string {
    const dataset = loadDataset(dataDir);
    const data = dataset.procedures.find((entry) => entry.months.length > 0)!;
    const { department, slug } = data.procedure;
    return path.join(dataDir, 'probes', department, slug, `${data.months[0]!.month}.csv`);
  }

  test('reads no file git vouches for, and a file changed in the same second gives the figures of its new content', () => {
    const dataDir = committedFixture('hourly');
    const cacheDir = path.join(work, 'hourly-cache');
    const reference = JSON.stringify(loadDataset(dataDir));
    const cold = new MonthStore(cacheDir);
    expect(JSON.stringify(cold.loadDataset(dataDir))).toBe(reference);
    expect(cold.unread).toBe(0);
    const warm = new MonthStore(cacheDir);
    expect(JSON.stringify(warm.loadDataset(dataDir))).toBe(reference);
    expect(warm.misses).toBe(0);
    expect(warm.unread).toBe(warm.hits);
    // A same-size edit right away: the figures follow the new content, not the cached entry.
    const file = someMonth(dataDir);
    const text = readFileSync(file, 'utf8');
    // The first probe one second later (or earlier): same length, another instant.
    const edited = text.replace(/(T\d\d:\d\d:\d)(\d)/, (_, start: string, digit: string) => {
      const second = Number(digit);
      return `${start}${second < 9 ? second + 1 : second - 1}`;
    });
    expect(edited.length).toBe(text.length);
    writeFileSync(file, edited);
    const changed = JSON.stringify(loadDataset(dataDir));
    expect(changed).not.toBe(reference);
    const after = new MonthStore(cacheDir);
    expect(JSON.stringify(after.loadDataset(dataDir))).toBe(changed);
    expect(after.misses).toBe(1);
    expect(after.unread).toBe(warm.unread - 1);
    // A corrupt index only costs time: every file is read and hashed again, the entries still serve.
    for (const index of readdirSync(cacheDir).filter((name) => name.startsWith('index-'))) {
      const bytes = readFileSync(path.join(cacheDir, index));
      writeFileSync(
        path.join(cacheDir, index),
        Buffer.concat([bytes.subarray(0, -1), Buffer.of(bytes.at(-1)! ^ 0xff)]),
      );
    }
    const corrupt = new MonthStore(cacheDir);
    expect(JSON.stringify(corrupt.loadDataset(dataDir))).toBe(changed);
    expect([corrupt.unread, corrupt.misses]).toEqual([0, 0]);
  });

  /** The inode of each index part of a cache directory, by month: a part written again gets a new one. */
  function indexParts(cacheDir: string): Map<string, number> {
    const parts = readdirSync(cacheDir).filter((name) => /^index-\d{4}-\d\d\.bin$/.test(name));
    return new Map(parts.map((name) => [name.slice(6, 13), statSync(path.join(cacheDir, name)).ino]));
  }

  /** Month files set aside by a case, by path. */
  const saved = new Map<string, Buffer>();

  /** Changes the first second of a month file's first probe: same length, another instant. */
  function editFirstSecond(file: string): void {
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      text.replace(/(T\d\d:\d\d:\d)(\d)/, (_, start: string, digit: string) => {
        const second = Number(digit);
        return `${start}${second < 9 ? second + 1 : second - 1}`;
      }),
    );
  }

  test.each([
    {
      case: 'one file of a procedure changed, its other months not',
      before: () => {},
      change: editFirstSecond,
      commit: true,
    },
    { case: 'the same change, not committed', before: () => {}, change: editFirstSecond, commit: false },
    { case: 'a month file deleted', before: () => {}, change: (file: string) => rmSync(file), commit: true },
    {
      case: 'a month file added, not yet tracked',
      before: (file: string) => {
        saved.set(file, readFileSync(file));
        rmSync(file);
      },
      change: (file: string) => writeFileSync(file, saved.get(file)!),
      commit: false,
    },
  ])(
    'after $case, gives the figures of the files and writes again only that month’s index part',
    ({ case: name, before, change, commit }) => {
      const dataDir = committedFixture(`parts-${name.replaceAll(/\W+/g, '-')}`);
      const cacheDir = path.join(dataDir, '..', 'cache');
      const file = someMonth(dataDir);
      const month = path.basename(file, '.csv');
      before(file);
      git(dataDir, 'add', '--all');
      git(dataDir, 'commit', '--quiet', '--allow-empty', '-m', 'before');
      new MonthStore(cacheDir).loadDataset(dataDir);
      const parts = indexParts(cacheDir);
      change(file);
      if (commit) {
        git(dataDir, 'add', '--all');
        git(dataDir, 'commit', '--quiet', '-m', 'change');
      }
      const store = new MonthStore(cacheDir);
      expect(JSON.stringify(store.loadDataset(dataDir))).toBe(JSON.stringify(loadDataset(dataDir)));
      const after = indexParts(cacheDir);
      const rewritten = [...after].filter(([part, inode]) => parts.get(part) !== inode).map(([part]) => part);
      // A month none of whose files remain keeps its part, unused, until prune removes it.
      expect(rewritten).toEqual(rewritten.length === 0 && name === 'a month file deleted' ? [] : [month]);
      // Loaded once more, nothing changed: nothing is written, nothing is read.
      const again = new MonthStore(cacheDir);
      expect(JSON.stringify(again.loadDataset(dataDir))).toBe(JSON.stringify(loadDataset(dataDir)));
      expect(indexParts(cacheDir)).toEqual(after);
      expect(again.misses).toBe(0);
    },
  );

  test('refuses a file that changed after its digest was known and before it was read', () => {
    const dataDir = committedFixture('raced');
    const file = someMonth(dataDir);
    // An empty cache: the month is parsed, from bytes that no longer have the digest git's index gave.
    const store = new MonthStore(path.join(work, 'raced-cache'));
    expect(() =>
      loadDataset(dataDir, {
        readMonth: store.read,
        knownDigest: (name) => (name === file ? 'f'.repeat(64) : undefined),
      }),
    ).toThrow('the file changed while the build was reading the data');
  });
});
