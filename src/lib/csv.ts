/**
 * Strict CSV reading and writing for the data files (RFC 4180, comma-separated,
 * UTF-8, one record per line). A public data contract needs more than a
 * tolerant parser: every malformed line is refused with its location and a
 * reason a volunteer can act on (an unclosed quote is not a cell spanning two
 * lines), sizes are bounded so that a broken or hostile file cannot exhaust
 * the build, and no control character reaches a page or a download. The
 * reader is a linear scan (no backtracking regular expression, no
 * recursion); it runs in the browser too (client/raw-month.ts).
 */
import { DataError } from './data-error.ts';

/** One data line of a CSV file. */
interface CsvLine {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  /** Cells, one per header column. */
  cells: string[];
}

export interface CsvTable {
  header: string[];
  lines: CsvLine[];
}

/** The longest line accepted, in characters: a probe line is about 300, a registry line about 500. */
const MAX_LINE_LENGTH = 10_000;

/** The longest cell accepted, in characters: a registry note or a probe's detail is far shorter. */
const MAX_CELL_LENGTH = 2_000;

/** C0 and C1 control characters, tab and DEL included; line ends are split off before this is tested. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A quote or a control character other than the line feed: a file without
 * any (what the robot writes) needs no per-line search for either, so its
 * lines are split on commas straight away (see parseCsv).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const QUOTE_OR_CONTROL = /["\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const QUOTE = 0x22;
const COMMA = 0x2c;

/**
 * Parses a whole CSV file. A UTF-8 byte-order mark and CRLF line ends are
 * accepted; empty lines are skipped. A record spanning several lines, a stray
 * or unclosed quote, a control character, an oversized line or cell, or a line
 * with the wrong number of cells is a DataError at its line.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const physicalLines = body.split('\n');
  if (physicalLines.at(-1) === '') physicalLines.pop();
  // One search of the whole file instead of two per line; readLine still
  // judges every line of a file that holds a quote or a control character.
  const plain = !QUOTE_OR_CONTROL.test(body);
  let header: string[] | null = null;
  const lines: CsvLine[] = [];
  for (let index = 0; index < physicalLines.length; index += 1) {
    const line = index + 1;
    let content = physicalLines[index]!;
    if (content.endsWith('\r')) content = content.slice(0, -1);
    if (content === '') {
      if (header === null) throw new DataError(file, line, 'the file has no header line (the first line is empty)');
      continue;
    }
    // A plain line no longer than a cell cannot break any rule of readLine.
    const cells =
      plain && content.length <= MAX_CELL_LENGTH
        ? content.split(',')
        : readLine(content, file, line, physicalLines[index + 1]);
    if (header === null) {
      header = cells;
    } else if (cells.length !== header.length) {
      throw new DataError(file, line, `expected ${header.length} cells as in the header, found ${cells.length}`);
    } else {
      lines.push({ line, cells });
    }
  }
  if (header === null) throw new DataError(file, 1, 'the file has no header line');
  return { header, lines };
}

/** The cells of one physical line, or a DataError saying what is wrong with it. */
function readLine(content: string, file: string, line: number, nextLine: string | undefined): string[] {
  if (content.length > MAX_LINE_LENGTH) {
    throw new DataError(
      file,
      line,
      `the line is ${content.length.toLocaleString('en')} characters long; a line holds at most ${MAX_LINE_LENGTH.toLocaleString('en')}`,
    );
  }
  const cells = content.indexOf('"') === -1 ? content.split(',') : splitQuotedLine(content, file, line, nextLine);
  if (CONTROL_CHARACTER.test(content)) rejectControlCharacter(cells, file, line);
  for (let column = 0; column < cells.length; column += 1) {
    const length = cells[column]!.length;
    if (length > MAX_CELL_LENGTH) {
      throw new DataError(
        file,
        line,
        `the cell in column ${column + 1} is ${length.toLocaleString('en')} characters long; a cell holds at most ${MAX_CELL_LENGTH.toLocaleString('en')}`,
      );
    }
  }
  return cells;
}

function rejectControlCharacter(cells: readonly string[], file: string, line: number): never {
  const column = cells.findIndex((cell) => CONTROL_CHARACTER.test(cell));
  if (column === -1)
    throw new DataError(file, line, 'a carriage return in the middle of the line (lines end with a line feed)');
  const character = CONTROL_CHARACTER.exec(cells[column]!)![0];
  const name =
    character === '\t'
      ? 'a tab'
      : character === '\r'
        ? 'a carriage return'
        : `the control character U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  throw new DataError(file, line, `${name} in column ${column + 1}: cells hold printable text only`);
}

/** Splits a line holding quotes, cell by cell; quoted cells double their inner quotes. */
function splitQuotedLine(content: string, file: string, line: number, nextLine: string | undefined): string[] {
  const cells: string[] = [];
  let position = 0;
  for (;;) {
    const column = cells.length + 1;
    if (content.charCodeAt(position) === QUOTE) {
      let value = '';
      let cursor = position + 1;
      for (;;) {
        const close = content.indexOf('"', cursor);
        if (close === -1) throw new DataError(file, line, unclosedQuote(column, nextLine));
        if (content.charCodeAt(close + 1) === QUOTE) {
          value += content.slice(cursor, close + 1);
          cursor = close + 2;
          continue;
        }
        value += content.slice(cursor, close);
        position = close + 1;
        break;
      }
      cells.push(value);
      if (position === content.length) return cells;
      if (content.charCodeAt(position) !== COMMA) {
        throw new DataError(
          file,
          line,
          `text after the closing quote of column ${column}: a quote inside a quoted cell is written twice ("")`,
        );
      }
      position += 1;
    } else {
      const comma = content.indexOf(',', position);
      const value = content.slice(position, comma === -1 ? content.length : comma);
      if (value.includes('"')) {
        throw new DataError(
          file,
          line,
          `stray quote in column ${column}: a cell holding a quote must be quoted whole, with the quotes inside it doubled ("")`,
        );
      }
      cells.push(value);
      if (comma === -1) return cells;
      position = comma + 1;
    }
  }
}

/**
 * Why a quoted cell does not close on its line. When the next line would
 * close it, the author meant a cell on several lines, which the contract
 * forbids; otherwise the quote is simply never closed.
 */
function unclosedQuote(column: number, nextLine: string | undefined): string {
  const nextQuotes = nextLine === undefined ? 0 : nextLine.split('"').length - 1;
  return nextQuotes % 2 === 1
    ? `the cell in column ${column} spans several lines: a cell must fit on one line (replace its line breaks with spaces)`
    : `unclosed quote in column ${column}: the quote that opens the cell is never closed`;
}

/**
 * Checks that a header starts with the expected columns in this order; further
 * columns may follow (the contract lets publishers add columns).
 */
export function requireLeadingColumns(header: string[], expected: readonly string[], file: string): void {
  expected.forEach((name, index) => {
    if (header[index] !== name) {
      throw new DataError(
        file,
        1,
        `bad header: column ${index + 1} must be "${name}", found "${header[index] ?? ''}" (expected ${expected.join(',')})`,
      );
    }
  });
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new DataError(file, 1, `bad header: column "${name}" appears twice`);
    seen.add(name);
  }
}

/** How a CSV file is written; the defaults are the data contract's (data/README.md). */
export interface CsvFormat {
  /**
   * Neutralise the cells a spreadsheet would run as a formula (see
   * neutraliseFormula): for every file the site publishes, never for the
   * data files, which keep what the robot saw.
   */
  forSpreadsheets?: boolean;
  /** Line end: `\n` (the contract's) or `\r\n` (what Excel writes). */
  lineEnd?: '\n' | '\r\n';
  /** Starts the file with a UTF-8 byte-order mark, without which Excel misreads accents. */
  byteOrderMark?: boolean;
}

/** Formats rows as CSV lines, quoting only the cells that need it: the one CSV writer of the project. */
export function formatCsv(
  rows: readonly (readonly string[])[],
  { forSpreadsheets = false, lineEnd = '\n', byteOrderMark = false }: CsvFormat = {},
): string {
  const cell = forSpreadsheets ? (text: string) => formatCell(neutraliseFormula(text)) : formatCell;
  return (byteOrderMark ? '\ufeff' : '') + rows.map((row) => row.map(cell).join(',') + lineEnd).join('');
}

/**
 * Quotes a cell holding a quote, a comma, a semicolon (the separator of
 * French spreadsheets), a line end, a leading or trailing space, or a
 * neutralised formula; inner quotes are doubled (RFC 4180).
 */
function formatCell(cell: string): string {
  return /[",;\r\n]/.test(cell) || cell !== cell.trim() || cell.startsWith("'")
    ? `"${cell.replace(/"/g, '""')}"`
    : cell;
}

/**
 * A cell a spreadsheet would read as a formula (OWASP, « CSV Injection »):
 * it starts with `=`, `+`, `-`, `@`, a tab or a carriage return, possibly
 * after apostrophes. A probe's `detail` quotes prefecture pages, which could
 * put `=HYPERLINK(…)` into a journalist's spreadsheet.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** A plain decimal number (`-5`, `+0.25`): it starts like a formula but a spreadsheet only reads a number. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * OWASP's remedy for a formula cell: one apostrophe before it (spreadsheets
 * then show the text as written), and the cell quoted (formatCell does).
 * Plain numbers are left as they are. Reversible with restoreFormula: a cell
 * that already starts with apostrophes before a formula character gets one
 * more, so the original is always one apostrophe away.
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** The original text of a cell read from a published file (the inverse of neutraliseFormula). */
export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;
}
