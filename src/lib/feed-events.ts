/**
 * What a follower of a procedure wants to be told, found in the data: never
 * one entry per hourly probe, but
 * - a month closed (its statistics);
 * - the first date offered after at least two weeks without any;
 * - no date at all for two weeks after a period with dates;
 * - days when the robot could not measure anything (every probe failed), with the reason;
 * - the procedure no longer probed (moved or retired, `until` in the registry).
 * Pure: days and months in, events out. Every event carries a key and an
 * instant derived from the data only, so that a rebuild gives the same feed.
 */
import { addDays, addMonths, daysBetween, parisInstant } from './calendar.ts';
import type { MonthStatistics } from './month-statistics.ts';
import { isFailure } from './outcome.ts';

/** A failure code as recorded (a future version of the data may add codes). */
type FailureCode = string;
import type { Probe } from './probe.ts';

/** Days without any date offered, in a row, before it counts as « two weeks without a date ». */
const DRY_DAYS = 14;

/** What one Paris day of probes amounts to. */
export interface DaySummary {
  /** `YYYY-MM-DD`, Paris time. */
  day: string;
  /** Every probe of the day. */
  probes: number;
  /** Probes where the site answered (slots or none). */
  successful: number;
  /** Probes that offered at least one date. */
  withDates: number;
  /** Instant of the day's first probe that offered a date, null when none did. */
  firstDatesAt: number | null;
  /** Earliest date offered that day (`YYYY-MM-DD`), null when none. */
  earliestDate: string | null;
  /** Failed probes by failure code. */
  failures: Partial<Record<FailureCode, number>>;
}

/** Reduces probes (any order) to one summary per Paris day, in day order. */
export function summariseDays(
  probes: Iterable<Pick<Probe, 'day' | 'instant' | 'outcome' | 'firstDate'>>,
): DaySummary[] {
  const days = new Map<string, DaySummary>();
  for (const probe of probes) {
    let summary = days.get(probe.day);
    if (!summary) {
      summary = {
        day: probe.day,
        probes: 0,
        successful: 0,
        withDates: 0,
        firstDatesAt: null,
        earliestDate: null,
        failures: {},
      };
      days.set(probe.day, summary);
    }
    summary.probes += 1;
    if (isFailure(probe.outcome)) {
      summary.failures[probe.outcome] = (summary.failures[probe.outcome] ?? 0) + 1;
      continue;
    }
    summary.successful += 1;
    if (probe.outcome === 'slots') {
      summary.withDates += 1;
      if (summary.firstDatesAt === null || probe.instant < summary.firstDatesAt) summary.firstDatesAt = probe.instant;
      if (summary.earliestDate === null || probe.firstDate < summary.earliestDate)
        summary.earliestDate = probe.firstDate;
    }
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** A month is over: its statistics are final. */
interface MonthClosedEvent {
  kind: 'month-closed';
  month: string;
  statistics: MonthStatistics;
}
/** Dates again after at least two weeks without any. */
interface DatesBackEvent {
  kind: 'dates-back';
  /** The day dates came back. */
  day: string;
  /** First day of the period without dates. */
  dryFrom: string;
  /** Last day measured without a date. */
  dryTo: string;
  /** Successful probes without a date over the dry period. */
  dryProbes: number;
  /** Probes that offered a date that day. */
  withDates: number;
  /** The earliest date offered that day. */
  earliestDate: string;
}
/** Two weeks without any date after a period with dates. */
interface DatesGoneEvent {
  kind: 'dates-gone';
  /** Last day a date was offered. */
  lastDatesDay: string;
  /** First day without a date. */
  dryFrom: string;
  /** The day the period reached two weeks. */
  day: string;
  /** Successful probes without a date over those days. */
  dryProbes: number;
}
/** Whole days when every probe failed: the robot could not measure. */
interface UnmeasuredEvent {
  kind: 'unmeasured';
  from: string;
  to: string;
  /** Failed probes over those days. */
  probes: number;
  /** Failure codes, most frequent first. */
  reasons: [FailureCode, number][];
}
/** The procedure is no longer probed. */
interface RetiredEvent {
  kind: 'retired';
  /** Last day probed. */
  until: string;
  /** Whether any probe of it was recorded: « the data already gathered stay published » is only true then. */
  recorded: boolean;
}

type FeedEventDetail = MonthClosedEvent | DatesBackEvent | DatesGoneEvent | UnmeasuredEvent | RetiredEvent;

/** An event with what makes it stable across builds. */
export type FeedEvent = FeedEventDetail & {
  /** Unique and stable within a procedure: kind and the day or month it starts. */
  key: string;
  /** When it was published (ms), from the data. */
  published: number;
  /** When it last changed (ms), from the data: a run of failed days grows. */
  updated: number;
};

/** What the detection needs to know about a procedure. */
export interface FeedInput {
  /** Day summaries, in day order. */
  days: readonly DaySummary[];
  /** Month statistics, oldest first. */
  months: readonly MonthStatistics[];
  /** `until` of the registry, empty while probed. */
  until: string;
  /** Paris day of the compile instant: days before it are complete. Null without data. */
  compiledDay: string | null;
}

/** Midnight at the start of a Paris day, in ms. */
const startOf = (day: string) => parisInstant(day, '00:00').getTime();
/** Midnight at the end of a Paris day, in ms: when a day's verdict is known. */
const endOf = (day: string) => startOf(addDays(day, 1));

/** Every event of a procedure, oldest first. */
export function detectEvents(input: FeedInput): FeedEvent[] {
  const events = [...monthEvents(input), ...dateEvents(input), ...unmeasuredEvents(input), ...retiredEvents(input)];
  return events.sort((a, b) => a.published - b.published || a.key.localeCompare(b.key));
}

function monthEvents({ months, compiledDay }: FeedInput): FeedEvent[] {
  if (compiledDay === null) return [];
  const current = compiledDay.slice(0, 7);
  return months
    .filter((statistics) => statistics.month !== null && statistics.month < current)
    .map((statistics) => {
      const at = startOf(`${addMonths(statistics.month!, 1)}-01`);
      return {
        kind: 'month-closed',
        month: statistics.month!,
        statistics,
        key: `mois/${statistics.month}`,
        published: at,
        updated: at,
      };
    });
}

/** The drought state machine over days with an answer; days without one (all failed, or no probe) tell nothing. */
function dateEvents({ days, compiledDay }: FeedInput): FeedEvent[] {
  const events: FeedEvent[] = [];
  let state: 'unknown' | 'dates' | 'dry' = 'unknown';
  let lastDatesDay: string | null = null;
  let dryFrom: string | null = null;
  let dryTo: string | null = null;
  let dryProbes = 0;
  for (const summary of days) {
    if (summary.successful === 0) continue;
    if (summary.withDates > 0) {
      if (state === 'dry' && dryFrom !== null && dryTo !== null) {
        const at = summary.firstDatesAt!;
        events.push({
          kind: 'dates-back',
          day: summary.day,
          dryFrom,
          dryTo,
          dryProbes,
          withDates: summary.withDates,
          earliestDate: summary.earliestDate!,
          key: `dates/${summary.day}`,
          published: at,
          updated: at,
        });
      }
      state = 'dates';
      lastDatesDay = summary.day;
      dryFrom = dryTo = null;
      dryProbes = 0;
      continue;
    }
    dryFrom ??= summary.day;
    dryTo = summary.day;
    dryProbes += summary.successful;
    const complete = compiledDay !== null && summary.day < compiledDay;
    if (state !== 'dry' && complete && daysBetween(dryFrom, summary.day) >= DRY_DAYS - 1) {
      if (state === 'dates' && lastDatesDay !== null) {
        const at = endOf(summary.day);
        events.push({
          kind: 'dates-gone',
          lastDatesDay,
          dryFrom,
          day: summary.day,
          dryProbes,
          key: `sans-date/${dryFrom}`,
          published: at,
          updated: at,
        });
      }
      state = 'dry';
    }
  }
  return events;
}

/** Runs of consecutive complete days on which probes were made and every one failed. */
function unmeasuredEvents({ days, compiledDay }: FeedInput): FeedEvent[] {
  const events: FeedEvent[] = [];
  let run: DaySummary[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const reasons = new Map<FailureCode, number>();
    for (const summary of run)
      for (const [code, count] of Object.entries(summary.failures) as [FailureCode, number][])
        reasons.set(code, (reasons.get(code) ?? 0) + count);
    const from = run[0]!.day;
    const to = run.at(-1)!.day;
    events.push({
      kind: 'unmeasured',
      from,
      to,
      probes: run.reduce((sum, summary) => sum + summary.probes, 0),
      reasons: [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
      key: `sans-mesure/${from}`,
      published: endOf(from),
      updated: endOf(to),
    });
    run = [];
  };
  for (const summary of days) {
    const complete = compiledDay !== null && summary.day < compiledDay;
    const unmeasured = complete && summary.probes > 0 && summary.successful === 0;
    if (!unmeasured) {
      flush();
      continue;
    }
    if (run.length > 0 && daysBetween(run.at(-1)!.day, summary.day) !== 1) flush();
    run.push(summary);
  }
  flush();
  return events;
}

function retiredEvents({ until, compiledDay, months }: FeedInput): FeedEvent[] {
  if (!until || compiledDay === null || until >= compiledDay) return [];
  const at = endOf(until);
  return [
    {
      kind: 'retired',
      until,
      recorded: months.some((month) => month.successful + month.failed > 0),
      key: `fin/${until}`,
      published: at,
      updated: at,
    },
  ];
}
