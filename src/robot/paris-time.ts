/**
 * Europe/Paris clock arithmetic the robot needs beyond src/lib/calendar.ts:
 * from an instant to its Paris day and time, and back. Slot timestamps on the
 * booking sites are Unix seconds; the data record Paris days.
 */
import { pad, parisClock } from '../lib/calendar.ts';

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
    if (clock.offsetMinutes === offsetMinutes && `${clock.day}T${clock.time}` === new Date(asUtc).toISOString().slice(0, 19)) {
      return candidate;
    }
  }
  return new Date(asUtc - 60 * 60_000);
}

/** Formats minutes since midnight as `HH:MM`. */
export function formatMinutes(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
