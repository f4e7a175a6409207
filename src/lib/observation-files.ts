/**
 * Loading the volunteers' observations of a data directory
 * (`observations/{department}/{slug}/{YYYY-MM}.csv`), validated like the
 * probes: a bad file stops the build with `file:line: message`, and
 * observations of a procedure that is not in the registry are refused.
 */
import type { Hash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DataError } from './data-error.ts';
import { observationFilePath, procedureObservationDirectory, readDataFile } from './data-directory.ts';
import { parseObservationFile, type Observation } from './observation.ts';
import { monthOfFileName } from './probe.ts';
import { procedureKey, type Procedure } from './registry.ts';

/**
 * Every procedure's observations, oldest first, by `department/slug`. Each
 * file also goes into `hash`, so that the data version changes with them.
 */
export function loadObservations(
  dataDir: string,
  procedures: readonly Procedure[],
  hash: Hash,
): Map<string, Observation[]> {
  checkNoOrphanObservations(dataDir, new Set(procedures.map(procedureKey)));
  const byProcedure = new Map<string, Observation[]>();
  for (const procedure of procedures) {
    const observations: Observation[] = [];
    for (const month of observationMonths(dataDir, procedure)) {
      const file = observationFilePath(dataDir, procedure.department, procedure.slug, month);
      const text = readDataFile(file);
      hash.update(`observations/${procedureKey(procedure)}/${month}\0`).update(text);
      observations.push(...parseObservationFile(text, file, month).observations);
    }
    byProcedure.set(
      procedureKey(procedure),
      observations.sort((a, b) => a.instant - b.instant),
    );
  }
  return byProcedure;
}

function observationMonths(dataDir: string, procedure: Pick<Procedure, 'department' | 'slug'>): string[] {
  const directory = procedureObservationDirectory(dataDir, procedure.department, procedure.slug);
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => !name.startsWith('.'))
    .map((name) => {
      const month = monthOfFileName(name);
      if (!month)
        throw new DataError(path.join(directory, name), 0, 'unexpected file: observation files are named YYYY-MM.csv');
      return month;
    })
    .sort();
}

function checkNoOrphanObservations(dataDir: string, keys: Set<string>): void {
  const root = path.join(dataDir, 'observations');
  if (!existsSync(root)) return;
  for (const department of readdirSync(root).filter((name) => !name.startsWith('.'))) {
    const departmentDir = path.join(root, department);
    if (!statSync(departmentDir).isDirectory())
      throw new DataError(departmentDir, 0, 'unexpected file: expected a department directory');
    for (const slug of readdirSync(departmentDir).filter((name) => !name.startsWith('.'))) {
      if (!keys.has(`${department}/${slug}`))
        throw new DataError(
          path.join(departmentDir, slug),
          0,
          `observations for ${department}/${slug}, which is not in procedures.csv`,
        );
    }
  }
}
