/**
 * What can truthfully be said of a procedure where a figure would stand: its
 * headline figure when probes succeeded in the period, otherwise what
 * happened instead (« 2 161 sondages, tous en échec : captcha exigé »), that
 * it is no longer probed, or that nothing was recorded. One wording for the
 * home and department tables, the procedure page, the chart area and the letter.
 */
import { formatLongDay, formatParisMoment } from './format.ts';
import { allFailedWords, failureReason, frenchDetail } from './failure-words.ts';
import type { HeadlineFigure } from './headline.ts';
import { sumStatistics, type MonthStatistics } from './month-statistics.ts';
import type { Probe } from './probe.ts';

/** What a procedure's figure cell says. */
export type ProcedureStatus =
  /** Probes succeeded in the headline period: the figure can be shown. */
  | { kind: 'figure' }
  /** Every probe failed (in the period, or ever when the period has none): say why. */
  | { kind: 'all-failed'; words: string }
  /** Probes exist but none in the period (the first month is still running): no figure yet. */
  | { kind: 'no-period-data'; words: string }
  /** Nothing recorded at all. */
  | { kind: 'no-data'; words: string };

/** A procedure as the status reads it. */
export interface StatusFacts {
  months: readonly MonthStatistics[];
  /** Last day the procedure is probed (`until`, inclusive), empty while still probed: « plus sondée après » it. */
  until: string;
}

/** The status of a procedure's figure. */
export function procedureStatus(facts: StatusFacts, figure: HeadlineFigure): ProcedureStatus {
  if (figure.statistics.successful > 0) return { kind: 'figure' };
  if (figure.statistics.failed > 0) return { kind: 'all-failed', words: allFailedWords(figure.statistics.failures) };
  const all = sumStatistics(facts.months);
  const retired = retiredWords(facts.until);
  if (all.successful + all.failed === 0)
    return {
      kind: 'no-data',
      words: retired ? `${retired}, aucun sondage enregistré` : 'aucun sondage enregistré pour l’instant',
    };
  if (all.successful === 0) return { kind: 'all-failed', words: allFailedWords(all.failures) };
  return {
    kind: 'no-period-data',
    words: retired || 'premier mois de sondages en cours\u00a0: pas encore de mois écoulé',
  };
}

/**
 * « plus sondée après le 31 août 2017 » for a procedure with an `until`, else
 * empty. Shown beside a figure too: a figure of a retired procedure covers
 * only the part of the period before that day.
 */
export function retiredWords(until: string): string {
  return until === '' ? '' : `plus sondée après le ${formatLongDay(until).replace(/^1 /, '1er ')}`;
}

/**
 * The sentence that stands for the headline when every probe failed: the
 * period first, so that its own parenthesis (hours covered) is never nested
 * in another: « Sur les trois mois complets d’août à octobre 2026, 2 209
 * sondages, tous en échec : captcha exigé. Le robot n’a pas pu savoir… ».
 * `during` is empty when the failures lie outside the period (the month still running).
 */
export function allFailedSentence(words: string, during: string): string {
  const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  const what = during ? `${capitalised(during)}, ${words}` : capitalised(words);
  return `${what}. Le robot n’a pas pu savoir si des dates étaient proposées\u00a0: ces échecs ne comptent jamais comme «\u202faucune date\u202f».`;
}

/** What the latest probe found, in a few words: « aucune date », « première date le 12 décembre 2018 », « échec (captcha exigé) ». */
export function latestResultWords(latest: Pick<Probe, 'outcome' | 'firstDate' | 'detail'>): string {
  if (latest.outcome === 'none') return 'aucune date';
  if (latest.outcome === 'slots')
    return `première date proposée le ${formatLongDay(latest.firstDate).replace(/^1 /, '1er ')}`;
  const detail = frenchDetail(latest.detail);
  return `échec (${failureReason(latest.outcome)}${detail ? `, ${detail}` : ''})`;
}

/** « Dernier sondage, le 28 novembre 2018 à 23 h 17 : aucune date ». */
export function latestProbeSentence(latest: Pick<Probe, 'instant' | 'outcome' | 'firstDate' | 'detail'>): string {
  return `Dernier sondage, le ${formatParisMoment(latest.instant)}\u00a0: ${latestResultWords(latest)}`;
}
