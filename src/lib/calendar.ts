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
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const dayStarts = new Map<string, number>();

/**
 * Milliseconds at UTC midnight of a `YYYY-MM-DD` day, or NaN when the day does
 * not exist. Memoised: data files repeat the same few hundred days millions
 * of times.
 */
function dayStartUtc(text: string): number {
  let start = dayStarts.get(text);
  if (start === undefined) {
    const match = DAY_PATTERN.exec(text);
    const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
    start =
      match && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
        ? Date.UTC(year, month - 1, day)
        : Number.NaN;
    if (dayStarts.size > 200_000) dayStarts.clear();
    dayStarts.set(text, start);
  }
  return start;
}

/** True for a well-formed and existing calendar day such as `2024-02-29`. */
export function isCalendarDay(text: string): boolean {
  return !Number.isNaN(dayStartUtc(text));
}

/**
 * The same day `months` calendar months later, clamped to the last day of the
 * target month: 31 January + 1 month is 28 or 29 February, as a person reading
 * "within a month" on a calendar would count it.
 */
export function addMonthsClamped(day: string, months: number): string {
  // Probes come day by day and ask for one and two months later: two slots
  // answer most calls without building a key.
  if (months === 1 && day === lastOneMonth.day) return lastOneMonth.later;
  if (months === 2 && day === lastTwoMonths.day) return lastTwoMonths.later;
  const later = rememberedAddMonthsClamped(day, months);
  if (months === 1) lastOneMonth = { day, later };
  if (months === 2) lastTwoMonths = { day, later };
  return later;
}

let lastOneMonth = { day: '', later: '' };
let lastTwoMonths = { day: '', later: '' };

function rememberedAddMonthsClamped(day: string, months: number): string {
  const key = `${day}+${months}`;
  let result = laterDays.get(key);
  if (result === undefined) {
    result = computeAddMonthsClamped(day, months);
    if (laterDays.size > 200_000) laterDays.clear();
    laterDays.set(key, result);
  }
  return result;
}

const laterDays = new Map<string, string>();

function computeAddMonthsClamped(day: string, months: number): string {
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
function formatOffset(offsetMinutes: number): string {
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
 * Parses a recorded probe time. Returns the reason (to follow the quoted text) when it is not
 * an existing Paris local time with the offset Paris had at that instant: a
 * row written with another offset would put the probe on another local day
 * than the one printed, and the colour depends on that day.
 */
export function parseProbeTime(text: string): ProbeTime | string {
  return quickProbeTime(text) ?? checkedProbeTime(text);
}

/**
 * The reference reading of a probe time (the pattern, the calendar, Paris's
 * offset): every time quickProbeTime cannot vouch for comes here, so every
 * refusal is worded by this one function.
 */
export function checkedProbeTime(text: string): ProbeTime | string {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (!match) return 'is not a time like 2018-03-01T16:20:25+01:00';
  const [, day, hours, minutes, seconds, sign, offsetHours, offsetMinutes] = match as unknown as string[];
  const dayStart = dayStartUtc(day!);
  if (Number.isNaN(dayStart) || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) {
    return 'is not an existing date and time';
  }
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const instant = dayStart + ((Number(hours) * 60 + Number(minutes) - offset) * 60 + Number(seconds)) * 1000;
  // The written clock is Paris's exactly when the written offset is the one
  // Paris had at that instant.
  const parisOffset = parisOffsetMinutes(instant);
  if (parisOffset !== offset) {
    return `is not a Paris local time (Paris was at ${formatOffset(parisOffset)} then)`;
  }
  return { instant, day: day!, time: `${hours}:${minutes}:${seconds}` };
}

const HOUR = 3_600_000;
const ZERO = 0x30;

/** The digit at `index`, or a number above 9 when there is none (a character below 0 wraps around). */
function digitAt(text: string, index: number): number {
  return (text.charCodeAt(index) - ZERO) >>> 0;
}

/** The number written by two digits from `start` (100 or more when one is not a digit). */
function twoDigits(text: string, start: number): number {
  const tens = digitAt(text, start);
  const units = digitAt(text, start + 1);
  return tens > 9 || units > 9 ? 100 : tens * 10 + units;
}

/** Days in a month of the Gregorian calendar (month 1–12). */
function monthLength(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * The day quickProbeInstant read last (files run day by day): its key (year ×
 * 10,000 + month × 100 + day), its UTC midnight, and Paris's offset in
 * minutes throughout the UTC hours from 2 h before to 24 h after that
 * midnight (every hour a Paris day can span), or null on a day the clocks
 * change. Clocks change twice a year, months apart, so the same offset at
 * both ends means no change in between.
 */
const lastDay: { key: number; start: number; offset: number | null } = { key: -1, start: 0, offset: null };

/**
 * The common case of parseProbeTime read from character codes, without a
 * regular expression, a match array or a map: an existing time from the year
 * 2000 on, written `+01:00` or `+02:00`, that is a Paris local time. Null
 * when it cannot vouch for the text (malformed, impossible, another offset,
 * earlier than 2000); checkedProbeTime then decides and words the refusal.
 * Whenever it answers, it answers what checkedProbeTime would (a test holds
 * them together). It runs for every row of every month file.
 */
export function quickProbeTime(text: string): ProbeTime | null {
  const instant = quickProbeInstant(text);
  return Number.isNaN(instant) ? null : { instant, day: text.slice(0, 10), time: text.slice(11, 19) };
}

/**
 * The instant of quickProbeTime without the object (NaN where it returns
 * null): its Paris day and time are the text's first ten characters and
 * characters 12 to 19.
 */
export function quickProbeInstant(text: string): number {
  if (
    text.length !== 25 ||
    text.charCodeAt(4) !== 0x2d || // -
    text.charCodeAt(7) !== 0x2d ||
    text.charCodeAt(10) !== 0x54 || // T
    text.charCodeAt(13) !== 0x3a || // :
    text.charCodeAt(16) !== 0x3a ||
    text.charCodeAt(19) !== 0x2b || // +
    text.charCodeAt(20) !== ZERO ||
    text.charCodeAt(22) !== 0x3a ||
    text.charCodeAt(23) !== ZERO ||
    text.charCodeAt(24) !== ZERO
  ) {
    return Number.NaN;
  }
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const year = century * 100 + yearOfCentury;
  const month = twoDigits(text, 5);
  const date = twoDigits(text, 8);
  const hours = twoDigits(text, 11);
  const minutes = twoDigits(text, 14);
  const seconds = twoDigits(text, 17);
  const offsetHours = text.charCodeAt(21) - ZERO;
  if (
    century < 20 ||
    century > 99 ||
    yearOfCentury > 99 ||
    month < 1 ||
    month > 12 ||
    date < 1 ||
    date > monthLength(year, month) ||
    hours > 23 ||
    minutes > 59 ||
    seconds > 59 ||
    (offsetHours !== 1 && offsetHours !== 2)
  ) {
    return Number.NaN;
  }
  const dayKey = year * 10_000 + month * 100 + date;
  if (dayKey !== lastDay.key) {
    const start = Date.UTC(year, month - 1, date);
    const first = parisOffsetMinutes(start - 2 * HOUR);
    lastDay.key = dayKey;
    lastDay.start = start;
    lastDay.offset = first === parisOffsetMinutes(start + 24 * HOUR) ? first : null;
  }
  const hourStart = lastDay.start + (hours - offsetHours) * HOUR;
  if ((lastDay.offset ?? parisOffsetMinutes(hourStart)) !== offsetHours * 60) return Number.NaN;
  return hourStart + (minutes * 60 + seconds) * 1000;
}

const offsetsByHour = new Map<number, number>();

/**
 * Paris's offset from UTC at an instant, in minutes. Clocks in Paris change
 * on the hour (UTC), so the answer is cached per UTC hour: validating millions
 * of hourly probes then asks Intl once per hour of history, not once per row.
 */
function parisOffsetMinutes(instant: number): number {
  const hour = Math.floor(instant / HOUR);
  let offset = offsetsByHour.get(hour);
  if (offset === undefined) {
    if (offsetsByHour.size > 500_000) offsetsByHour.clear();
    offset = parisClock(new Date(hour * HOUR)).offsetMinutes;
    offsetsByHour.set(hour, offset);
  }
  return offset;
}

/** The Paris local day `YYYY-MM-DD` of an instant. */
export function parisDay(instant: Date): string {
  return parisClock(instant).day;
}

/** The Paris local time `HH:MM` of an instant. */
export function parisMinute(instant: Date): string {
  return parisClock(instant).time.slice(0, 5);
}

/** The day `count` days after `day` (negative counts go back). */
export function addDays(day: string, count: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + count)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The Monday of the week holding `day` (weeks on the booking sites start on Monday). */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/**
 * The ISO 8601 week of a day, as `YYYY-Www` (weeks start on Monday; week 1
 * holds the year's first Thursday, so 31 December can be in week 1 of the next
 * year and 1 January in week 53 of the last). "The same week" in the judges' sense.
 */
export function isoWeek(day: string): string {
  const thursday = addDays(mondayOf(day), 3);
  const year = Number(thursday.slice(0, 4));
  return `${year}-W${pad(Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1)}`;
}

/**
 * The instant of a Paris wall-clock time, e.g. `2026-05-19` at `09:30`. In the
 * autumn hour that happens twice the earlier instant is returned; a time that
 * does not exist (spring gap) is read as if the clocks had not changed yet.
 */
export function parisInstant(day: string, time: string): Date {
  const asUtc = Date.parse(`${day}T${time.length === 5 ? `${time}:00` : time}Z`);
  // Paris is UTC+1 or UTC+2: try the winter offset first, then the summer one.
  for (const offsetMinutes of [120, 60]) {
    const candidate = new Date(asUtc - offsetMinutes * 60_000);
    const clock = parisClock(candidate);
    if (
      clock.offsetMinutes === offsetMinutes &&
      `${clock.day}T${clock.time}` === new Date(asUtc).toISOString().slice(0, 19)
    ) {
      return candidate;
    }
  }
  return new Date(asUtc - 60 * 60_000);
}

/** Formats minutes since midnight as `HH:MM`. */
export function formatMinutes(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
