import { describe, expect, test } from 'vitest';
import { addDays, isCalendarDay } from '../../src/lib/calendar.ts';
import { attemptPlan, isoWeek } from '../../src/site/toolkit/attempt-plan.ts';
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
