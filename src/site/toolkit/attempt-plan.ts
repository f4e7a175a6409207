/**
 * The attempt plan of « Planifier mes tentatives »: five booking attempts
 * spread over three weeks, on different weekdays and at different hours.
 *
 * Judges want « plusieurs tentatives n'ayant pas été effectuées la même
 * semaine » (CE, 10 juin 2020, n° 435594), and the guide « Garder la preuve »
 * asks for three to five attempts over more than a week, at varied days and
 * hours. Five attempts in 20 days cannot all sit in different ISO weeks, so the
 * plan guarantees what can be: whatever the start day, the attempts fall in at
 * least three different weeks, never more than two in one week, on five
 * different weekdays and at five different hours (morning, noon, evening).
 */
import { addDays, isCalendarDay, isoWeek } from '../../lib/calendar.ts';

/** One planned attempt: its number, its day (`YYYY-MM-DD`) and local time (`HH:MM`). */
export interface PlannedAttempt {
  number: number;
  day: string;
  time: string;
}

/**
 * Days after the start and local times of the five attempts. The offsets are
 * distinct modulo 7 (0, 3, 1, 6, 5), so the weekdays all differ.
 */
export const ATTEMPT_SCHEDULE: readonly { offset: number; time: string }[] = [
  { offset: 0, time: '09:15' },
  { offset: 3, time: '12:30' },
  { offset: 8, time: '17:45' },
  { offset: 13, time: '11:00' },
  { offset: 19, time: '14:30' },
];

/** The ISO week of a day, from the calendar module (re-exported for the toolkit's callers). */
export { isoWeek };

/** The five attempts planned from a start day. */
export function attemptPlan(start: string): PlannedAttempt[] {
  if (!isCalendarDay(start)) throw new RangeError(`"${start}" is not a day written YYYY-MM-DD`);
  return ATTEMPT_SCHEDULE.map(({ offset, time }, index) => ({ number: index + 1, day: addDays(start, offset), time }));
}
