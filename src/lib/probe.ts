/**
 * Probe records: one attempt to book, as stored in
 * `probes/{department}/{slug}/{YYYY-MM}.csv`. This module defines the columns,
 * reads and validates a month file, and formats rows for writing, so that the
 * robot and every reader agree on one contract (see data/README.md).
 */
import { z } from 'zod';
import { isCalendarDay, parseProbeTime } from './calendar.ts';
import { DataError } from './data-error.ts';
import { colourOf, type Colour } from './colour.ts';
import { formatCsv, parseCsv, requireLeadingColumns } from './csv.ts';
import { isFailure, isOutcome, type Outcome } from './outcome.ts';

/** The leading columns of a month file, in this order. Further columns may follow. */
export const PROBE_COLUMNS = ['probed_at', 'outcome', 'first_date', 'second_date', 'detail'] as const;

/** Extra column the robot adds: SHA-256 of the decisive page, to match the evidence file. */
export const EVIDENCE_COLUMN = 'evidence_sha256';

/** The column order the robot writes. */
export const ROBOT_COLUMNS = [...PROBE_COLUMNS, EVIDENCE_COLUMN] as const;

/** A probe as written by the robot, before it is checked. */
export const probeRowSchema = z.object({
  /** ISO 8601 Paris local time with its offset, e.g. `2018-03-01T16:20:25+01:00`. */
  probed_at: z.string(),
  /** `slots`, `none`, or a failure code from FAILURE_OUTCOMES. */
  outcome: z.string(),
  /** Day of the first free slot, `YYYY-MM-DD`; empty unless outcome is `slots`. */
  first_date: z.string().default(''),
  /** Day of the second free slot (may equal the first); empty when there is none. */
  second_date: z.string().default(''),
  /** Short free text: why a probe failed, what the page said. One line. */
  detail: z.string().default(''),
  /** Further columns, kept as they are. */
  extra: z.record(z.string(), z.string()).default({}),
});
export type ProbeRow = z.input<typeof probeRowSchema>;

/** A validated probe. */
export interface Probe {
  /** The time as written in the file. */
  probedAt: string;
  /** Exact instant (ms since epoch): two probes are the same probe when their instants are equal. */
  instant: number;
  /** Local Paris day of the probe. */
  day: string;
  /** Local Paris time `HH:MM:SS`. */
  time: string;
  outcome: Outcome;
  firstDate: string;
  secondDate: string;
  detail: string;
  /** Derived, never stored: null for a failed probe. */
  colour: Colour | null;
  /** Extra columns by name (e.g. evidence_sha256). */
  extra: Record<string, string>;
}

/** The most a `detail` may hold, so that a scraped page can never bloat the data. */
export const MAX_DETAIL_LENGTH = 200;

/**
 * Validates one probe row. Returns the probe, or the plain reason it is
 * invalid (the caller adds the location).
 */
export function validateProbe(row: ProbeRow): Probe | string {
  // Plain defaults rather than probeRowSchema.parse: this runs for every row
  // of every file at build time, and the types already guarantee strings.
  const parsed = { probed_at: row.probed_at, outcome: row.outcome, first_date: row.first_date ?? '', second_date: row.second_date ?? '', detail: row.detail ?? '', extra: row.extra ?? {} };
  const time = parseProbeTime(parsed.probed_at);
  if (typeof time === 'string') return `probed_at: ${time}`;
  if (!isOutcome(parsed.outcome)) {
    return `unknown outcome "${parsed.outcome}" (expected slots, none or a failure code such as timeout, http_error, blocked)`;
  }
  const outcome = parsed.outcome;
  const { first_date: firstDate, second_date: secondDate } = parsed;
  if (/[\r\n]/.test(parsed.detail)) return 'detail must fit on one line';
  if (parsed.detail.length > MAX_DETAIL_LENGTH) return `detail is longer than ${MAX_DETAIL_LENGTH} characters`;
  if (outcome === 'slots') {
    if (!firstDate) return 'outcome "slots" without first_date';
    for (const [name, value] of [['first_date', firstDate], ['second_date', secondDate]] as const) {
      if (value && !isCalendarDay(value)) return `${name} "${value}" is not an existing day (YYYY-MM-DD)`;
      if (value && value < time.day) return `${name} ${value} is before the probe day ${time.day}`;
    }
    if (secondDate && secondDate < firstDate) return `second_date ${secondDate} is before first_date ${firstDate}`;
  } else if (firstDate || secondDate) {
    return `outcome "${outcome}" must have empty first_date and second_date`;
  }
  const probe = { probedAt: parsed.probed_at, instant: time.instant, day: time.day, time: time.time, outcome, firstDate, secondDate, detail: parsed.detail, extra: parsed.extra };
  return { ...probe, colour: colourOf(probe) };
}

/** True when the probe failed: it has no colour and never counts as "no slot". */
export function probeFailed(probe: Pick<Probe, 'outcome'>): boolean {
  return isFailure(probe.outcome);
}

const MONTH_FILE_NAME = /^(\d{4}-(0[1-9]|1[0-2]))\.csv$/;

/** The `YYYY-MM` month of a month file name such as `2018-03.csv`, or null. */
export function monthOfFileName(name: string): string | null {
  return MONTH_FILE_NAME.exec(name)?.[1] ?? null;
}

/**
 * Reads and validates a month file. Every row must be a valid probe of that
 * month (Paris time) and no two rows may share an instant; rows come back in
 * file order. Throws a DataError at the first problem.
 */
export function parseMonthFile(text: string, file: string, month: string): { header: string[]; probes: Probe[] } {
  const table = parseCsv(text, file);
  requireLeadingColumns(table.header, PROBE_COLUMNS, file);
  if (table.header.includes('colour')) throw new DataError(file, 1, 'bad header: "colour" is derived from the dates, never stored');
  const extraColumns = table.header.slice(PROBE_COLUMNS.length);
  const seen = new Map<number, number>();
  const probes = table.lines.map(({ line, cells }) => {
    const [probed_at, outcome, first_date, second_date, detail] = cells as [string, string, string, string, string];
    const extra = Object.fromEntries(extraColumns.map((name, index) => [name, cells[PROBE_COLUMNS.length + index]!]));
    const probe = validateProbe({ probed_at, outcome, first_date, second_date, detail, extra });
    if (typeof probe === 'string') throw new DataError(file, line, probe);
    if (probe.day.slice(0, 7) !== month) {
      throw new DataError(file, line, `probe of ${probe.day} does not belong in the file of month ${month}`);
    }
    const previous = seen.get(probe.instant);
    if (previous !== undefined) throw new DataError(file, line, `duplicate probe: same instant as line ${previous}`);
    seen.set(probe.instant, line);
    return probe;
  });
  return { header: table.header, probes };
}

/** Formats probes as CSV lines in the given column order (header not included). */
export function formatProbeLines(probes: readonly ProbeRow[], columns: readonly string[] = ROBOT_COLUMNS): string {
  return formatCsv(
    probes.map((row) => {
      const parsed = probeRowSchema.parse(row);
      const known: Record<string, string> = { ...parsed.extra, probed_at: parsed.probed_at, outcome: parsed.outcome, first_date: parsed.first_date, second_date: parsed.second_date, detail: parsed.detail };
      return columns.map((column) => known[column] ?? '');
    }),
  );
}
