/**
 * Scenarios of the simulator: what a simulated procedure offers and how its
 * site misbehaves. A scenario may change over (virtual) time, so that the demo
 * and the benchmarks can run months of history through the simulator.
 */
import { addDays, parisDay, parisInstant } from '../../lib/calendar.ts';
import type { ChallengeVendor, VendorLoader } from './challenge-pages.ts';
import type { NoSlotVariant } from './no-slot-variants.ts';

/** A free slot, relative to the Paris day of the request (`in` days later) or on a fixed day. */
export type SlotSpec = { in: number; at: string } | { on: string; at: string };

/** A counter ("guichet") of a legacy form. */
interface CounterSpec {
  id: string;
  label: string;
  slots: SlotSpec[];
  /** Show the calendar step even when no slot is free (the site's signals disagree). */
  calendarWhenEmpty?: boolean;
}

/** Ways a site misbehaves; each must give its failure outcome, never `none`. */
export type Fault =
  /** "Attention : Cette page n'est pas disponible pour le moment !" */
  | { kind: 'closed' }
  | { kind: 'maintenance' }
  /** A 200 page `<h1>Service surchargé</h1>`. */
  | { kind: 'overloaded' }
  /** An error status (502 throttling, 429, 403, 500, 404…), on every request or only the planning weeks, `times` times then healed. */
  | { kind: 'status'; status: number; retryAfter?: string; times?: number; on?: 'all' | 'planning' }
  /** An anti-bot challenge page (503 unless `status`), of a given vendor, after `padding` bytes of inline style. */
  | { kind: 'challenge'; vendor?: ChallengeVendor; status?: number; padding?: number }
  /** The availability answer is a variant of the no-slot page (hidden, quoted, beside other offers, other wordings…). */
  | { kind: 'no-slot-variant'; variant: NoSlotVariant }
  /** Every ordinary page carries a vendor's loader or mention: the robot must read the page it is. */
  | { kind: 'vendor-loader'; loader: VendorLoader }
  /** Every answer comes after `delayMs`. */
  | { kind: 'slow'; delayMs: number }
  /** A reCAPTCHA added to the conditions page. */
  | { kind: 'captcha' }
  /** The counter page redesigned: no `#FormBookingCreate`, other field names. */
  | { kind: 'changed-layout' }
  /** The start page redirects to another host or to an unrelated page of the site. */
  | { kind: 'redirect'; to: 'other-host' | 'unrelated-page' | 'other-demarche' }
  /** The answer announces more bytes than it sends, then the connection closes. */
  | { kind: 'truncated' }
  /** The result page is cut before the message, with valid HTTP framing. */
  | { kind: 'truncated-html' }
  /** The server forgets every session: the flow falls back to the conditions. */
  | { kind: 'session-lost' }
  /** A page far larger than any real one. */
  | { kind: 'huge' };

export interface LegacyScenario {
  system: 'legacy-booking';
  counters: CounterSpec[];
  /** `standard`: conditions → counter → result; `direct-calendar`: conditions → calendar; `extra-step`: an intermediate step after the counter. */
  flow?: 'standard' | 'direct-calendar' | 'extra-step';
  /** `classic` ("Veuillez recommencer ultérieurement.") or the 2025 Seine-Saint-Denis wording ("réessayer", typographic apostrophe). */
  wording?: 'classic' | '2025';
  /** Language of the planning week header; `en` reproduces "Week from lundi … to dimanche …". */
  weekLocale?: 'fr' | 'en';
  charset?: 'utf-8' | 'windows-1252';
  /** Day zero of the planning offsets, this many weeks before the current week (default 0). */
  dayZeroWeeksAgo?: number;
  fault?: Fault;
}

export interface RdvScenario {
  system: 'rdv-prefecture';
  /** What the slot page offers once past the captcha. */
  slots: SlotSpec[];
  fault?: Fault;
}

export type Scenario = LegacyScenario | RdvScenario;

/** A scenario, or a function of the (virtual) time giving the scenario in force. */
export type ScenarioSource = Scenario | ((now: Date) => Scenario);

/** The scenario in force at `now`. */
export function scenarioAt(source: ScenarioSource, now: Date): Scenario {
  return typeof source === 'function' ? source(now) : source;
}

/**
 * A scenario that changes at given instants: `timeline([['2026-01-01T00:00:00+01:00', a], ['2026-02-01T00:00:00+01:00', b]])`
 * is `a` until February, then `b`. Before the first instant the first scenario holds.
 */
export function timeline(steps: readonly (readonly [string, Scenario])[]): (now: Date) => Scenario {
  const sorted = steps
    .map(([from, scenario]) => ({ from: Date.parse(from), scenario }))
    .sort((a, b) => a.from - b.from);
  if (sorted.length === 0) throw new Error('a timeline needs at least one scenario');
  return (now) => {
    let current = sorted[0]!.scenario;
    for (const step of sorted) if (step.from <= now.getTime()) current = step.scenario;
    return current;
  };
}

const instants = new Map<string, Date>();
const days = new Map<number, string>();

/** The Paris day of an instant, cached: the benchmark's model asks it for the same few thousand instants. */
export function dayOf(instant: Date): string {
  const key = instant.getTime();
  let day = days.get(key);
  if (day === undefined) {
    if (days.size > 200_000) days.clear();
    day = parisDay(instant);
    days.set(key, day);
  }
  return day;
}

/** The instant of a Paris day and time, cached: the benchmark's model asks the same few thousand millions of times. */
function instantOf(day: string, time: string): Date {
  const key = `${day}T${time}`;
  let instant = instants.get(key);
  if (!instant) {
    if (instants.size > 200_000) instants.clear();
    instant = parisInstant(day, time);
    instants.set(key, instant);
  }
  return instant;
}

/** The instants of slot specs at `now`, ascending, only those still in the future. */
export function slotInstants(slots: readonly SlotSpec[], now: Date): Date[] {
  if (slots.length === 0) return [];
  const today = dayOf(now);
  return slots
    .map((slot) => instantOf('in' in slot ? addDays(today, slot.in) : slot.on, slot.at))
    .filter((instant) => instant.getTime() > now.getTime())
    .sort((a, b) => a.getTime() - b.getTime());
}
