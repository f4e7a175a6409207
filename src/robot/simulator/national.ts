/**
 * The national catalogue: any number of simulated procedures over every
 * department, each living one of the situations the project sees (a counter
 * that never opens, bursts of dates on some weekday mornings, dates always
 * months away, an agenda opened exactly one month ahead, a site often down, a
 * service that degrades, the captcha platform, weeks of blocking, a week of
 * maintenance, a procedure that starts late or moves away and stops). The
 * benchmark's dataset is this catalogue run through the scenario model
 * (model.ts), so its rows are what the robot would record probing the
 * simulator, without HTTP. Everything is a pure function of the virtual time,
 * the procedure's index and a seed.
 */
import { addDays, addMonthsClamped, parisClock } from '../../lib/calendar.ts';
import { DEPARTMENTS } from '../../lib/departments.ts';
import type { CatalogueEntry } from './catalogue.ts';
import type { LegacyScenario, Scenario, SlotSpec } from './scenario.ts';

/** How a national procedure behaves over the period (see `PROFILES`). */
export type Profile =
  | 'never-opens'
  | 'morning-bursts'
  | 'far-dates'
  | 'one-month-agenda'
  | 'mostly-open'
  | 'often-down'
  | 'degrading'
  | 'captcha-platform'
  | 'blocked-weeks';

/**
 * The profiles dealt in turn, procedure after procedure: most procedures are
 * closed most of the time (a third never open at all), and any six consecutive
 * procedures already meet every colour, so small benchmarks exercise them all.
 */
export const PROFILE_DECK: readonly Profile[] = [
  'one-month-agenda',
  'never-opens',
  'morning-bursts',
  'often-down',
  'far-dates',
  'mostly-open',
  'never-opens',
  'degrading',
  'never-opens',
  'morning-bursts',
  'captcha-platform',
  'never-opens',
  'far-dates',
  'morning-bursts',
  'never-opens',
  'degrading',
  'blocked-weeks',
  'never-opens',
  'morning-bursts',
  'often-down',
  'never-opens',
  'far-dates',
  'degrading',
  'morning-bursts',
  'never-opens',
];

/** A national procedure: a catalogue entry with its registry's `since` and `until` and its profile. */
export interface NationalProcedure extends CatalogueEntry {
  profile: Profile;
  /** First Paris day probed, or '' (registry `since`). */
  since: string;
  /** Last Paris day probed, or '' (registry `until`). */
  until: string;
}

/** The period the catalogue is probed over: `days` Paris days from `start`. */
export interface NationalPeriod {
  start: string;
  days: number;
  seed: number;
}

/** What the scenarios read of an instant's Paris clock. */
interface Reading {
  day: string;
  /** Days since 1970-01-01. */
  dayNumber: number;
  hour: number;
  /** 0 = Sunday. */
  weekday: number;
}

const readings = new Map<number, Reading>();

/** The Paris reading of `now`, cached: hundreds of procedures ask it for the same hour. */
function readingOf(now: Date): Reading {
  const key = now.getTime();
  let reading = readings.get(key);
  if (!reading) {
    const clock = parisClock(now);
    reading = {
      day: clock.day,
      dayNumber: Date.parse(`${clock.day}T00:00:00Z`) / 86_400_000,
      hour: Number(clock.time.slice(0, 2)),
      weekday: new Date(`${clock.day}T00:00:00Z`).getUTCDay(),
    };
    if (readings.size > 200_000) readings.clear();
    readings.set(key, reading);
  }
  return reading;
}

const counter = (slots: SlotSpec[], extra: Partial<LegacyScenario> = {}): LegacyScenario => ({
  system: 'legacy-booking',
  counters: [{ id: '1', label: 'Guichet titres de séjour', slots }],
  ...extra,
});

/** The profile of procedure `index`. */
export function profileOf(index: number): Profile {
  return PROFILE_DECK[index % PROFILE_DECK.length]!;
}

/**
 * A deterministic number in [0, 1) from integer keys. Unlike `noise` (FNV-1a
 * over a joined string) it is well mixed for consecutive keys and allocates
 * no string: the benchmark draws it for every procedure and hour.
 */
export function draw(seed: number, ...keys: number[]): number {
  let hash = seed ^ 0x9e3779b9;
  for (const key of keys) {
    hash = Math.imul(hash ^ key, 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    hash ^= hash >>> 16;
  }
  return (hash >>> 0) / 2 ** 32;
}

/** Keys of the draws, so that each question asked of a procedure gets its own numbers. */
const Key = {
  Hour: 1,
  Slot: 2,
  Week: 3,
  Edge: 4,
  Blocked: 5,
  Since: 6,
  Until: 7,
  Maintenance: 8,
  MaintenanceDay: 9,
} as const;

/** `count` slots between `from` and `to` days ahead, chosen by the draws of `keys`. */
function slotsBetween(seed: number, keys: readonly number[], count: number, from: number, to: number): SlotSpec[] {
  return Array.from({ length: count }, (_, index) => ({
    in: from + Math.floor(draw(seed, Key.Slot, ...keys, index) * (to - from + 1)),
    at: `${String(8 + (index % 8)).padStart(2, '0')}:${index % 2 ? '30' : '00'}`,
  }));
}

/**
 * The slots of an agenda opened exactly one month ahead: the last date offered
 * is the day one month later (clamped at month ends, as the colour rule
 * counts), so the "within one month" and "within two months" boundaries are
 * met on both sides.
 */
export function monthEdgeSlots(day: string, draw: number): SlotSpec[] {
  const oneMonth = addMonthsClamped(day, 1);
  const twoMonths = addMonthsClamped(day, 2);
  const at = '09:00';
  if (draw < 0.3)
    return [
      { on: addDays(day, 3), at },
      { on: oneMonth, at },
    ];
  if (draw < 0.5) return [{ on: oneMonth, at }];
  if (draw < 0.6)
    return [
      { on: oneMonth, at },
      { on: addDays(oneMonth, 1), at },
    ];
  if (draw < 0.8) return [{ on: twoMonths, at }];
  return [{ on: addDays(twoMonths, 1), at }];
}

/** The scenario of a profile at `now`; `chance` is the hour's draw, `progress` 0 → 1 over the period. */
function profileScenario(
  profile: Profile,
  seed: number,
  index: number,
  now: Date,
  reading: Reading,
  progress: number,
): Scenario {
  const hourKey = Math.floor(now.getTime() / 3_600_000);
  const chance = draw(seed, Key.Hour, index, hourKey);
  const keys = [index, hourKey];
  switch (profile) {
    case 'never-opens':
      return counter([]);
    case 'morning-bursts': {
      const releaseDay = 1 + (index % 5);
      const week = Math.floor(reading.dayNumber / 7);
      return reading.weekday === releaseDay &&
        reading.hour >= 9 &&
        reading.hour < 11 &&
        draw(seed, Key.Week, index, week) < 0.5
        ? counter(slotsBetween(seed, keys, 3, 20, 60))
        : counter([]);
    }
    case 'far-dates':
      return counter(chance < 0.08 ? slotsBetween(seed, keys, 1, 55, 120) : []);
    case 'one-month-agenda':
      return counter(chance < 0.3 ? monthEdgeSlots(reading.day, draw(seed, Key.Edge, index, hourKey)) : []);
    case 'mostly-open':
      return counter(chance < 0.7 ? slotsBetween(seed, keys, 2, 3, 21) : []);
    case 'often-down':
      if (chance < 0.3) return counter([], { fault: { kind: 'status', status: 502 } });
      if (chance < 0.38) return counter([], { fault: { kind: 'status', status: 500 } });
      if (chance < 0.42) return counter([], { fault: { kind: 'challenge' } });
      if (chance < 0.44) return counter([], { fault: { kind: 'changed-layout' } });
      if (chance < 0.45) return counter([], { fault: { kind: 'session-lost' } });
      return counter(chance < 0.6 ? slotsBetween(seed, keys, 2, 10, 45) : []);
    case 'degrading':
      return counter(
        chance < 0.85 * (1 - progress) + 0.03
          ? slotsBetween(seed, keys, 2, 5 + Math.round(progress * 60), 20 + Math.round(progress * 100))
          : [],
      );
    case 'captcha-platform':
      return { system: 'rdv-prefecture', slots: [{ in: 12, at: '09:30' }] };
    case 'blocked-weeks': {
      const from = draw(seed, Key.Blocked, index);
      return progress >= from && progress < from + 0.1
        ? counter([], { fault: { kind: 'status', status: 403 } })
        : counter(chance < 0.2 ? slotsBetween(seed, keys, 2, 25, 70) : []);
    }
  }
}

/** The national catalogue of `count` procedures over a period: every department in turn. */
export function nationalCatalogue(count: number, { start, days, seed }: NationalPeriod): NationalProcedure[] {
  const startNumber = Date.parse(`${start}T00:00:00Z`) / 86_400_000;
  return Array.from({ length: count }, (_, index) => {
    const department = DEPARTMENTS[index % DEPARTMENTS.length]!.code;
    const profile = profileOf(index);
    // Some procedures are registered late, some move to another platform and stop (never in the last months).
    const since = draw(seed, Key.Since, index) < 0.12 ? addDays(start, Math.floor(days / 3)) : '';
    const moves = profile !== 'captcha-platform' && draw(seed, Key.Until, index) < 0.08;
    const movedOn = addDays(start, Math.floor((2 * days) / 3));
    const until = moves ? addDays(movedOn, 3) : '';
    const maintenance =
      profile !== 'captcha-platform' && draw(seed, Key.Maintenance, index) < 0.15
        ? Math.floor(draw(seed, Key.MaintenanceDay, index) * days)
        : Number.NaN;
    const scenario = (now: Date): Scenario => {
      const reading = readingOf(now);
      const dayIndex = reading.dayNumber - startNumber;
      if (moves && reading.day >= movedOn) return counter([], { fault: { kind: 'redirect', to: 'other-host' } });
      // NaN (no maintenance) compares false.
      if (dayIndex >= maintenance && dayIndex < maintenance + 7) return counter([], { fault: { kind: 'maintenance' } });
      return profileScenario(profile, seed, index, now, reading, Math.min(1, Math.max(0, dayIndex / days)));
    };
    return {
      department,
      slug: `demarche-${index}`,
      id: String(60_000 + index),
      label: profile,
      scenario,
      expected: { outcome: profile === 'captcha-platform' ? 'captcha' : 'none' },
      profile,
      since,
      until,
    };
  });
}
