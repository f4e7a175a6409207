import { describe, expect, test } from 'vitest';
import { addDays, isCalendarDay } from '../../src/lib/calendar.ts';
import { attemptPlan, attemptPlanAt, isoWeek, wallClock } from '../../src/site/toolkit/attempt-plan.ts';
import { attemptCalendar, escapeText, foldLine, localDateTime } from '../../src/site/toolkit/ics.ts';
import { parseCalendar, unescapeText } from './toolkit-support.ts';

describe('ISO weeks and days', () => {
  test.each([
    ['2018-01-01', '2018-W01'], // a Monday
    ['2017-12-31', '2017-W52'], // Sunday before
    ['2020-12-31', '2020-W53'], // 2020 has 53 weeks
    ['2021-01-03', '2020-W53'], // early January in the previous year's last week
    ['2024-12-30', '2025-W01'], // late December in next year's first week
    ['2026-11-27', '2026-W48'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeek(day)).toBe(week);
  });

  test.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['1/03/2018', false],
    ['', false],
  ])('isCalendarDay(%j) is %s', (text, expected) => {
    expect(isCalendarDay(text)).toBe(expected);
  });

  test('adds days across months, years and the clock change', () => {
    expect(addDays('2018-03-24', 2)).toBe('2018-03-26');
    expect(addDays('2017-12-25', 19)).toBe('2018-01-13');
  });
});

describe('the attempt plan', () => {
  // Every weekday as a start: 2018-03-05 is a Monday.
  const starts = Array.from({ length: 7 }, (_, index) => addDays('2018-03-05', index));

  test.each(starts)('from %s: five attempts over three weeks, never all in one week', (start) => {
    const plan = attemptPlan(start);
    expect(plan.map((attempt) => attempt.number)).toEqual([1, 2, 3, 4, 5]);
    expect(plan[0]!.day).toBe(start);
    // Within three weeks of the start, in order.
    expect(plan.at(-1)!.day <= addDays(start, 20)).toBe(true);
    expect([...plan.map((attempt) => attempt.day)].sort()).toEqual(plan.map((attempt) => attempt.day));
    // At least three different ISO weeks, never more than two attempts in one.
    const weeks = plan.map((attempt) => isoWeek(attempt.day));
    expect(new Set(weeks).size).toBeGreaterThanOrEqual(3);
    for (const week of weeks) expect(weeks.filter((other) => other === week).length).toBeLessThanOrEqual(2);
    // Five different weekdays and five different hours.
    expect(new Set(plan.map((attempt) => new Date(`${attempt.day}T00:00:00Z`).getUTCDay())).size).toBe(5);
    expect(new Set(plan.map((attempt) => attempt.time.slice(0, 2))).size).toBe(5);
  });

  test('refuses a start that is not a day', () => {
    expect(() => attemptPlan('2018-02-30')).toThrow(RangeError);
  });
});

describe('the plan never proposes a time already past', () => {
  test.each([
    // Instant, time zone, the wall clock read there.
    ['2018-03-05T08:14:59Z', 'Europe/Paris', { day: '2018-03-05', time: '09:14' }],
    ['2018-03-05T23:30:00Z', 'Europe/Paris', { day: '2018-03-06', time: '00:30' }], // past midnight in Paris, not in UTC
    ['2018-03-25T00:59:00Z', 'Europe/Paris', { day: '2018-03-25', time: '01:59' }], // just before clocks go forward
    ['2018-03-25T01:00:00Z', 'Europe/Paris', { day: '2018-03-25', time: '03:00' }], // 02:00 never shows
    ['2018-10-28T00:30:00Z', 'Europe/Paris', { day: '2018-10-28', time: '02:30' }], // 02:30 summer time…
    ['2018-10-28T01:30:00Z', 'Europe/Paris', { day: '2018-10-28', time: '02:30' }], // …and again in winter time
    ['2018-03-05T03:00:00Z', 'America/Cayenne', { day: '2018-03-05', time: '00:00' }],
    ['2018-03-05T20:30:00Z', 'Indian/Reunion', { day: '2018-03-06', time: '00:30' }],
  ])('%s in %s reads %o', (instant, timeZone, clock) => {
    expect(wallClock(new Date(instant), timeZone)).toEqual(clock);
  });

  test.each([
    // Asked for, now (wall clock), the start proposed. The first attempt is at 09:15.
    ['today, early morning', '2018-03-05', { day: '2018-03-05', time: '07:00' }, '2018-03-05'],
    ['today, a minute before', '2018-03-05', { day: '2018-03-05', time: '09:14' }, '2018-03-05'],
    ['today, at the very minute', '2018-03-05', { day: '2018-03-05', time: '09:15' }, '2018-03-06'],
    ['today, late evening', '2018-03-05', { day: '2018-03-05', time: '23:59' }, '2018-03-06'],
    ['a past day, in the morning', '2018-03-01', { day: '2018-03-05', time: '08:00' }, '2018-03-05'],
    ['a past day, in the evening', '2018-03-01', { day: '2018-03-05', time: '21:00' }, '2018-03-06'],
    ['tomorrow, late evening', '2018-03-06', { day: '2018-03-05', time: '23:59' }, '2018-03-06'],
    ['a later day', '2018-04-02', { day: '2018-03-05', time: '21:00' }, '2018-04-02'],
    ['the day clocks go forward, after 3:00', '2018-03-25', { day: '2018-03-25', time: '03:00' }, '2018-03-25'],
    ['the day clocks go back, late evening', '2018-10-28', { day: '2018-10-28', time: '22:00' }, '2018-10-29'],
    ['the last evening of a year', '2018-12-31', { day: '2018-12-31', time: '20:00' }, '2019-01-01'],
  ])('%s: %s asked at %o starts on %s', (_case, wanted, now, start) => {
    const plan = attemptPlanAt(wanted, now);
    expect(plan.start).toBe(start);
    expect(plan.postponed).toBe(start !== wanted);
    expect(plan.attempts).toEqual(attemptPlan(start));
    for (const attempt of plan.attempts) expect(`${attempt.day}T${attempt.time}` > `${now.day}T${now.time}`).toBe(true);
  });

  test.each([
    // A whole evening and night in Paris, at the autumn clock change: every plan lies ahead.
    ...Array.from({ length: 12 }, (_, index) => new Date(Date.parse('2018-10-27T16:00:00Z') + index * 1_800_000)),
    ...Array.from({ length: 12 }, (_, index) => new Date(Date.parse('2018-03-24T16:00:00Z') + index * 1_800_000)),
  ])('at %s, the plan from today in Paris lies ahead of the Paris clock', (instant) => {
    const now = wallClock(instant, 'Europe/Paris');
    const plan = attemptPlanAt(now.day, now);
    expect(`${plan.attempts[0]!.day}T${plan.attempts[0]!.time}` > `${now.day}T${now.time}`).toBe(true);
  });

  test('refuses a day asked for that is not a day', () => {
    expect(() => attemptPlanAt('2018-02-30', { day: '2018-02-01', time: '08:00' })).toThrow(RangeError);
  });
});

describe('iCalendar text', () => {
  test.each([
    ['a, b; c\\d', 'a\\, b\\; c\\\\d'],
    ['ligne 1\nligne 2', 'ligne 1\\nligne 2'],
    ['préfecture', 'préfecture'],
  ])('escapes %j', (text, escaped) => {
    expect(escapeText(text)).toBe(escaped);
    expect(unescapeText(escaped)).toBe(text);
  });

  test.each([
    ['short', 10],
    ['ascii', 200],
    ['two-octet characters', 150],
    ['mixed with euro signs', 120],
  ])('folds %s lines at 75 octets without splitting a character', (kind, length) => {
    const unit = kind === 'ascii' || kind === 'short' ? 'a' : kind === 'two-octet characters' ? 'é' : 'x€é';
    const line = `DESCRIPTION:${unit.repeat(length)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    for (const part of physical) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(physical.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(physical.map((part, index) => (index === 0 ? part : part.slice(1))).join('')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
  });

  test('writes floating local times', () => {
    expect(localDateTime('2018-03-05', '09:15')).toBe('20180305T091500');
  });
});

describe('the calendar of five attempts', () => {
  const plan = attemptPlan('2018-03-05');
  const text = attemptCalendar(plan, {
    now: new Date('2018-03-05T07:00:00Z'),
    uidSeed: 'abc123',
    bookingUrl: 'https://www.seine-saint-denis.gouv.fr/booking/create/9829',
    procedureLabel: 'Demande d’admission exceptionnelle au séjour — Préfecture de Bobigny',
  });
  const calendar = parseCalendar(text);
  const events = calendar.children.filter((child) => child.name === 'VEVENT');
  const first = (component: (typeof events)[number], name: string) => component.properties.get(name)?.[0];

  test('is a VCALENDAR 2.0 with five VEVENTs, each with UID, DTSTAMP and an alarm', () => {
    expect(calendar.name).toBe('VCALENDAR');
    expect(first(calendar, 'VERSION')).toBe('2.0');
    expect(first(calendar, 'PRODID')).toBeTruthy();
    expect(events).toHaveLength(5);
    const uids = events.map((event) => first(event, 'UID'));
    expect(new Set(uids).size).toBe(5);
    for (const event of events) {
      expect(first(event, 'DTSTAMP')).toBe('20180305T070000Z');
      expect(event.children.map((child) => child.name)).toEqual(['VALARM']);
      expect(first(event.children[0]!, 'ACTION')).toBe('DISPLAY');
      expect(first(event.children[0]!, 'TRIGGER')).toBe('-PT10M');
    }
  });

  test('puts each attempt at its planned local time, numbered n/5', () => {
    expect(events.map((event) => first(event, 'DTSTART'))).toEqual(
      plan.map((attempt) => localDateTime(attempt.day, attempt.time)),
    );
    expect(events.map((event) => first(event, 'DTSTART'))).toEqual([
      '20180305T091500',
      '20180308T123000',
      '20180313T174500',
      '20180318T110000',
      '20180324T143000',
    ]);
    expect(events.map((event) => unescapeText(first(event, 'SUMMARY')!))).toEqual(
      [1, 2, 3, 4, 5].map((number) => `Tentative de prise de rendez-vous en préfecture (${number}/5)`),
    );
    expect(first(events[0]!, 'DTEND')).toBe('20180305T093000');
  });

  test('describes the steps: booking page, screenshot with date and time, note the result', () => {
    const description = unescapeText(first(events[0]!, 'DESCRIPTION')!);
    expect(description).toContain('https://www.seine-saint-denis.gouv.fr/booking/create/9829');
    expect(description).toContain('la date, l’heure');
    expect(description).toContain('Notez le résultat');
    expect(description).toContain('Préfecture de Bobigny');
  });

  test('folds long lines (the description) and ends every line with CRLF', () => {
    expect(text.split('\r\n').some((line) => line.startsWith(' '))).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  test('works without a chosen procedure', () => {
    const bare = parseCalendar(attemptCalendar(plan, { now: new Date('2018-03-05T07:00:00Z'), uidSeed: 'x' }));
    const event = bare.children.find((child) => child.name === 'VEVENT')!;
    expect(event.properties.has('URL')).toBe(false);
    expect(unescapeText(first(event, 'DESCRIPTION')!)).toContain('le site de la préfecture');
  });
});
