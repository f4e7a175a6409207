/**
 * Probe records: one attempt to book, as stored in
 * `probes/{department}/{slug}/{YYYY-MM}.csv`. This module defines the columns,
 * reads and validates a month file, and formats rows for writing, so that the
 * robot and every reader agree on one contract (see data/README.md).
 */
import { z } from 'zod';
import { parseProbeTime, quickProbeInstant, type ProbeTime } from './calendar.ts';
import { DataError, issueReason, locatedMessage } from './data-error.ts';
import { optionalDaySchema } from './day-schema.ts';
import { colourOf, type Colour } from './colour.ts';
import { formatCsv, parseCsv, requireLeadingColumns } from './csv.ts';
import { isOutcome, isOutcomeCode, type RecordedOutcome } from './outcome.ts';

/** The leading columns of a month file, in this order. Further columns may follow. */
export const PROBE_COLUMNS = ['probed_at', 'outcome', 'first_date', 'second_date', 'detail'] as const;

/** Extra column the robot adds: SHA-256 of the decisive page, to match the evidence file. */
export const EVIDENCE_COLUMN = 'evidence_sha256';

/** The column order the robot writes. */
export const ROBOT_COLUMNS = [...PROBE_COLUMNS, EVIDENCE_COLUMN] as const;

/** The most a `detail` may hold, so that a scraped page can never bloat the data. */
export const MAX_DETAIL_LENGTH = 200;

/** No probe predates the project's method (La Cimade's surveys began in the 2010s): an earlier instant is a typing error. */
export const EARLIEST_PROBE = '2000-01-01';

/** `probed_at` read once: its instant, Paris day and clock reading, or why it is refused. */
function readProbedAt(text: string): ProbeTime | string {
  const time = parseProbeTime(text);
  if (typeof time === 'string' || time.day >= EARLIEST_PROBE) return time;
  return `is before ${EARLIEST_PROBE}: no probe is that old`;
}

const OUTCOME_REASON = 'unknown outcome (expected slots, none or a failure code such as timeout, http_error, blocked)';

/** Each column's own rule; the rules across columns are brokenRowRule's. */
const probeFields = {
  /** ISO 8601 Paris local time with its offset, e.g. `2018-03-01T16:20:25+01:00`, not before EARLIEST_PROBE. */
  probed_at: z.string().check((payload) => {
    const time = readProbedAt(payload.value);
    if (typeof time === 'string') payload.issues.push({ code: 'custom', message: time, input: payload.value });
  }),
  /** `slots`, `none`, a failure code from FAILURE_OUTCOMES, or a well-formed code of a newer robot (read as a failure). */
  outcome: z.string().refine(isOutcomeCode, OUTCOME_REASON),
  /** Day of the first free slot, `YYYY-MM-DD`; empty unless outcome is `slots`. */
  first_date: optionalDaySchema.default(''),
  /** Day of the second free slot (may equal the first); empty when there is none. */
  second_date: optionalDaySchema.default(''),
  /** Short free text: why a probe failed, what the page said. One line. */
  detail: z
    .string()
    .regex(/^[^\r\n]*$/, 'must fit on one line')
    .max(MAX_DETAIL_LENGTH, `is longer than ${MAX_DETAIL_LENGTH} characters`)
    .default(''),
  /** Further columns by name (e.g. evidence_sha256), kept as they are. */
  extra: z.record(z.string(), z.string()).default({}),
};

/** The columns of a row once each holds a valid value. */
type ProbeFields = Record<'probed_at' | 'outcome' | 'first_date' | 'second_date', string>;

/**
 * The rules across columns, in the order they are checked, given the row and
 * its probe day (the first ten characters of a valid probed_at): the message
 * of the first one the row breaks, or null. Plain tests rather than a table
 * of closures: this runs for every row of every file at build time.
 */
function brokenRowRule(row: ProbeFields, day: string): string | null {
  const { outcome, first_date: first, second_date: second } = row;
  if (outcome !== 'slots') {
    return first === '' && second === '' ? null : `outcome "${outcome}" must have empty first_date and second_date`;
  }
  if (first === '') return 'outcome "slots" without first_date';
  if (first < day) return `first_date ${first} is before the probe day ${day}`;
  if (second !== '' && second < day) return `second_date ${second} is before the probe day ${day}`;
  if (second !== '' && second < first) return `second_date ${second} is before first_date ${first}`;
  return null;
}

/** A probe row with the given rule for its outcome column: the one schema of a row, read or written. */
function probeRowSchemaWith(outcome: z.ZodType<string, string>) {
  return z.object({ ...probeFields, outcome }).check((payload) => {
    const message = brokenRowRule(payload.value, payload.value.probed_at.slice(0, 10));
    if (message !== null) payload.issues.push({ code: 'custom', message, input: payload.value });
  });
}

/**
 * A probe row as read from a month file: every column checked, a failure
 * code of a newer robot accepted (the contract counts it as a failure).
 */
export const probeRowSchema = probeRowSchemaWith(probeFields.outcome);

/** A probe row as this version writes it: only the outcome codes it knows. */
const writtenProbeRowSchema = probeRowSchemaWith(z.string().refine(isOutcome, OUTCOME_REASON));

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

/**
 * A column's schema asked once per distinct value: a month file repeats the
 * same few outcomes, days and details, so most rows cost a lookup.
 */
function rememberedCheck(schema: z.ZodType): (value: string) => boolean {
  const answers = new Map<string, boolean>();
  return (value) => {
    let valid = answers.get(value);
    if (valid === undefined) {
      if (answers.size >= 10_000) answers.clear();
      valid = schema.safeParse(value).success;
      answers.set(value, valid);
    }
    return valid;
  };
}

const isValidOutcome = rememberedCheck(probeFields.outcome);
const isKnownOutcome = rememberedCheck(writtenProbeRowSchema.shape.outcome);
const isValidDay = rememberedCheck(probeFields.first_date);
const isValidDetail = rememberedCheck(probeFields.detail);

/**
 * Validates one probe row against probeRowSchema (or, unless
 * `acceptFutureCodes`, the written row's schema). Returns the probe, or the
 * plain reason it is invalid (`column "value": reason`, the caller adds the
 * location). This runs for every row of every file at build time, so a valid
 * row is checked column by column with the schema's own checks (remembered
 * per distinct value) and its rules across columns; only a row that fails is
 * parsed whole by zod, for the message.
 */
export function validateProbe(
  row: ProbeRow,
  { acceptFutureCodes = false }: { acceptFutureCodes?: boolean } = {},
): Probe | string {
  return (
    quickProbe(
      row.probed_at,
      row.outcome,
      row.first_date ?? '',
      row.second_date ?? '',
      row.detail ?? '',
      row.extra ?? {},
      acceptFutureCodes,
    ) ?? invalidRowReason(row, acceptFutureCodes)
  );
}

/**
 * The probe of a row's cells when the column checks and the rules across
 * columns all pass, or null (the caller then asks zod why). Cells rather than
 * a row object: parseMonthFile calls it for every line of every file.
 */
function quickProbe(
  probedAt: string,
  outcome: string,
  firstDate: string,
  secondDate: string,
  detail: string,
  extra: Record<string, string>,
  acceptFutureCodes: boolean,
): Probe | null {
  // The quick reading of the time first (a year from 2000 on, so not before EARLIEST_PROBE), without an object.
  let instant = quickProbeInstant(probedAt);
  let day: string;
  let time: string;
  if (Number.isNaN(instant)) {
    const read = readProbedAt(probedAt);
    if (typeof read === 'string') return null;
    ({ instant, day, time } = read);
  } else {
    day = probedAt.slice(0, 10);
    time = probedAt.slice(11, 19);
  }
  // An empty date or detail is valid, and a row without dates breaks a rule only with outcome slots.
  if (
    // A known outcome passes both outcome schemas (every known code is well formed).
    !(isOutcome(outcome) || (acceptFutureCodes ? isValidOutcome(outcome) : isKnownOutcome(outcome))) ||
    (firstDate !== '' && !isValidDay(firstDate)) ||
    (secondDate !== '' && !isValidDay(secondDate)) ||
    (detail !== '' && !isValidDetail(detail)) ||
    ((outcome === 'slots' || firstDate !== '' || secondDate !== '') &&
      brokenRowRule({ probed_at: probedAt, outcome, first_date: firstDate, second_date: secondDate }, day) !== null)
  ) {
    return null;
  }
  const probe: Probe = {
    probedAt,
    instant,
    day,
    time,
    outcome: outcome as RecordedOutcome,
    firstDate,
    secondDate,
    detail,
    extra,
    colour: null,
  };
  probe.colour = colourOf(probe);
  return probe;
}

/** Why zod refuses a row the quick checks refused: the first issue, in the words of every data message. */
function invalidRowReason(row: ProbeRow, acceptFutureCodes: boolean): string {
  const result = (acceptFutureCodes ? probeRowSchema : writtenProbeRowSchema).safeParse(row);
  if (result.success) throw new Error(`probe row checks disagree on ${JSON.stringify(row)}`);
  return issueReason(result.error, row);
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
  return quickMonthFile(text, month, limits) ?? checkedMonthFile(text, file, month, limits);
}

/** The header the robot writes, and the contract's without the evidence column. */
const ROBOT_HEADER = ROBOT_COLUMNS.join(',');
const PROBE_HEADER = PROBE_COLUMNS.join(',');

/** The longest line quickMonthFile reads (parseCsv's longest cell: such a line cannot break a size rule). */
const QUICK_LINE_LENGTH = 2_000;

/** C0 and C1 control characters (csv.ts refuses them in any cell). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The month file as the robot writes it, read in one pass over the text
 * without the intermediate cells of parseCsv: its header, no quote, no empty
 * line, each line within a cell's length with its exact number of commas,
 * rows going forward in time, every outcome known. Null at the first thing
 * it cannot vouch for (any error, but also a BOM, CRLF line ends, a quote or
 * a row back in time), and checkedMonthFile then reads the file and words
 * the error. Control characters are looked for in the detail and evidence
 * cells only: the other cells' own checks admit none. Whenever it answers,
 * it answers what checkedMonthFile would (a test holds them together).
 */
export function quickMonthFile(text: string, month: string, limits?: ProbeLimits): MonthFile | null {
  const headerEnd = text.indexOf('\n');
  const headerLine = text.slice(0, headerEnd);
  const withEvidence = headerLine === ROBOT_HEADER;
  if (headerEnd === -1 || (!withEvidence && headerLine !== PROBE_HEADER) || text.includes('"')) return null;
  const probes: Probe[] = [];
  let latestInstant = -Infinity;
  for (let start = headerEnd + 1; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (end === start || end - start > QUICK_LINE_LENGTH) return null;
    const comma1 = text.indexOf(',', start);
    const comma2 = text.indexOf(',', comma1 + 1);
    const comma3 = text.indexOf(',', comma2 + 1);
    const comma4 = text.indexOf(',', comma3 + 1);
    const comma5 = withEvidence ? text.indexOf(',', comma4 + 1) : comma4;
    const extraComma = text.indexOf(',', comma5 + 1);
    // Exactly the header's commas on this line (a search that found none starts again from 0, hence the order).
    const commas =
      comma1 !== -1 &&
      comma2 > comma1 &&
      comma3 > comma2 &&
      comma4 > comma3 &&
      comma5 >= comma4 &&
      comma5 < end &&
      (extraComma === -1 || extraComma > end);
    if (!commas) return null;
    const detail = text.slice(comma4 + 1, withEvidence ? comma5 : end);
    const evidence = withEvidence ? text.slice(comma5 + 1, end) : '';
    if ((detail !== '' && CONTROL_CHARACTER.test(detail)) || CONTROL_CHARACTER.test(evidence)) return null;
    const probe = quickProbe(
      text.slice(start, comma1),
      text.slice(comma1 + 1, comma2),
      text.slice(comma2 + 1, comma3),
      text.slice(comma3 + 1, comma4),
      detail,
      withEvidence ? { evidence_sha256: evidence } : {},
      true,
    );
    if (
      probe === null ||
      month.length !== 7 ||
      !probe.day.startsWith(month) ||
      (limits && (probe.instant > limits.latestInstant || probe.day < limits.earliestDay)) ||
      probe.instant <= latestInstant ||
      !isOutcome(probe.outcome)
    ) {
      return null;
    }
    latestInstant = probe.instant;
    probes.push(probe);
    start = end + 1;
  }
  return { header: [...(withEvidence ? ROBOT_COLUMNS : PROBE_COLUMNS)], probes, warnings: [] };
}

/** The reference reading of a month file (parseCsv, then every row checked): every error is worded here. */
export function checkedMonthFile(text: string, file: string, month: string, limits?: ProbeLimits): MonthFile {
  const table = parseCsv(text, file);
  requireLeadingColumns(table.header, PROBE_COLUMNS, file);
  if (table.header.includes('colour'))
    throw new DataError(file, 1, 'bad header: "colour" is derived from the dates, never stored');
  const extraOf = extraReader(table.header.slice(PROBE_COLUMNS.length));
  const unknownOutcomes = new Map<string, { line: number; count: number }>();
  const probes: Probe[] = [];
  // Rows in increasing order of instant (as the robot appends them) cannot
  // repeat one; the map of instants is built only once a row goes back in time.
  let seen: Map<number, number> | null = null;
  let latestInstant = -Infinity;
  for (let index = 0; index < table.lines.length; index += 1) {
    const { line, cells } = table.lines[index]!;
    const extra = extraOf(cells);
    const probe =
      quickProbe(cells[0]!, cells[1]!, cells[2]!, cells[3]!, cells[4]!, extra, true) ??
      invalidRowReason(
        {
          probed_at: cells[0]!,
          outcome: cells[1]!,
          first_date: cells[2],
          second_date: cells[3],
          detail: cells[4],
          extra,
        },
        true,
      );
    if (typeof probe === 'string') throw new DataError(file, line, probe);
    if (probe.day.slice(0, 7) !== month) {
      throw new DataError(file, line, `probe of ${probe.day} does not belong in the file of month ${month}`);
    }
    if (limits) checkLimits(probe, limits, file, line);
    if (probe.instant > latestInstant) {
      latestInstant = probe.instant;
    } else {
      seen ??= new Map(probes.map((earlier, earlierIndex) => [earlier.instant, table.lines[earlierIndex]!.line]));
      const previous = seen.get(probe.instant);
      if (previous !== undefined) throw new DataError(file, line, `duplicate probe: same instant as line ${previous}`);
    }
    seen?.set(probe.instant, line);
    if (!isOutcome(probe.outcome)) {
      const unknown = unknownOutcomes.get(probe.outcome) ?? { line, count: 0 };
      unknown.count += 1;
      unknownOutcomes.set(probe.outcome, unknown);
    }
    probes.push(probe);
  }
  const warnings = [...unknownOutcomes].map(
    ([code, { line, count }]) =>
      `${locatedMessage(file, line, `unknown outcome "${code}"`)} (${count} ${count === 1 ? 'row' : 'rows'}): counted as a failed probe, as the data contract asks of future failure codes`,
  );
  return { header: table.header, probes, warnings };
}

/**
 * How the extra columns of a row become its `extra` record: a literal for the
 * robot's one evidence column, Object.fromEntries otherwise (which also keeps
 * a column named like an Object property, such as `__proto__`, as data).
 */
function extraReader(extraColumns: readonly string[]): (cells: readonly string[]) => Record<string, string> {
  const start = PROBE_COLUMNS.length;
  if (extraColumns.length === 0) return () => ({});
  if (extraColumns.length === 1 && extraColumns[0] === EVIDENCE_COLUMN)
    return (cells) => ({ evidence_sha256: cells[start]! });
  return (cells) => Object.fromEntries(extraColumns.map((name, index) => [name, cells[start + index]!]));
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
