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
