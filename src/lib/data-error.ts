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
  ) {
    super(line > 0 ? `${file}:${line}: ${reason}` : `${file}: ${reason}`);
    this.name = 'DataError';
  }
}
