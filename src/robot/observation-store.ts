/**
 * Recording volunteer observations in `observations/{department}/{slug}/{YYYY-MM}.csv`
 * with the robot's writer: under the month file's lock the file is read and
 * validated, the submission judged against the rows already there (so two
 * concurrent ingestions cannot both add the same report), and the whole new
 * content replaces the file by an atomic rename.
 */
import path from 'node:path';
import { formatCsv } from '../lib/csv.ts';
import { observationFilePath } from '../lib/data-directory.ts';
import {
  OBSERVATION_COLUMNS,
  formatObservationLines,
  parseObservationFile,
  type Observation,
} from '../lib/observation.ts';
import type { ObservationBlock } from '../lib/observation-block.ts';
import { judgeSubmission, type Submission, type SubmissionContext } from '../lib/observation-submission.ts';
import type { Procedure } from '../lib/registry.ts';
import { describeFileError, realFileSystem, writeFileAtomic, type FileSystem } from './atomic-file.ts';
import { withLock } from './file-lock.ts';
import { monthLockPath, readStoredText, StoreError } from './month-file-store.ts';

/** Reads the observations of one month file, or none when it does not exist. */
function readObservations(
  file: string,
  month: string,
  files: FileSystem,
): { text: string; header: string[]; observations: Observation[] } | null {
  const text = readStoredText(file, files);
  return text === null ? null : { text, ...parseObservationFile(text, file, month) };
}

/**
 * Judges a block and, when it is accepted, appends its row to the month file.
 * Returns the judgement; a refused block writes nothing.
 */
export async function recordObservation(
  dataDir: string,
  block: ObservationBlock,
  context: Omit<SubmissionContext<Procedure>, 'stored'>,
  options: { files?: FileSystem; lockWaitMs?: number } = {},
): Promise<Submission<Procedure>> {
  const files = options.files ?? realFileSystem;
  const first = judgeSubmission(block, { ...context, stored: () => [] });
  if (!first.ok) return first;
  const { procedure, observation } = first;
  const month = observation.day.slice(0, 7);
  const file = observationFilePath(dataDir, procedure.department, procedure.slug, month);
  try {
    files.mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw new StoreError(describeFileError('create the directory of', file, error), { cause: error });
  }
  return withLock(monthLockPath(file), { waitMs: options.lockWaitMs ?? 30_000, staleMs: 120_000 }, () => {
    const existing = readObservations(file, month, files);
    const judged = judgeSubmission(block, { ...context, stored: () => existing?.observations ?? [] });
    if (!judged.ok) return judged;
    const header = existing?.header ?? [...OBSERVATION_COLUMNS];
    const line = formatObservationLines([judged.row], header);
    const content =
      (existing ? (existing.text.endsWith('\n') ? existing.text : `${existing.text}\n`) : formatCsv([header])) + line;
    // Validate the whole new file as readers will, before it replaces the old one.
    parseObservationFile(content, file, month);
    try {
      writeFileAtomic(file, content, files);
    } catch (error) {
      throw new StoreError(describeFileError('write', file, error), { cause: error });
    }
    return judged;
  });
}
