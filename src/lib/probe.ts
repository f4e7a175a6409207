/**
 * Probe records: one attempt to book, as stored in
 * `probes/{department}/{slug}/{YYYY-MM}.csv`. This module defines the columns,
 * reads and validates a month file, and formats rows for writing, so that the
 * robot and every reader agree on one contract (see data/README.md).
 */
import { z } from 'zod';
import { isCalendarDay, parseProbeTime } from './calendar.ts';
import { DataError, locatedMessage } from './data-error.ts';
import { colourOf, type Colour } from './colour.ts';
import { formatCsv, parseCsv, requireLeadingColumns } from './csv.ts';
import { isOutcome, isOutcomeCode, type RecordedOutcome } from './outcome.ts';

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
  /** A known outcome, or a failure code from a newer robot (counted as a failure). */
  outcome: RecordedOutcome;
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

/** No probe predates the project's method (La Cimade's surveys began in the 2010s): an earlier instant is a typing error. */
export const EARLIEST_PROBE = '2000-01-01';

/**
 * Validates one probe row. Returns the probe, or the plain reason it is
 * invalid (the caller adds the location).
 */
export function validateProbe(
  row: ProbeRow,
  { acceptFutureCodes = false }: { acceptFutureCodes?: boolean } = {},
): Probe | string {
  // Plain defaults rather than probeRowSchema.parse: this runs for every row
  // of every file at build time, and the types already guarantee strings.
  const parsed = {
    probed_at: row.probed_at,
    outcome: row.outcome,
    first_date: row.first_date ?? '',
    second_date: row.second_date ?? '',
    detail: row.detail ?? '',
    extra: row.extra ?? {},
  };
  const time = parseProbeTime(parsed.probed_at);
  if (typeof time === 'string') return `probed_at: ${time}`;
  if (time.day < EARLIEST_PROBE)
    return `probed_at ${parsed.probed_at} is before ${EARLIEST_PROBE}: no probe is that old`;
  // Readers accept a well-formed code a newer robot may write (a failure, by
  // contract); writers only write the codes this version knows.
  if (!isOutcomeCode(parsed.outcome) || (!acceptFutureCodes && !isOutcome(parsed.outcome))) {
    return `unknown outcome "${parsed.outcome}" (expected slots, none or a failure code such as timeout, http_error, blocked)`;
  }
  const outcome = parsed.outcome;
  const { first_date: firstDate, second_date: secondDate } = parsed;
  if (/[\r\n]/.test(parsed.detail)) return 'detail must fit on one line';
  if (parsed.detail.length > MAX_DETAIL_LENGTH) return `detail is longer than ${MAX_DETAIL_LENGTH} characters`;
  if (outcome === 'slots') {
    if (!firstDate) return 'outcome "slots" without first_date';
    for (const [name, value] of [
      ['first_date', firstDate],
      ['second_date', secondDate],
    ] as const) {
      if (value && !isCalendarDay(value)) return `${name} "${value}" is not an existing day (YYYY-MM-DD)`;
      if (value && value < time.day) return `${name} ${value} is before the probe day ${time.day}`;
    }
    if (secondDate && secondDate < firstDate) return `second_date ${secondDate} is before first_date ${firstDate}`;
  } else if (firstDate || secondDate) {
    return `outcome "${outcome}" must have empty first_date and second_date`;
  }
  const probe = {
    probedAt: parsed.probed_at,
    instant: time.instant,
    day: time.day,
    time: time.time,
    outcome,
    firstDate,
    secondDate,
    detail: parsed.detail,
    extra: parsed.extra,
  };
  return { ...probe, colour: colourOf(probe) };
}

const MONTH_FILE_NAME = /^(\d{4}-(0[1-9]|1[0-2]))\.csv$/;

/** The `YYYY-MM` month of a month file name such as `2018-03.csv`, or null. */
export function monthOfFileName(name: string): string | null {
  return MONTH_FILE_NAME.exec(name)?.[1] ?? null;
}

/** Bounds of the probes a data directory may publish, beyond each row's own rules. */
export interface ProbeLimits {
  /** The build's clock plus its tolerance (ms since the epoch): a later probe is in the future. */
  latestInstant: number;
  /** The procedure's `since`, or EARLIEST_PROBE: no probe before that day. */
  earliestDay: string;
  /** Line of the registry row whose `since` sets earliestDay, for the message; null without one. */
  sinceLine: number | null;
}

/** A validated month file. */
export interface MonthFile {
  header: string[];
  probes: Probe[];
  /**
   * Outcome codes this version does not know, with where each first appears
   * and how often: accepted and counted as failures, as the contract asks, but
   * worth a warning (`file:line: message`).
   */
  warnings: string[];
}

/**
 * Reads and validates a month file. Every row must be a valid probe of that
 * month (Paris time) and no two rows may share an instant; rows come back in
 * file order. Throws a DataError at the first problem.
 */
export function parseMonthFile(text: string, file: string, month: string, limits?: ProbeLimits): MonthFile {
  const table = parseCsv(text, file);
  requireLeadingColumns(table.header, PROBE_COLUMNS, file);
  if (table.header.includes('colour'))
    throw new DataError(file, 1, 'bad header: "colour" is derived from the dates, never stored');
  const extraColumns = table.header.slice(PROBE_COLUMNS.length);
  const seen = new Map<number, number>();
  const unknownOutcomes = new Map<string, { line: number; count: number }>();
  const probes = table.lines.map(({ line, cells }) => {
    const [probed_at, outcome, first_date, second_date, detail] = cells as [string, string, string, string, string];
    const extra = Object.fromEntries(extraColumns.map((name, index) => [name, cells[PROBE_COLUMNS.length + index]!]));
    const probe = validateProbe(
      { probed_at, outcome, first_date, second_date, detail, extra },
      { acceptFutureCodes: true },
    );
    if (typeof probe === 'string') throw new DataError(file, line, probe);
    if (probe.day.slice(0, 7) !== month) {
      throw new DataError(file, line, `probe of ${probe.day} does not belong in the file of month ${month}`);
    }
    if (limits) checkLimits(probe, limits, file, line);
    const previous = seen.get(probe.instant);
    if (previous !== undefined) throw new DataError(file, line, `duplicate probe: same instant as line ${previous}`);
    seen.set(probe.instant, line);
    if (!isOutcome(probe.outcome)) {
      const unknown = unknownOutcomes.get(probe.outcome) ?? { line, count: 0 };
      unknown.count += 1;
      unknownOutcomes.set(probe.outcome, unknown);
    }
    return probe;
  });
  const warnings = [...unknownOutcomes].map(
    ([code, { line, count }]) =>
      `${locatedMessage(file, line, `unknown outcome "${code}"`)} (${count} ${count === 1 ? 'row' : 'rows'}): counted as a failed probe, as the data contract asks of future failure codes`,
  );
  return { header: table.header, probes, warnings };
}

function checkLimits(probe: Probe, limits: ProbeLimits, file: string, line: number): void {
  if (probe.instant > limits.latestInstant) {
    const clock = new Date(limits.latestInstant).toISOString().slice(0, 16).replace('T', ' ');
    throw new DataError(
      file,
      line,
      `probed_at ${probe.probedAt} is in the future: it is later than the build's clock (with its tolerance, ${clock} UTC)`,
    );
  }
  if (probe.day < limits.earliestDay) {
    const origin = limits.sinceLine === null ? '' : ` (since, procedures.csv line ${limits.sinceLine})`;
    throw new DataError(
      file,
      line,
      `probe of ${probe.day} is before the first day probed, ${limits.earliestDay}${origin}`,
    );
  }
}

/** Formats probes as CSV lines in the given column order (header not included). */
export function formatProbeLines(probes: readonly ProbeRow[], columns: readonly string[] = ROBOT_COLUMNS): string {
  return formatCsv(
    probes.map((row) => {
      const parsed = probeRowSchema.parse(row);
      const known: Record<string, string> = {
        ...parsed.extra,
        probed_at: parsed.probed_at,
        outcome: parsed.outcome,
        first_date: parsed.first_date,
        second_date: parsed.second_date,
        detail: parsed.detail,
      };
      return columns.map((column) => known[column] ?? '');
    }),
  );
}
