/**
 * Calendar days as `YYYY-MM-DD` strings and Europe/Paris clock arithmetic.
 *
 * Days are kept as ISO strings rather than Date objects: they sort and compare
 * as text, they print as written in the data, and no time zone can shift them.
 */

/** The time zone of every prefecture clock the project reports (metropolitan France). */
export const PARIS_TIME_ZONE = 'Europe/Paris';

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Number of days in a month (month 1–12), leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a well-formed and existing calendar day such as `2024-02-29`. */
export function isCalendarDay(text: string): boolean {
  const match = DAY_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The same day `months` calendar months later, clamped to the last day of the
 * target month: 31 January + 1 month is 28 or 29 February, as a person reading
 * "within a month" on a calendar would count it.
 */
export function addMonthsClamped(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const targetDay = Math.min(date, daysInMonth(targetYear, targetMonth));
  return `${targetYear}-${pad(targetMonth)}-${pad(targetDay)}`;
}

/** The month `YYYY-MM` that follows or precedes `month` by `count` months. */
export function addMonths(month: string, count: number): string {
  return addMonthsClamped(`${month}-01`, count).slice(0, 7);
}

/** Every day of a `YYYY-MM` month, in order. */
export function daysOfMonth(month: string): string[] {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: daysInMonth(year, monthNumber) }, (_, index) => `${month}-${pad(index + 1)}`);
}

export function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Wall-clock fields of an instant on a Paris clock. */
export interface ParisClock {
  /** Local day, `YYYY-MM-DD`. */
  day: string;
  /** Local time, `HH:MM:SS`. */
  time: string;
  /** Offset from UTC in minutes (60 in winter, 120 in summer). */
  offsetMinutes: number;
}

/** Reads an instant on a Paris clock, as a person at the prefecture would have. */
export function parisClock(instant: Date): ParisClock {
  const parts = Object.fromEntries(parisParts.formatToParts(instant).map((part) => [part.type, part.value]));
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}:${parts.second}`;
  const asUtc = Date.parse(`${day}T${time}Z`);
  const offsetMinutes = Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
  return { day, time, offsetMinutes };
}

/** Formats an offset in minutes as `+01:00`. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/**
 * The ISO 8601 local Paris time of an instant with its offset, to the second,
 * e.g. `2018-03-01T16:20:25+01:00`: the form probes are recorded in, so that
 * the file reads as the prefecture's clock while every row stays an exact instant.
 */
export function formatParisTimestamp(instant: Date): string {
  const clock = parisClock(instant);
  return `${clock.day}T${clock.time}${formatOffset(clock.offsetMinutes)}`;
}

const TIMESTAMP_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;

/** A probe time as read from the data: its exact instant and its Paris wall clock. */
export interface ProbeTime {
  /** Milliseconds since the epoch: what identifies a probe. */
  instant: number;
  /** Local Paris day of the probe, `YYYY-MM-DD`. */
  day: string;
  /** Local Paris time, `HH:MM:SS`. */
  time: string;
}

/**
 * Parses a recorded probe time. Returns a reason string when the text is not
 * an existing Paris local time with the offset Paris had at that instant: a
 * row written with another offset would put the probe on another local day
 * than the one printed, and the colour depends on that day.
 */
export function parseProbeTime(text: string): ProbeTime | string {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (!match) return `"${text}" is not a time like 2018-03-01T16:20:25+01:00`;
  const [, day, hours, minutes, seconds, sign, offsetHours, offsetMinutes] = match as unknown as string[];
  if (!isCalendarDay(day!) || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) {
    return `"${text}" is not an existing date and time`;
  }
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const instant = Date.parse(`${day}T${hours}:${minutes}:${seconds}Z`) - offset * 60000;
  const clock = parisClock(new Date(instant));
  if (clock.day !== day || clock.time !== `${hours}:${minutes}:${seconds}`) {
    return `"${text}" is not a Paris local time (Paris was at ${formatOffset(clock.offsetMinutes)} then)`;
  }
  return { instant, day: day!, time: clock.time };
}
