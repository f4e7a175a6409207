/**
 * A contender for the lock race test: for each trial, waits for the go file,
 * takes the lock (stale when the trial starts), and while holding it claims
 * the "holder" file with O_EXCL: a second holder at the same time finds it
 * taken and reports an overlap.
 *
 *     node --import tsx lock-contender.ts DIR TRIALS NAME
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { withLock } from '../../../src/robot/file-lock.ts';

const [dir, trials, name] = process.argv.slice(2) as [string, string, string];
const lock = path.join(dir, '.round.lock.tmp');
let overlaps = 0;
let held = 0;
for (let trial = 0; trial < Number(trials); trial += 1) {
  while (!fs.existsSync(path.join(dir, `go-${trial}`))) await sleep(1);
  await withLock(lock, { waitMs: 20_000, staleMs: 60_000 }, async () => {
    held += 1;
    try {
      fs.writeFileSync(path.join(dir, 'holder'), name, { flag: 'wx' });
    } catch {
      overlaps += 1;
      return;
    }
    await sleep(2);
    fs.rmSync(path.join(dir, 'holder'));
  });
  fs.writeFileSync(path.join(dir, `done-${trial}-${name}`), '');
}
process.stdout.write(JSON.stringify({ name, held, overlaps }));
