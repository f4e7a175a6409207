/**
 * Volunteer observations: what a person saw on an RDV-Préfecture slot page
 * after passing the platform's captcha themselves, stored in
 * `observations/{department}/{slug}/{YYYY-MM}.csv` beside the robot's probes
 * and never mixed with them (see data/README.md). People look when they
 * choose, so an observation is a different kind of measurement from an hourly
 * probe: it gets its own files, rules and display.
 */
import * as z from 'zod/mini';
import { addMonthsClamped, parseProbeTime } from './calendar.ts';
import { formatCsv, parseCsv, requireLeadingColumns } from './csv.ts';
import { DataError, issueReason } from './data-error.ts';

/** The columns of an observation month file, in this order. Further columns may follow. */
export const OBSERVATION_COLUMNS = [
  'observed_at',
  'outcome',
  'first_date',
  'second_date',
  'last_publication',
  'next_publication',
  'source',
  'reference',
] as const;

/** An observation row as stored. */
const observationRowSchema = z.object({
  /** When the page was seen: Paris local time with Paris's offset, to the second. */
  observed_at: z.string(),
  /** `slots` (a date was offered) or `none` (the page said nothing is free). */
  outcome: z.enum(['slots', 'none'], { error: 'must be slots or none' }),
  /** Day of the first slot offered, `YYYY-MM-DD`; empty with `none`. */
  first_date: z.string(),
  /** Day of the second slot shown; empty when fewer were shown. */
  second_date: z.string(),
  /** The platform's last publication of slots, as it announced it (Paris time); empty when not shown. */
  last_publication: z.string(),
  /** The platform's next announced publication (Paris time); empty when not shown. */
  next_publication: z.string(),
  /** Who measured: always `volunteer` (the robot writes probes, not observations). */
  source: z.literal('volunteer', { error: 'must be volunteer' }),
  /** Where it came from: `issue:{number}` (a GitHub issue) or `batch:{name}` (an operator's batch of e-mails). */
  reference: z.string(),
});
export type ObservationRow = z.infer<typeof observationRowSchema>;

/** A validated observation. */
export interface Observation extends ObservationRow {
  /** Exact instant of `observed_at` (ms since epoch). */
  instant: number;
  /** Paris day of `observed_at`. */
  day: string;
}

/** Why an observation is refused: a stable code and the sentence shown to the volunteer. */
export interface Refusal {
  code: RefusalCode;
  /** In French: it is written on the volunteer's issue. */
  message: string;
}

export type RefusalCode =
  | 'no_block'
  | 'several_blocks'
  | 'unreadable'
  | 'unknown_demarche'
  | 'future'
  | 'too_old'
  | 'bad_time'
  | 'bad_date'
  | 'dates_with_none'
  | 'slots_without_date'
  | 'date_before_observation'
  | 'date_too_far'
  | 'second_before_first'
  | 'publication_out_of_range'
  | 'bad_reference'
  | 'duplicate'
  | 'rate_limited';

export const refuse = (code: RefusalCode, message: string): Refusal => ({ code, message });

const REFERENCE = /^(?:issue:[1-9]\d{0,9}|batch:[a-z0-9][a-z0-9._-]{0,59})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks one observation on its own (no clock, no other row): the rules
 * every stored row obeys. Returns the observation, or the refusal.
 */
export function checkObservation(row: ObservationRow): Observation | Refusal {
  const time = parseProbeTime(row.observed_at);
  if (typeof time === 'string') return refuse('bad_time', `heure d’observation illisible (${row.observed_at})`);
  if (!REFERENCE.test(row.reference))
    return refuse('bad_reference', 'référence invalide (attendu issue:NUMÉRO ou batch:NOM)');
  const yearAhead = addMonthsClamped(time.day, 12);
  const dates = [
    ['première date', row.first_date],
    ['deuxième date', row.second_date],
  ] as const;
  for (const [name, value] of dates) {
    if (value === '') continue;
    if (
      !DAY.test(value) ||
      Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
      new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
    ) {
      return refuse('bad_date', `${name} « ${value} » : ce n’est pas une date existante`);
    }
    if (value < time.day)
      return refuse('date_before_observation', `${name} ${value} antérieure au jour de l’observation (${time.day})`);
    if (value > yearAhead) return refuse('date_too_far', `${name} ${value} à plus d’un an du jour de l’observation`);
  }
  if (row.outcome === 'none' && (row.first_date || row.second_date))
    return refuse('dates_with_none', 'une observation « aucun créneau » ne peut pas avoir de date');
  if (row.outcome === 'slots' && !row.first_date)
    return refuse('slots_without_date', 'une observation « créneaux » doit donner la première date');
  if (row.second_date && row.second_date < row.first_date)
    return refuse('second_before_first', 'la deuxième date est antérieure à la première');
  const previousYear = addMonthsClamped(time.day, -12);
  for (const [name, value, earliest, latest] of [
    ['dernière mise en ligne', row.last_publication, previousYear, time.day],
    ['prochaine mise en ligne', row.next_publication, time.day, yearAhead],
  ] as const) {
    if (value === '') continue;
    const publication = parseProbeTime(value);
    if (typeof publication === 'string')
      return refuse('bad_date', `${name} « ${value} » : ce n’est pas une heure de Paris valide`);
    if (publication.day < earliest || publication.day > latest) {
      return refuse(
        'publication_out_of_range',
        `${name} le ${publication.day} : hors de la période possible (${earliest} – ${latest})`,
      );
    }
  }
  return { ...row, instant: time.instant, day: time.day };
}

/** True when two observations are the same report: same minute, same content. */
export function sameReport(a: ObservationRow, b: ObservationRow): boolean {
  return (
    a.observed_at.slice(0, 16) === b.observed_at.slice(0, 16) &&
    a.observed_at.slice(19) === b.observed_at.slice(19) &&
    a.outcome === b.outcome &&
    a.first_date === b.first_date &&
    a.second_date === b.second_date &&
    a.last_publication === b.last_publication &&
    a.next_publication === b.next_publication
  );
}

/**
 * Reads and validates an observation month file: every row obeys
 * checkObservation, belongs to the file's month (Paris time) and is not a
 * duplicate of an earlier row. Throws a DataError at the first problem.
 */
export function parseObservationFile(
  text: string,
  file: string,
  month: string,
): { header: string[]; observations: Observation[] } {
  const table = parseCsv(text, file);
  requireLeadingColumns(table.header, OBSERVATION_COLUMNS, file);
  const observations: Observation[] = [];
  for (const { line, cells } of table.lines) {
    const record = Object.fromEntries(OBSERVATION_COLUMNS.map((column, index) => [column, cells[index]!]));
    const parsed = observationRowSchema.safeParse(record);
    if (!parsed.success) throw new DataError(file, line, issueReason(parsed.error, record));
    const observation = checkObservation(parsed.data);
    if ('code' in observation) throw new DataError(file, line, `${observation.code}: ${observation.message}`);
    if (observation.day.slice(0, 7) !== month)
      throw new DataError(
        file,
        line,
        `observation of ${observation.day} does not belong in the file of month ${month}`,
      );
    if (observations.some((other) => sameReport(other, observation)))
      throw new DataError(file, line, 'duplicate: same minute and same content as an earlier row');
    observations.push(observation);
  }
  return { header: table.header, observations };
}

/** Formats observations as CSV lines in the file's column order (header not included). */
export function formatObservationLines(
  rows: readonly ObservationRow[],
  columns: readonly string[] = OBSERVATION_COLUMNS,
): string {
  return formatCsv(
    rows.map((row) => columns.map((column) => (row as unknown as Record<string, string>)[column] ?? '')),
  );
}
