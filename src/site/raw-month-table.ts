/**
 * The body of a raw-data month table, as one HTML string. A month of hourly
 * probes is ~740 rows and the site may hold 36,000 months, so the rows are
 * built here as compact markup (optional end tags omitted, one `tbody` per
 * day) rather than as an Astro component tree: rendering stays linear and the
 * pages stay small.
 *
 * The same function runs at build time (recent months, prerendered so they
 * read and print without JavaScript) and in the browser (older months, drawn
 * from the month's `.csv.gz`, see raw-month-publishing.ts), so both give the
 * same table. It therefore takes plain CSV rows and imports nothing but
 * browser-safe modules: no zod, no Node.
 */
import { restoreFormula, type CsvTable } from '../lib/csv.ts';
import { frenchDetail } from '../lib/failure-words.ts';
import { formatDay } from '../lib/format.ts';
import { frenchSpacing } from '../lib/french-typography.ts';
import { outcomeLabel, type RecordedOutcome } from '../lib/outcome.ts';
import type { Probe } from '../lib/probe.ts';

/**
 * A probe as published in a month file (the leading columns of
 * `donnees/sondages/…/YYYY-MM.csv.gz`). `probed_at` is Paris local time with
 * its offset (`2018-03-01T16:20:25+01:00`), as the data contract guarantees,
 * so its day and clock reading are read off the text.
 */
export interface RawProbeRow {
  probed_at: string;
  outcome: string;
  first_date: string;
  second_date: string;
  detail: string;
}

/** The columns a RawProbeRow is read from, by name. */
export const RAW_PROBE_COLUMNS = [
  'probed_at',
  'outcome',
  'first_date',
  'second_date',
  'detail',
] as const satisfies readonly (keyof RawProbeRow)[];

/** The published row of a validated probe. */
export function rawProbeRow(probe: Probe): RawProbeRow {
  return {
    probed_at: probe.probedAt,
    outcome: probe.outcome,
    first_date: probe.firstDate,
    second_date: probe.secondDate,
    detail: probe.detail,
  };
}

/**
 * The rows of a published month file (`YYYY-MM.csv.gz`, parsed), read by
 * column name, with their line numbers; null when a column is missing. The
 * file neutralises formula-like cells (an apostrophe before them): the rows
 * give the text as the robot saw it. The browser draws older months from
 * these rows, and the build prerenders recent ones from the same file, so
 * both tables come from the same bytes.
 */
export function publishedRawRows(table: CsvTable): { line: number; row: RawProbeRow }[] | null {
  const columns = RAW_PROBE_COLUMNS.map((name) => table.header.indexOf(name));
  if (columns.includes(-1)) return null;
  return table.lines.map(({ line, cells }) => {
    const [probed_at, outcome, first_date, second_date, detail] = columns.map((index) =>
      restoreFormula(cells[index]!),
    ) as [string, string, string, string, string];
    return { line, row: { probed_at, outcome, first_date, second_date, detail } };
  });
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text for HTML content and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => ESCAPES[character]!);
}

/** The two result cells of a probe: the dates offered, or what happened instead. */
function resultCells(row: RawProbeRow): string {
  if (row.outcome === 'slots') {
    const second = row.second_date ? formatDay(row.second_date) : 'aucune autre date';
    return `<td>${formatDay(row.first_date)}<td>${second}`;
  }
  // The most common row by far: kept to the bone (the empty second cell is implied).
  if (row.outcome === 'none') return '<td>Aucune date';
  // A published outcome is a known code or a newer robot's failure code (data contract); the label says which.
  // The robot's detail is English in the data; the page and the printout read it in French.
  const detail = row.detail ? ` (${frenchDetail(row.detail)})` : '';
  // French spacing here, as the rows are also drawn in the browser, where the site's middleware never runs.
  return `<td colspan=2 class=f>${escapeHtml(frenchSpacing(`${outcomeLabel(row.outcome as RecordedOutcome)}${detail}`))}`;
}

/**
 * `HH:MM:SS` on the Paris clock, read off `probed_at`: to the second, as the
 * 2018 kit printed it, so a reader can match the row with the archived page.
 */
const clockReading = (row: RawProbeRow) => row.probed_at.slice(11, 19);

/**
 * The probe's time on the Paris clock; on the night the clocks go back the
 * same reading happens twice, so it then carries its UTC offset.
 */
function clockLabel(row: RawProbeRow, dayClockTimes: readonly string[]): string {
  const reading = clockReading(row);
  const repeated = dayClockTimes.indexOf(reading) !== dayClockTimes.lastIndexOf(reading);
  return repeated ? `${reading} (UTC${row.probed_at.slice(-6, -3)})` : reading;
}

/**
 * One `tbody` per day, the date written once, in the day's first row, as in
 * La Cimade's printouts; probes in time order within a day. `data-day` lets
 * the range filter hide whole days. The day also rides on the `tbody` as a
 * CSS string (`--d`), so that print can write it in the empty date cell of
 * every other row: whichever row starts a sheet then carries its date, at the
 * cost of ~20 bytes a day rather than a date in each of ~740 rows.
 */
export function rawMonthRows(rows: readonly RawProbeRow[]): string {
  const days = new Map<string, { row: RawProbeRow; instant: number }[]>();
  for (const row of rows) {
    const day = row.probed_at.slice(0, 10);
    const dayRows = days.get(day) ?? [];
    dayRows.push({ row, instant: Date.parse(row.probed_at) });
    days.set(day, dayRows);
  }
  const parts: string[] = [];
  for (const [day, dayRows] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = dayRows.sort((a, b) => a.instant - b.instant).map(({ row }) => row);
    parts.push(`<tbody data-day=${day} style="--d:'${formatDay(day)}'">`);
    const clockTimes = sorted.map(clockReading);
    sorted.forEach((row, index) => {
      // No rowspan: browsers will not break a printed page inside a spanned cell.
      const dateCell = index === 0 ? `<th scope=rowgroup>${formatDay(day)}` : '<td>';
      parts.push(`<tr>${dateCell}<td>${clockLabel(row, clockTimes)}${resultCells(row)}\n`);
    });
    parts.push('</tbody>');
  }
  return parts.join('');
}
