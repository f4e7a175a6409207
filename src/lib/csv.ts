/**
 * Strict CSV reading and writing for the data files (RFC 4180, comma-separated,
 * UTF-8). Parsing is PapaParse's; this module adds what a public data contract
 * needs on top: a located error for every malformed line, one record per line,
 * and a byte-for-byte stable way to write rows back.
 */
import Papa from 'papaparse';
import { DataError } from './data-error.ts';

/** One data line of a CSV file. */
export interface CsvLine {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  /** Cells, one per header column. */
  cells: string[];
}

export interface CsvTable {
  header: string[];
  lines: CsvLine[];
}

/** A well-formed single line: unquoted cells without quotes, or quoted cells with doubled inner quotes. */
const WELL_FORMED_LINE = /^(?:[^",]*|"(?:[^"]|"")*")(?:,(?:[^",]*|"(?:[^"]|"")*"))*$/;

/**
 * Parses a whole CSV file. A UTF-8 byte-order mark and CRLF line ends are
 * accepted; empty lines are skipped. A record spanning several lines, a stray
 * quote or a line with the wrong number of cells is a DataError at its line.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const physicalLines = body.split(/\r?\n/);
  if (physicalLines.at(-1) === '') physicalLines.pop();
  physicalLines.forEach((content, index) => {
    if (content.includes('\r')) throw new DataError(file, index + 1, 'stray carriage return inside the line');
    if (!WELL_FORMED_LINE.test(content)) {
      throw new DataError(file, index + 1, 'stray or unbalanced quote (quote a whole cell and double the quotes inside it)');
    }
  });
  if (physicalLines.length === 0 || physicalLines[0] === '') throw new DataError(file, 1, 'the file has no header line');
  // Every line is now known to be a whole record, so one PapaParse pass over
  // the body yields exactly one row per non-empty line, in order.
  const lineNumbers: number[] = [];
  physicalLines.forEach((content, index) => {
    if (content !== '') lineNumbers.push(index + 1);
  });
  const rows = Papa.parse<string[]>(physicalLines.join('\n'), { header: false, delimiter: ',', newline: '\n', skipEmptyLines: true }).data;
  const [header = [], ...records] = rows;
  const table: CsvTable = { header, lines: [] };
  records.forEach((cells, index) => {
    const line = lineNumbers[index + 1]!;
    if (cells.length !== header.length) {
      throw new DataError(file, line, `expected ${header.length} cells as in the header, found ${cells.length}`);
    }
    table.lines.push({ line, cells });
  });
  return table;
}

/**
 * Checks that a header starts with the expected columns in this order; further
 * columns may follow (the contract lets publishers add columns).
 */
export function requireLeadingColumns(header: string[], expected: readonly string[], file: string): void {
  expected.forEach((name, index) => {
    if (header[index] !== name) {
      throw new DataError(file, 1, `bad header: column ${index + 1} must be "${name}", found "${header[index] ?? ''}" (expected ${expected.join(',')})`);
    }
  });
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new DataError(file, 1, `bad header: column "${name}" appears twice`);
    seen.add(name);
  }
}

/** Formats rows as CSV lines ending in `\n`, quoting only the cells that need it. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(formatCell).join(',') + '\n').join('');
}

function formatCell(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}
