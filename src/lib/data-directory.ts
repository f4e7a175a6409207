/**
 * Where the data live. Everything that reads or writes data takes the
 * directory from `DATA_DIR` (default `data/`), so tests, the demo and the
 * benchmarks can work on a copy without touching the published data.
 */
import path from 'node:path';

/** The data directory: `$DATA_DIR`, or `data/` under the current directory. */
export function dataDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(environment.DATA_DIR || 'data');
}

export function registryPath(dataDir: string): string {
  return path.join(dataDir, 'procedures.csv');
}

/** The directory of a procedure's month files. */
export function procedureProbeDirectory(dataDir: string, department: string, slug: string): string {
  return path.join(dataDir, 'probes', department, slug);
}

/** `probes/{department}/{slug}/{YYYY-MM}.csv` under the data directory. */
export function monthFilePath(dataDir: string, department: string, slug: string, month: string): string {
  return path.join(procedureProbeDirectory(dataDir, department, slug), `${month}.csv`);
}

/** The directory of a procedure's volunteer observations (kept apart from the probes). */
export function procedureObservationDirectory(dataDir: string, department: string, slug: string): string {
  return path.join(dataDir, 'observations', department, slug);
}

/** `observations/{department}/{slug}/{YYYY-MM}.csv` under the data directory. */
export function observationFilePath(dataDir: string, department: string, slug: string, month: string): string {
  return path.join(procedureObservationDirectory(dataDir, department, slug), `${month}.csv`);
}
