import type { core } from 'zod';

/**
 * An error in a data file, located so that a contributor can open the file at
 * the right line. Its message reads `file:line: plain message`, the form editors
 * and CI logs turn into links.
 */
export class DataError extends Error {
  constructor(
    /** Path of the offending file, as given to the loader. */
    readonly file: string,
    /** 1-based line number in the file; 0 when the problem concerns the whole file. */
    readonly line: number,
    /** What is wrong, in plain words, without the location. */
    readonly reason: string,
    /** The underlying error (a file system or decoding error), kept for whoever debugs. */
    options?: ErrorOptions,
  ) {
    super(locatedMessage(file, line, reason), options);
    this.name = 'DataError';
  }
}

/** `file:line: reason`, or `file: reason` when the problem concerns the whole file: the one format of every data message. */
export function locatedMessage(file: string, line: number, reason: string): string {
  return line > 0 ? `${file}:${line}: ${reason}` : `${file}: ${reason}`;
}

/** How long a quoted value may be in a message before it is cut. */
const MAX_QUOTED_VALUE = 80;

/**
 * The first problem of a failed zod parse in plain words, the one format of
 * every schema-checked input (registry, probes, guides): `column "value":
 * reason` for a field, the reason alone for a rule across fields. The caller
 * adds the location (DataError).
 */
export function issueReason(error: core.$ZodError, input: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  if (issue.path.length === 0) return issue.message;
  const field = issue.path
    .map((key, index) => (typeof key === 'number' ? `[${key + 1}]` : index === 0 ? String(key) : `.${String(key)}`))
    .join('');
  const value = issue.path.reduce<unknown>(
    (current, key) =>
      current !== null && typeof current === 'object' ? (current as Record<PropertyKey, unknown>)[key] : undefined,
    input,
  );
  return `${field} ${quote(value)}: ${issue.message}`;
}

/** A value as a message shows it: quoted, cut when long; « missing » when absent. */
function quote(value: unknown): string {
  if (value === undefined || value === null) return '(missing)';
  const text =
    typeof value === 'string'
      ? value
      : value instanceof Date
        ? value.toISOString().slice(0, 10)
        : (JSON.stringify(value) ?? String(value));
  return `"${text.length > MAX_QUOTED_VALUE ? `${text.slice(0, MAX_QUOTED_VALUE - 1)}…` : text}"`;
}
