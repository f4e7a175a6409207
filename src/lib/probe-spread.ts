/**
 * How the robot's attempts spread over time: how many probes, over how many
 * distinct calendar weeks (ISO weeks, Paris time) and days, from the first to
 * the last instant. The Conseil d'État (10 juin 2020, n° 435594) asks for
 * « plusieurs tentatives n'ayant pas été effectuées la même semaine »: the
 * evidence pack and the letter state this spread in one sentence, computed
 * here from the probes themselves, so it never says more than the data.
 */
import { isoWeek } from './calendar.ts';
import { formatCount, formatParisDateTime } from './format.ts';
import type { Probe } from './probe.ts';

/** The spread of a set of probes. */
export interface ProbeSpread {
  /** How many probes. */
  probes: number;
  /** Distinct ISO weeks (`YYYY-Www`) of their Paris days. */
  weeks: number;
  /** Distinct Paris days. */
  days: number;
  /** Instant of the first probe (ms), null without probes. */
  first: number | null;
  /** Instant of the last probe (ms), null without probes. */
  last: number | null;
}

/** Counts probes one at a time, so a period of months is never held in memory. */
class SpreadCounter {
  private count = 0;
  private readonly weekSet = new Set<string>();
  private readonly daySet = new Set<string>();
  private first: number | null = null;
  private last: number | null = null;

  add(probe: Pick<Probe, 'instant' | 'day'>): void {
    this.count += 1;
    if (!this.daySet.has(probe.day)) {
      this.daySet.add(probe.day);
      this.weekSet.add(isoWeek(probe.day));
    }
    if (this.first === null || probe.instant < this.first) this.first = probe.instant;
    if (this.last === null || probe.instant > this.last) this.last = probe.instant;
  }

  spread(): ProbeSpread {
    return { probes: this.count, weeks: this.weekSet.size, days: this.daySet.size, first: this.first, last: this.last };
  }

  /** What was counted, in a form that can be kept and added to another counter (addPart). */
  part(): SpreadPart {
    return { probes: this.count, days: [...this.daySet], first: this.first, last: this.last };
  }

  /** Adds what another counter counted: the same as adding its probes one by one. */
  addPart(part: SpreadPart): void {
    this.count += part.probes;
    for (const day of part.days) {
      if (this.daySet.has(day)) continue;
      this.daySet.add(day);
      this.weekSet.add(isoWeek(day));
    }
    if (part.first !== null && (this.first === null || part.first < this.first)) this.first = part.first;
    if (part.last !== null && (this.last === null || part.last > this.last)) this.last = part.last;
  }
}

/** The counts of a SpreadCounter, kept apart (e.g. one month's, cached with its file). */
export interface SpreadPart {
  probes: number;
  /** Distinct Paris days. */
  days: string[];
  first: number | null;
  last: number | null;
}

/** What an AttemptsCounter counted, kept apart so a period is tallied month by month without its probes. */
export interface AttemptsPart {
  all: SpreadPart;
  noDate: SpreadPart;
  withDates: number;
  failed: number;
}

/** The spread of some probes. */
export function probeSpread(probes: Iterable<Pick<Probe, 'instant' | 'day'>>): ProbeSpread {
  const counter = new SpreadCounter();
  for (const probe of probes) counter.add(probe);
  return counter.spread();
}

/** What the attempts sentence states: every probe of the period, and those the site answered without any date. */
export interface AttemptsSpread {
  /** Every probe of the period, failed ones included. */
  all: ProbeSpread;
  /** The probes where the site said no slot was free (noir). */
  noDate: ProbeSpread;
  /** Probes that offered at least one date. */
  withDates: number;
  /** Failed probes: the robot could not learn the answer. */
  failed: number;
}

/** Tallies the probes of a period for the attempts sentence. */
export class AttemptsCounter {
  private readonly all = new SpreadCounter();
  private readonly noDate = new SpreadCounter();
  private withDates = 0;
  private failed = 0;

  add(probe: Pick<Probe, 'instant' | 'day' | 'colour'>): void {
    this.all.add(probe);
    if (probe.colour === null) this.failed += 1;
    else if (probe.colour === 'noir') this.noDate.add(probe);
    else this.withDates += 1;
  }

  result(): AttemptsSpread {
    return { all: this.all.spread(), noDate: this.noDate.spread(), withDates: this.withDates, failed: this.failed };
  }

  /** What was counted so far, to be kept and added to another counter. */
  part(): AttemptsPart {
    return { all: this.all.part(), noDate: this.noDate.part(), withDates: this.withDates, failed: this.failed };
  }

  /** Adds another counter's part: the same as adding its probes. */
  addPart(part: AttemptsPart): void {
    this.all.addPart(part.all);
    this.noDate.addPart(part.noDate);
    this.withDates += part.withDates;
    this.failed += part.failed;
  }
}

/** An instant as a petition writes it: `1er mars 2018 à 00:20`. */
const when = (instant: number) => formatParisDateTime(instant).replace(/^1 /, '1er ');

const counted = (count: number, one: string, many: string) => `${formatCount(count)} ${count === 1 ? one : many}`;

/**
 * The attempts sentence, fit to be copied into a petition: « Du 1er mars 2018 à
 * 00:20 au 31 mars 2018 à 23:20 (heure de Paris), le robot Guichets fermés a
 * tenté 743 fois d'obtenir un rendez-vous sur https://…, au cours de 5 semaines
 * calendaires distinctes et de 31 jours différents ; lors de 711 de ces
 * tentatives, réparties sur 5 semaines distinctes, le site n'a proposé aucune
 * date. … » Null when there was no probe at all.
 */
export function attemptsSentence(spread: AttemptsSpread, bookingUrl: string): string | null {
  const { all, noDate } = spread;
  if (all.first === null || all.last === null) return null;
  const period =
    all.first === all.last
      ? `Le ${when(all.first)} (heure de Paris)`
      : `Du ${when(all.first)} au ${when(all.last)} (heure de Paris)`;
  const attempts = all.probes === 1 ? 'a tenté une fois' : `a tenté ${formatCount(all.probes)} fois`;
  const spreadWords = `au cours de ${counted(all.weeks, 'semaine calendaire', 'semaines calendaires distinctes')} et de ${counted(all.days, 'jour', 'jours différents')}`;
  const parts = [
    `${period}, le robot Guichets fermés ${attempts} d’obtenir un rendez-vous sur la page ${bookingUrl}, ${spreadWords}`,
  ];
  const clauses: string[] = [];
  if (noDate.probes === 0) clauses.push('le site n’a jamais répondu qu’aucune date n’était disponible');
  else if (noDate.probes === all.probes)
    clauses.push(
      `le site n’a proposé aucune date lors ${all.probes === 1 ? 'de cette tentative' : 'de toutes ces tentatives'}`,
    );
  else
    clauses.push(
      `lors de ${formatCount(noDate.probes)} de ces tentatives, réparties sur ${counted(noDate.weeks, 'semaine', 'semaines distinctes')} et ${counted(noDate.days, 'jour', 'jours')}, le site n’a proposé aucune date`,
    );
  if (spread.withDates > 0)
    clauses.push(`il a proposé au moins une date lors de ${counted(spread.withDates, 'tentative', 'tentatives')}`);
  if (spread.failed > 0)
    clauses.push(
      `${counted(spread.failed, 'tentative a échoué', 'tentatives ont échoué')} (site indisponible, en erreur ou bloquant le robot) sans être comptée${spread.failed === 1 ? '' : 's'} comme «\u202faucune date\u202f»`,
    );
  return `${parts[0]}\u202f; ${clauses.join('\u202f; ')}.`;
}
