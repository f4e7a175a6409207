/**
 * The attempts sentence of a procedure over a period of months, tallied from
 * each month's part kept by the build's month store, so no month is read again
 * (src/lib/probe-spread.ts does the counting and the wording). The evidence
 * pack and the letter state it.
 */
import { existsSync } from 'node:fs';
import { monthFilePath } from '../lib/data-directory.ts';
import { AttemptsCounter, attemptsSentence } from '../lib/probe-spread.ts';
import type { Procedure } from '../lib/registry.ts';
import { monthStore } from './dataset.ts';

/** The sentence for the probes of `months`, or null when none was made. */
export function periodAttemptsSentence(
  dataDir: string,
  procedure: Pick<Procedure, 'department' | 'slug' | 'url'>,
  months: readonly string[],
): string | null {
  const counter = new AttemptsCounter();
  for (const month of months) {
    // Each month's tally comes from the build's month store: read once per build, cached while unchanged.
    if (existsSync(monthFilePath(dataDir, procedure.department, procedure.slug, month)))
      counter.addPart(monthStore().products(dataDir, procedure, month).attempts);
  }
  return attemptsSentence(counter.result(), procedure.url);
}
