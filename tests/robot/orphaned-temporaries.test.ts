/**
 * Temporaries left by killed writes (kill -9 between create and rename) are
 * removed by the next writer of their directory; live writers' temporaries,
 * locks and data files are left alone (issue 8 §5).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { monthFilePath } from '../../src/lib/data-directory.ts';
import { removeOrphanedTemporaries } from '../../src/robot/atomic-file.ts';
import { appendProbe } from '../../src/robot/month-file-store.ts';
import { temporaryDirectory } from './support/round-fixture.ts';

let dataDir: string;
beforeEach(() => {
  dataDir = temporaryDirectory('orphans');
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const dead = spawnSync(process.execPath, ['-e', '']).pid!;
const alive = process.ppid;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

/** Files to put in a directory: name, age in hours, and whether the next writer removes it. */
const FILES: readonly [string, number, boolean][] = [
  [`.2026-05.csv.${dead}-0badc0de.tmp`, 0, true], // a killed writer's temporary
  [`.2026-05.csv.${alive}-00c0ffee.tmp`, 0, false], // a live writer's, right now
  [`.2026-05.csv.${alive}-0ddba11a.tmp`, 2, true], // too old to be anyone's (pids are reused)
  [`.2026-05.csv.${process.pid}-facefeed.tmp`, 2, false], // our own process's
  [`.2026-05.csv.lock.stale.${dead}-12345678.tmp`, 0, true], // a stale lock moved aside by a killed taker
  ['.2026-05.csv.lock.tmp', 2, false], // a lock: the lock's own rules decide
  ['.2026-05.csv.lock.takeover-tdead.tmp', 2, true], // a takeover marker of a killed taker
  ['.2026-05.csv.lock.takeover-tlive.tmp', 0, false],
  ['2026-04.csv', 2, false],
  ['notes.tmp', 2, false],
];

function plant(directory: string): void {
  fs.mkdirSync(directory, { recursive: true });
  for (const [name, age] of FILES) {
    fs.writeFileSync(path.join(directory, name), 'x');
    fs.utimesSync(path.join(directory, name), hoursAgo(age), hoursAgo(age));
  }
}

const kept = FILES.filter(([, , removed]) => !removed).map(([name]) => name);
const removed = FILES.filter(([, , gone]) => gone).map(([name]) => name);

describe('orphaned temporaries', () => {
  test('removeOrphanedTemporaries removes exactly the orphans', () => {
    plant(dataDir);
    expect(removeOrphanedTemporaries(dataDir).sort()).toEqual([...removed].sort());
    expect(fs.readdirSync(dataDir).sort()).toEqual([...kept].sort());
  });

  test('the next append to a month directory cleans it', async () => {
    const file = monthFilePath(dataDir, '93', 'bobigny', '2026-05');
    plant(path.dirname(file));
    await appendProbe(dataDir, '93', 'bobigny', {
      probed_at: '2026-05-18T10:00:00+02:00',
      outcome: 'none',
      detail: 'message',
      extra: { evidence_sha256: 'ab'.repeat(32) },
    });
    // The planted lock is unreadable and old: the writer took it over and released it.
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(
      [...kept.filter((name) => name !== '.2026-05.csv.lock.tmp'), '2026-05.csv'].sort(),
    );
  });

  test('a directory that cannot be read is left alone', () => {
    expect(removeOrphanedTemporaries(path.join(dataDir, 'missing'))).toEqual([]);
  });
});
