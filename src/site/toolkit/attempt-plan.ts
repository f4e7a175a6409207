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

/** What a wall clock shows: the day (`YYYY-MM-DD`) and the minute (`HH:MM`). */
export interface WallClock {
  day: string;
  time: string;
}

/**
 * The wall clock of an instant in a time zone (in the browser, the person's
 * own): the attempts are floating local times, so « already past » is read on
 * the clock the person will book by, across daylight-saving changes.
 */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** A plan as the planner proposes it at a given moment. */
export interface PlanAt {
  /** The day asked for. */
  wanted: string;
  /** The day the plan starts: the one asked for, or the first from which no attempt is already past. */
  start: string;
  /** The plan starts later than asked, because the first attempt's time had gone by. */
  postponed: boolean;
  attempts: PlannedAttempt[];
}

/**
 * The plan from the day asked for, never proposing a time already past at
 * `now`: a start day before today, or today once the first attempt's time has
 * gone by (the minute itself counts as gone), moves to the first day whose
 * first attempt is still ahead. Every later attempt is on a later day, so it
 * is ahead too.
 */
export function attemptPlanAt(wanted: string, now: WallClock): PlanAt {
  if (!isCalendarDay(wanted)) throw new RangeError(`"${wanted}" is not a day written YYYY-MM-DD`);
  const first = ATTEMPT_SCHEDULE[0]!;
  const earliest = now.time < first.time ? now.day : addDays(now.day, 1);
  const start = wanted < earliest ? earliest : wanted;
  return { wanted, start, postponed: start !== wanted, attempts: attemptPlan(start) };
}
