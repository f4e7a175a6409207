/**
 * The sentences that state what period the data cover, from the probes
 * themselves (coverage.ts): the month page's statement, the printed margins,
 * the evidence pack and the letter all say the same thing, and none says
 * more than the probes show.
 */
import type { Coverage } from './coverage.ts';
import { countOf, formatCount, formatParisMoment, formatParisTime, formatPeriod } from './format.ts';

/**
 * From the first probe to the last, on the Paris clock: « du 31 août 2018 à
 * 0 h 20 au 31 août 2018 à 23 h 20 », or « le 31 août 2018 à 0 h 20 » for a
 * single probe. Empty without any probe.
 */
export function probePeriodWords(coverage: Pick<Coverage, 'firstProbe' | 'lastProbe'>): string {
  const { firstProbe, lastProbe } = coverage;
  if (firstProbe === null || lastProbe === null) return '';
  if (firstProbe === lastProbe) return `le ${formatParisMoment(firstProbe)}`;
  return `du ${formatParisMoment(firstProbe)} au ${formatParisMoment(lastProbe)}`;
}

/** The same in the short form of printed margins: « du 31/08/2018 0 h 20 au 31/08/2018 23 h 20 ». */
export function shortProbePeriod(coverage: Pick<Coverage, 'firstProbe' | 'lastProbe'>): string {
  const { firstProbe, lastProbe } = coverage;
  if (firstProbe === null || lastProbe === null) return '';
  const at = (instant: number) => `${shortParisDay(instant)} ${formatParisTime(instant)}`;
  return firstProbe === lastProbe ? `le ${at(firstProbe)}` : `du ${at(firstProbe)} au ${at(lastProbe)}`;
}

/** Made once: making an Intl.DateTimeFormat costs far more than using one, and every month page uses it. */
const SHORT_PARIS_DAY = new Intl.DateTimeFormat('fr-FR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});

/** `31/08/2018` on the Paris clock. */
function shortParisDay(instant: number): string {
  return SHORT_PARIS_DAY.format(new Date(instant));
}

/**
 * How many hours have a probe, for a month or a period (`of`: « du mois »,
 * « de la période »): « chacune des 744 heures du mois a au moins un
 * sondage », « 24 heures sur 744 ont au moins un sondage, 720 n’en ont
 * aucun », and for the month still running « … sur les 689 heures écoulées ».
 */
export function hoursWords(coverage: Coverage, of: string): string {
  const elapsed = coverage.current ? ' écoulées' : '';
  if (coverage.hoursWithoutProbe === 0) {
    return coverage.hours === 1
      ? `la seule heure${elapsed} ${of} a au moins un sondage`
      : `chacune des ${formatCount(coverage.hours)} heures${elapsed} ${of} a au moins un sondage`;
  }
  const probed = `${countOf(coverage.probedHours, 'heure')} sur ${formatCount(coverage.hours)}${elapsed} ${of} ${coverage.probedHours > 1 ? 'ont' : 'a'} au moins un sondage`;
  return `${probed}, ${formatCount(coverage.hoursWithoutProbe)} ${coverage.hoursWithoutProbe > 1 ? 'n’en ont' : 'n’en a'} aucun`;
}

/** The short hours count of printed margins: « mois : 24 h sondées sur 744 », « période : … ». */
export function shortHours(coverage: Coverage, of = 'mois'): string {
  return `${of}\u00a0: ${formatCount(coverage.probedHours)}\u00a0h sondée${coverage.probedHours > 1 ? 's' : ''} sur ${formatCount(coverage.hours)}${coverage.current ? ' (mois en cours)' : ''}`;
}

/**
 * The headline period: « sur les trois mois complets de décembre 2017 à
 * février 2018 » when every hour was probed, otherwise « sur les trois mois
 * de décembre 2017 à février 2018 (2 130 heures sur 2 160 ont au moins un
 * sondage, 30 n’en ont aucun) ».
 */
export function headlinePeriodWords(months: readonly string[], coverage: Coverage, pooled = false): string {
  if (months.length === 0) return '';
  const period = formatPeriod(months, coverage.complete);
  if (coverage.complete) return period;
  // Several procedures' hours added up would read as hours of the calendar: say it in words instead.
  if (pooled) return `${period} (sondés en partie, voir chaque démarche)`;
  return `${period} (${hoursWords(coverage, months.length === 1 ? 'du mois' : 'de la période')})`;
}
