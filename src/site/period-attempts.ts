/**
 * The attempts sentence of a procedure over a period of months, read from its
 * month files one at a time (src/lib/probe-spread.ts does the counting and
 * the wording). The evidence pack and the letter state it.
 */
import { readMonthProbes } from '../lib/dataset.ts';
import { AttemptsCounter, attemptsSentence } from '../lib/probe-spread.ts';
import type { Procedure } from '../lib/registry.ts';

/** The sentence for the probes of `months`, or null when none was made. */
export function periodAttemptsSentence(
  dataDir: string,
  procedure: Pick<Procedure, 'department' | 'slug' | 'url'>,
  months: readonly string[],
): string | null {
  const counter = new AttemptsCounter();
  for (const month of months) for (const probe of readMonthProbes(dataDir, procedure, month)) counter.add(probe);
  return attemptsSentence(counter.result(), procedure.url);
}
