/**
 * Appending to month files: atomic, idempotent, validated, locked; clear
 * errors when the disk is full or read-only; a killed writer never leaves a
 * truncated or duplicated row.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { monthFilePath } from '../../src/lib/data-directory.ts';
import { parseMonthFile, ROBOT_COLUMNS } from '../../src/lib/probe.ts';
import { realFileSystem, type FileSystem } from '../../src/robot/atomic-file.ts';
import { appendProbe, hasProbe, monthLockPath, StoreError } from '../../src/robot/month-file-store.ts';
import { temporaryDirectory } from './support/round-fixture.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dataDir: string;
const file = () => monthFilePath(dataDir, '93', 'bobigny', '2026-05');
const row = (time: string, outcome = 'none', extra: Record<string, string> = { evidence_sha256: 'ab'.repeat(32) }) => ({
  probed_at: `2026-05-18T${time}+02:00`,
  outcome,
  detail: 'message',
  extra,
});
const read = () => parseMonthFile(fs.readFileSync(file(), 'utf8'), file(), '2026-05');
const leftovers = () => fs.readdirSync(path.dirname(file())).filter((name) => name.startsWith('.'));

beforeEach(() => {
  dataDir = temporaryDirectory('store');
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('appendProbe', () => {
  test('creates the month file with the robot header, then appends', async () => {
    expect(await appendProbe(dataDir, '93', 'bobigny', row('10:00:00'))).toBe('written');
    expect(
      await appendProbe(dataDir, '93', 'bobigny', {
        ...row('11:00:00', 'slots'),
        first_date: '2026-05-20',
        second_date: '2026-05-21',
      }),
    ).toBe('written');
    const text = fs.readFileSync(file(), 'utf8');
    expect(text.split('\n')[0]).toBe(ROBOT_COLUMNS.join(','));
    expect(read().probes.map((probe) => [probe.time, probe.outcome, probe.firstDate])).toEqual([
      ['10:00:00', 'none', ''],
      ['11:00:00', 'slots', '2026-05-20'],
    ]);
    expect(leftovers()).toEqual([]);
  });

  test('is idempotent: the same instant is not recorded twice', async () => {
    await appendProbe(dataDir, '93', 'bobigny', row('10:00:00'));
    const before = fs.readFileSync(file(), 'utf8');
    expect(await appendProbe(dataDir, '93', 'bobigny', row('10:00:00', 'timeout'))).toBe('duplicate');
    expect(fs.readFileSync(file(), 'utf8')).toBe(before);
    expect(hasProbe(dataDir, '93', 'bobigny', row('10:00:00'))).toBe(true);
    expect(hasProbe(dataDir, '93', 'bobigny', row('10:00:01'))).toBe(false);
  });

  test('keeps the column order of an existing file', async () => {
    fs.mkdirSync(path.dirname(file()), { recursive: true });
    fs.writeFileSync(
      file(),
      'probed_at,outcome,first_date,second_date,detail,note\n2026-05-18T09:00:00+02:00,none,,,old,hand-made',
    );
    await appendProbe(dataDir, '93', 'bobigny', row('10:00:00'));
    expect(fs.readFileSync(file(), 'utf8')).toBe(
      'probed_at,outcome,first_date,second_date,detail,note\n2026-05-18T09:00:00+02:00,none,,,old,hand-made\n2026-05-18T10:00:00+02:00,none,,,message,\n',
    );
  });

  test('files a probe under its Paris month', async () => {
    await appendProbe(dataDir, '93', 'bobigny', { probed_at: '2026-06-01T00:30:00+02:00', outcome: 'none' });
    expect(fs.existsSync(monthFilePath(dataDir, '93', 'bobigny', '2026-06'))).toBe(true);
  });

  test.each([
    ['slots without a date', { probed_at: '2026-05-18T10:00:00+02:00', outcome: 'slots' }],
    ['an unknown outcome', { probed_at: '2026-05-18T10:00:00+02:00', outcome: 'no_slot' }],
    ['a detail on two lines', { probed_at: '2026-05-18T10:00:00+02:00', outcome: 'none', detail: 'a\nb' }],
    ['a wrong offset', { probed_at: '2026-05-18T10:00:00+01:00', outcome: 'none' }],
  ])('refuses %s, writing nothing', async (_, invalid) => {
    await expect(appendProbe(dataDir, '93', 'bobigny', invalid)).rejects.toThrow(StoreError);
    expect(fs.existsSync(file())).toBe(false);
  });

  test('does not touch an invalid existing file', async () => {
    fs.mkdirSync(path.dirname(file()), { recursive: true });
    fs.writeFileSync(file(), 'probed_at,outcome\n2026-05-18T09:00:00+02:00,none\n');
    await expect(appendProbe(dataDir, '93', 'bobigny', row('10:00:00'))).rejects.toThrow(/bad header/);
    expect(fs.readFileSync(file(), 'utf8')).toBe('probed_at,outcome\n2026-05-18T09:00:00+02:00,none\n');
  });
});

describe('faults', () => {
  const failing = (operation: keyof FileSystem, code: string, message: string): FileSystem => ({
    ...realFileSystem,
    [operation]: (...args: unknown[]) => {
      if (operation === 'openSync' && !String(args[0]).endsWith('.tmp'))
        return (realFileSystem.openSync as (...a: unknown[]) => number)(...args);
      throw Object.assign(new Error(message), { code });
    },
  });

  test.each([
    [
      'a full disk',
      failing('writeSync', 'ENOSPC', 'no space left on device'),
      /cannot write .*2026-05\.csv: the disk is full \(ENOSPC\)/,
    ],
    [
      'a read-only file system',
      failing('openSync', 'EROFS', 'read-only file system'),
      /cannot write .*: the file system is read-only \(EROFS\)/,
    ],
    [
      'a permission problem',
      failing('openSync', 'EACCES', 'permission denied'),
      /cannot write .*: permission denied \(EACCES\)/,
    ],
    [
      'a crash between writing and renaming',
      failing('renameSync', 'EIO', 'i/o error'),
      /cannot write .*: input\/output error \(EIO\)/,
    ],
  ])('%s gives a clear error and leaves the file as it was', async (_, files, message) => {
    await appendProbe(dataDir, '93', 'bobigny', row('09:00:00'));
    const before = fs.readFileSync(file(), 'utf8');
    await expect(appendProbe(dataDir, '93', 'bobigny', row('10:00:00'), { files })).rejects.toThrow(message);
    expect(fs.readFileSync(file(), 'utf8')).toBe(before);
    expect(leftovers()).toEqual([]);
  });

  test('a data directory that cannot hold directories gives a clear error', async () => {
    fs.writeFileSync(path.join(dataDir, 'probes'), 'not a directory');
    await expect(appendProbe(dataDir, '93', 'bobigny', row('10:00:00'))).rejects.toThrow(
      /cannot create the directory of .*: (a part of the path is not a directory \(ENOTDIR\)|a file is in the way \(EEXIST\))/,
    );
  });

  test('a lock left by a dead writer is taken over', async () => {
    fs.mkdirSync(path.dirname(file()), { recursive: true });
    fs.writeFileSync(
      monthLockPath(file()),
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: (await import('node:os')).hostname(),
        since: Date.now(),
        token: 'dead',
      }),
    );
    expect(await appendProbe(dataDir, '93', 'bobigny', row('10:00:00'))).toBe('written');
    expect(leftovers()).toEqual([]);
  });

  test('a lock held by a live writer is waited for, then reported', async () => {
    fs.mkdirSync(path.dirname(file()), { recursive: true });
    fs.writeFileSync(
      monthLockPath(file()),
      JSON.stringify({
        pid: process.pid,
        host: (await import('node:os')).hostname(),
        since: Date.now(),
        token: 'alive',
      }),
    );
    await expect(appendProbe(dataDir, '93', 'bobigny', row('10:00:00'), { lockWaitMs: 100 })).rejects.toThrow(
      /is held by process/,
    );
    expect(fs.existsSync(file())).toBe(false);
  });
});

/** Runs the writer process; resolves with its exit code or signal. */
function writer(args: string[], onLine?: (line: string, kill: () => void) => void): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'tests/robot/support/append-loop.ts'), dataDir, '93', 'bobigny', ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) onLine?.(line, () => child.kill('SIGKILL'));
  });
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}${stderr ? `: ${stderr}` : ''}`)),
  );
}

describe('several processes', () => {
  test('concurrent writers never interleave: every row arrives once and whole', async () => {
    const results = await Promise.all([0, 1, 2].map((index) => writer([`2026-05-18T08:00:0${index}Z`, '12', '3'])));
    expect(results).toEqual(['exit 0', 'exit 0', 'exit 0']);
    const { probes } = read();
    expect(probes).toHaveLength(36);
    expect(new Set(probes.map((probe) => probe.instant)).size).toBe(36);
    expect(leftovers()).toEqual([]);
  }, 60_000);

  test('a writer killed at any moment leaves a valid file, then the next writer goes on', async () => {
    for (const killAfter of [3, 17, 40]) {
      const signal = await writer(['2026-05-01T00:00:00Z', '400', '60'], (line, kill) => {
        if (Number(line) + 1 >= killAfter) kill();
      });
      expect(signal).toBe('SIGKILL');
      const { probes } = read();
      // Rows are whole and in sequence: at most the append in flight is lost.
      expect(probes.length).toBeGreaterThanOrEqual(killAfter);
      probes.forEach((probe, index) => expect(probe.detail).toBe(`row ${index} ${'x'.repeat(180)}`));
      // Left-overs are dot-files (skipped by readers, ignored by git); the next append takes over a stale lock.
      for (const name of leftovers()) expect(name).toMatch(/^\..*\.tmp$/);
      expect(
        await appendProbe(dataDir, '93', 'bobigny', {
          probed_at: '2026-05-31T23:59:59+02:00',
          outcome: 'none',
          detail: 'after the kill',
        }),
      ).toBe('written');
      expect(read().probes.at(-1)!.detail).toBe('after the kill');
      fs.rmSync(path.join(dataDir, 'probes'), { recursive: true });
    }
  }, 60_000);
});
