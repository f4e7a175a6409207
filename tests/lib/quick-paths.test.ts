/**
 * The quick paths of the month-file reader (probe times read from character
 * codes, plain CSV lines split on commas, duplicates and probed hours found
 * without a map while rows go forward in time) must answer exactly what the
 * reference checks answer: these tests hold them together over tricky and
 * generated inputs.
 */
import { describe, expect, test } from 'vitest';
import {
  addMonthsClamped,
  checkedProbeTime,
  formatParisTimestamp,
  parseProbeTime,
  quickProbeTime,
} from '../../src/lib/calendar.ts';
import { parseCsv } from '../../src/lib/csv.ts';
import { monthStatistics } from '../../src/lib/month-statistics.ts';
import { OUTCOMES, isOutcomeCode } from '../../src/lib/outcome.ts';
import { checkedMonthFile, parseMonthFile, quickMonthFile, validateProbe } from '../../src/lib/probe.ts';

const HOUR = 3_600_000;

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('quickProbeTime answers as checkedProbeTime, or leaves the answer to it', () => {
  test.each([
    ['a winter time', '2018-03-01T16:20:25+01:00', true],
    ['a summer time', '2024-07-14T09:05:00+02:00', true],
    ['a leap day', '2024-02-29T12:00:00+01:00', true],
    ['the last second of a year', '2023-12-31T23:59:59+01:00', true],
    ['the first hour of 2000', '2000-01-01T00:00:00+01:00', true],
    ['the hour before clocks go forward', '2024-03-31T01:59:59+01:00', true],
    ['the hour after clocks go forward', '2024-03-31T03:00:00+02:00', true],
    ['the first 02:30 when clocks go back', '2024-10-27T02:30:00+02:00', true],
    ['the second 02:30 when clocks go back', '2024-10-27T02:30:00+01:00', true],
    ['a day of 2099', '2099-06-01T08:00:00+02:00', true],
    ['a time in the spring gap', '2024-03-31T02:30:00+01:00', false],
    ['a winter offset in summer', '2024-07-14T09:05:00+01:00', false],
    ['a summer offset in winter', '2024-01-14T09:05:00+02:00', false],
    ['a day that does not exist', '2023-02-29T12:00:00+01:00', false],
    ['month 13', '2023-13-01T12:00:00+01:00', false],
    ['month 00', '2023-00-01T12:00:00+01:00', false],
    ['day 00', '2023-01-00T12:00:00+01:00', false],
    ['day 32', '2023-01-32T12:00:00+01:00', false],
    ['hour 24', '2023-01-10T24:00:00+01:00', false],
    ['minute 60', '2023-01-10T10:60:00+01:00', false],
    ['a leap second', '2023-01-10T10:00:60+01:00', false],
    ['a year before 2000', '1999-12-31T23:00:00+01:00', false],
    ['a year read as 1950 by Date.UTC', '0050-01-01T00:00:00+01:00', false],
    ['UTC written Z', '2023-01-10T10:00:00Z', false],
    ['a negative offset', '2023-01-10T10:00:00-01:00', false],
    ['a half-hour offset', '2023-01-10T10:00:00+01:30', false],
    ['an offset of +00:00', '2023-01-10T10:00:00+00:00', false],
    ['an offset of +03:00', '2023-01-10T10:00:00+03:00', false],
    ['fractions of a second', '2023-01-10T10:00:00.5+01:00', false],
    ['a space for the T', '2023-01-10 10:00:00+01:00', false],
    ['a letter for a digit', '2023-0a-10T10:00:00+01:00', false],
    ['a character below 0', '2023-01-1/T10:00:00+01:00', false],
    ['a character above 9', '2023-01-1:T10:00:00+01:00', false],
    ['an Arabic-Indic digit', '2023-01-1\u0660T10:00:00+01:00', false],
    ['an empty cell', '', false],
    ['a trailing space', '2023-01-10T10:00:00+01:00 ', false],
  ])('%s: %s', (_name, text, quick) => {
    const answer = quickProbeTime(text);
    expect(answer !== null).toBe(quick);
    if (answer !== null) expect(answer).toEqual(checkedProbeTime(text));
    expect(parseProbeTime(text)).toEqual(checkedProbeTime(text));
  });

  test('every hour of three years, at both offsets, read quickly when valid and as the reference reads it', () => {
    let quick = 0;
    let valid = 0;
    for (let instant = Date.UTC(2023, 0, 1); instant < Date.UTC(2026, 0, 1); instant += HOUR + 61_000) {
      const written = formatParisTimestamp(new Date(instant));
      const other = written.endsWith('+01:00')
        ? written.replace(/\+01:00$/, '+02:00')
        : written.replace(/\+02:00$/, '+01:00');
      for (const text of [written, other]) {
        const answer = quickProbeTime(text);
        if (typeof checkedProbeTime(text) !== 'string') valid += 1;
        if (answer !== null) {
          quick += 1;
          expect(answer).toEqual(checkedProbeTime(text));
        }
      }
      // What the robot writes is always read by the quick path.
      expect(quickProbeTime(written)).toEqual({ ...(checkedProbeTime(written) as object), instant });
    }
    // Every valid time is read quickly, the other offset of the hour the clocks go back included.
    expect(quick).toBe(valid);
  });

  test('random mutations of valid times never make the quick path disagree', () => {
    const next = random(14);
    const alphabet = '0123456789+-:TZ 9';
    for (let round = 0; round < 20_000; round += 1) {
      const chars = [
        ...formatParisTimestamp(
          new Date(Date.UTC(2000, 0, 1) + Math.floor(next() * 40 * 365) * 86_400_000 + Math.floor(next() * 24) * HOUR),
        ),
      ];
      const position = Math.floor(next() * chars.length);
      chars[position] = alphabet[Math.floor(next() * alphabet.length)]!;
      const text = chars.join('');
      const answer = quickProbeTime(text);
      if (answer !== null) expect(answer).toEqual(checkedProbeTime(text));
    }
  });
});

describe('addMonthsClamped remembers its last answers without mixing them up', () => {
  test('alternating days and month counts give the calendar answer', () => {
    const calls: [string, number, string][] = [
      ['2024-01-31', 1, '2024-02-29'],
      ['2024-01-31', 2, '2024-03-31'],
      ['2024-01-31', 1, '2024-02-29'],
      ['2023-01-31', 1, '2023-02-28'],
      ['2024-01-31', 2, '2024-03-31'],
      ['2023-12-31', 2, '2024-02-29'],
      ['2023-12-31', 1, '2024-01-31'],
      ['2023-12-31', -1, '2023-11-30'],
      ['2023-12-31', 1, '2024-01-31'],
    ];
    expect(calls.map(([day, months]) => addMonthsClamped(day, months))).toEqual(calls.map(([, , later]) => later));
  });
});

describe('plain CSV files are split on commas with the same verdicts', () => {
  test.each([
    ['a plain file', 'a,b\n1,2\n', null],
    [
      'a plain line longer than a cell may be',
      `a,b\n${'x'.repeat(2001)},2\n`,
      'f.csv:2: the cell in column 1 is 2,001 characters long',
    ],
    ['a plain line of exactly a cell', `a,b\n${'x'.repeat(1999)},\n`, null],
    ['a quote elsewhere in the file', 'a,b\n"1",2\n3,4\n', null],
    [
      'a control character elsewhere in the file',
      'a,b\n1,\u0007\n3,4\n',
      'f.csv:2: the control character U+0007 in column 2',
    ],
    ['a CRLF file', 'a,b\r\n1,2\r\n', null],
    ['a C1 control character', 'a,b\n1,\u0085\n', 'f.csv:2: the control character U+0085 in column 2'],
    ['a wrong number of cells', 'a,b\n1,2,3\n', 'f.csv:2: expected 2 cells as in the header, found 3'],
  ])('%s', (_name, text, message) => {
    if (message === null) {
      expect(parseCsv(text, 'f.csv').lines.map((line) => line.cells)).toEqual(
        text
          .trim()
          .split(/\r?\n/)
          .slice(1)
          .map((line) => line.replaceAll('"', '').split(',')),
      );
    } else {
      expect(() => parseCsv(text, 'f.csv')).toThrow(message);
    }
  });
});

const HEADER = 'probed_at,outcome,first_date,second_date,detail,evidence_sha256';

describe('duplicates and probed hours when rows go back in time', () => {
  test.each([
    [
      'a duplicate right after its twin',
      ['2024-03-01T10:00:00+01:00', '2024-03-01T10:00:00+01:00'],
      '2024-03.csv:3: duplicate probe: same instant as line 2',
    ],
    [
      'a duplicate of an earlier row after going back',
      [
        '2024-03-01T10:00:00+01:00',
        '2024-03-01T12:00:00+01:00',
        '2024-03-01T11:00:00+01:00',
        '2024-03-01T10:00:00+01:00',
      ],
      '2024-03.csv:5: duplicate probe: same instant as line 2',
    ],
    [
      'a duplicate of a row that came after going back',
      [
        '2024-03-01T12:00:00+01:00',
        '2024-03-01T11:00:00+01:00',
        '2024-03-01T13:00:00+01:00',
        '2024-03-01T13:00:00+01:00',
      ],
      '2024-03.csv:5: duplicate probe: same instant as line 4',
    ],
    [
      'one instant written with both offsets',
      ['2024-10-27T02:00:00+01:00', '2024-10-27T03:00:00+02:00'],
      '2024-10.csv:3: probed_at "2024-10-27T03:00:00+02:00": is not a Paris local time (Paris was at +01:00 then)',
    ],
  ])('%s', (_name, times, message) => {
    const month = times[0]!.slice(0, 7);
    const text = `${HEADER}\n${times.map((time) => `${time},none,,,,ab`).join('\n')}\n`;
    expect(() => parseMonthFile(text, `${month}.csv`, month)).toThrow(message);
  });

  test('rows out of order are accepted and counted once per hour', () => {
    const times = [
      '2024-03-01T12:10:00+01:00',
      '2024-03-01T10:00:00+01:00',
      '2024-03-01T12:20:00+01:00',
      '2024-03-01T10:30:00+01:00',
      '2024-03-01T11:00:00+01:00',
      '2024-03-01T13:00:00+01:00',
    ];
    const text = `${HEADER}\n${times.map((time) => `${time},none,,,,ab`).join('\n')}\n`;
    const { probes } = parseMonthFile(text, '2024-03.csv', '2024-03');
    expect(probes.map((probe) => probe.probedAt)).toEqual(times);
    expect(monthStatistics('2024-03', probes).probedHours).toBe(4);
    expect(
      monthStatistics(
        '2024-03',
        [...probes].sort((a, b) => a.instant - b.instant),
      ).probedHours,
    ).toBe(4);
  });
});

describe('extra columns of a month file', () => {
  test.each([
    ['none', 'probed_at,outcome,first_date,second_date,detail', '', {}],
    ['the evidence column', HEADER, ',ab', { evidence_sha256: 'ab' }],
    ['two columns', `${HEADER},note`, ',ab,cd', { evidence_sha256: 'ab', note: 'cd' }],
    [
      'a column named __proto__',
      'probed_at,outcome,first_date,second_date,detail,__proto__',
      ',x',
      { ['__proto__']: 'x' },
    ],
  ])('%s', (_name, header, cells, extra) => {
    const { probes } = parseMonthFile(
      `${header}\n2024-03-01T10:00:00+01:00,none,,,${cells}\n`,
      '2024-03.csv',
      '2024-03',
    );
    expect(Object.entries(probes[0]!.extra)).toEqual(Object.entries(extra));
    expect(Object.getPrototypeOf(probes[0]!.extra)).toBe(Object.prototype);
  });
});

describe('quickMonthFile answers as checkedMonthFile, or leaves the file to it', () => {
  const SHA = 'ab'.repeat(32);
  /** A valid month file as the robot writes it: hourly probes of March 2024 (clocks go forward on the 31st). */
  function robotFile(next: () => number, evidence: boolean): string {
    const lines = [evidence ? HEADER : 'probed_at,outcome,first_date,second_date,detail'];
    for (let instant = Date.UTC(2024, 2, 1); instant < Date.UTC(2024, 2, 31, 22); instant += HOUR) {
      if (next() < 0.05) continue;
      const draw = next();
      const [outcome, first, second, detail] =
        draw < 0.7
          ? ['none', '', '', '']
          : draw < 0.8
            ? ['slots', '2024-04-02', next() < 0.5 ? '2024-05-20' : '', '']
            : draw < 0.9
              ? ['timeout', '', '', 'no answer in 30 s']
              : ['captcha', '', '', ''];
      const time = formatParisTimestamp(new Date(instant + Math.floor(next() * 60) * 60_000));
      lines.push([time, outcome, first, second, detail, ...(evidence ? [SHA] : [])].join(','));
    }
    return `${lines.join('\n')}\n`;
  }

  const TRICKY = ['"', ',', '\r', '\n', '\t', '\u0085', '\u0000', '0', '9', 'x', ' ', '+', '-', ':', 'é'];

  /** One random change a hand or a broken tool could make to a file. */
  function mutate(text: string, next: () => number): string {
    const lines = text.split('\n');
    const line = 1 + Math.floor(next() * (lines.length - 2));
    const position = Math.floor(next() * text.length);
    switch (Math.floor(next() * 8)) {
      case 0:
        return text.slice(0, position) + TRICKY[Math.floor(next() * TRICKY.length)]! + text.slice(position + 1);
      case 1:
        return text.slice(0, position) + TRICKY[Math.floor(next() * TRICKY.length)]! + text.slice(position);
      case 2:
        return text.slice(0, position) + text.slice(position + 1);
      case 3:
        return [...lines.slice(0, line + 1), lines[line]!, ...lines.slice(line + 1)].join('\n');
      case 4:
        return [...lines.slice(0, line), lines[line + 1]!, lines[line]!, ...lines.slice(line + 2)].join('\n');
      case 5:
        return [...lines.slice(0, line), '', ...lines.slice(line)].join('\n');
      case 6:
        return next() < 0.5 ? `\ufeff${text}` : text.replaceAll('\n', '\r\n');
      default:
        return text.replace(/,captcha,/, ',solver_down,');
    }
  }

  test('over generated files and their mutations', () => {
    const next = random(2024);
    let quick = 0;
    let checked = 0;
    for (let round = 0; round < 200; round += 1) {
      const original = robotFile(next, next() < 0.8);
      const limits =
        next() < 0.5
          ? undefined
          : {
              latestInstant: Date.UTC(2024, 2, 20 + Math.floor(next() * 15)),
              earliestDay: `2024-03-0${1 + Math.floor(next() * 3)}`,
              sinceLine: 2,
            };
      if (limits === undefined) expect(quickMonthFile(original, '2024-03')).not.toBeNull();
      let text = original;
      for (let change = Math.floor(next() * 3); change >= 0; change -= 1) text = mutate(text, next);
      for (const [month, candidate] of [
        ['2024-03', original],
        ['2024-03', text],
        ['2024-04', text],
      ] as const) {
        const answer = quickMonthFile(candidate, month, limits);
        if (answer === null) continue;
        quick += 1;
        expect(answer).toEqual(checkedMonthFile(candidate, `${month}.csv`, month, limits));
        // parseMonthFile gives the same, whichever path read the file.
        expect(parseMonthFile(candidate, `${month}.csv`, month, limits)).toEqual(answer);
      }
      try {
        checkedMonthFile(text, '2024-03.csv', '2024-03', limits);
      } catch (error) {
        checked += 1;
        expect(() => parseMonthFile(text, '2024-03.csv', '2024-03', limits)).toThrow((error as Error).message);
      }
    }
    // Both paths were exercised: files read quickly, mutations refused by the reference.
    expect(quick).toBeGreaterThan(100);
    expect(checked).toBeGreaterThan(50);
  });
});

describe('a known outcome is accepted without asking the outcome schemas', () => {
  test.each(OUTCOMES)('%s is a well-formed code, accepted by the robot and by readers', (outcome) => {
    expect(isOutcomeCode(outcome)).toBe(true);
    const row = {
      probed_at: '2024-03-01T10:00:00+01:00',
      outcome,
      first_date: outcome === 'slots' ? '2024-03-02' : '',
    };
    expect(typeof validateProbe(row)).toBe('object');
    expect(typeof validateProbe(row, { acceptFutureCodes: true })).toBe('object');
  });
});
