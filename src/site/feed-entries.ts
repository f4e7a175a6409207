/**
 * The French wording of feed entries: each event found by src/lib/feed-events.ts
 * becomes a title, a one-sentence summary and a short HTML body. Every value
 * written into HTML goes through escapeXml first.
 */
import { COLOURS, COLOUR_STYLES } from '../lib/colour.ts';
import type { FeedEvent } from '../lib/feed-events.ts';
import { formatCount, formatLongDay, formatMonth, formatShare } from '../lib/format.ts';
import { withinMonthCount, type MonthStatistics } from '../lib/month-statistics.ts';
import { isOutcome, OUTCOME_LABELS } from '../lib/outcome.ts';
import { escapeXml } from '../lib/xml-text.ts';

/** What an entry says, before it is placed in a feed. */
export interface EntryText {
  title: string;
  summary: string;
  /** HTML fragment, escaped. */
  html: string;
}

/** `1er mars 2018`, `12 mars 2018`. */
const dayInWords = (day: string) => formatLongDay(day).replace(/^1 /, '1er ');
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const probes = (count: number, adjective = '') =>
  `${formatCount(count)} sondage${count === 1 ? '' : 's'}${adjective ? ` ${adjective}${count === 1 ? '' : 's'}` : ''}`;
/** A failure label without its « Échec : » prefix: `accès bloqué`. */
const reason = (code: string) =>
  isOutcome(code) ? OUTCOME_LABELS[code].replace(/^[^:]+:\s*/, '') : `résultat «\u202f${code}\u202f» inconnu`;
const paragraph = (text: string) => `<p>${escapeXml(text)}</p>`;

/** The statistics of a closed month (one procedure, or the sum of several). */
export function monthClosedText(month: string, statistics: MonthStatistics, scope = ''): EntryText {
  const name = capitalised(formatMonth(month));
  const title =
    statistics.successful === 0
      ? `${name} clos\u00a0: aucun sondage réussi${scope}`
      : `${name} clos\u00a0: aucune date lors de ${formatShare(statistics.counts.noir, statistics.successful)} des sondages réussis${scope}`;
  const summary =
    statistics.successful === 0
      ? `${name}\u00a0: aucun sondage réussi, ${probes(statistics.failed, 'échoué')} (le robot n’a pas pu savoir si des dates étaient proposées).`
      : `${name}\u00a0: ${probes(statistics.successful, 'réussi')}, aucune date lors de ${formatShare(statistics.counts.noir, statistics.successful)} d’entre eux, une date à moins d’un mois lors de ${formatShare(withinMonthCount(statistics), statistics.successful)}\u202f; ${probes(statistics.failed, 'échoué')}, comptés à part.`;
  const rows = COLOURS.map(
    (colour) =>
      `<li>${escapeXml(`${COLOUR_STYLES[colour].label}\u00a0: ${formatShare(statistics.counts[colour], statistics.successful)} (${formatCount(statistics.counts[colour])})`)}</li>`,
  );
  const html = [
    paragraph(summary),
    statistics.successful > 0 ? `<ul>${rows.join('')}</ul>` : '',
    paragraph('Mois clos\u00a0: ces chiffres ne changeront plus.'),
  ].join('');
  return { title, summary, html };
}

/** The words of a procedure's event (month-closed events use monthClosedText). */
export function eventText(event: FeedEvent, note = ''): EntryText {
  switch (event.kind) {
    case 'month-closed':
      return monthClosedText(event.month, event.statistics);
    case 'dates-back': {
      const summary =
        `Le ${dayInWords(event.day)}, ${probes(event.withDates)} ${event.withDates === 1 ? 'a' : 'ont'} obtenu une date (la plus proche\u00a0: ${dayInWords(event.earliestDate)}), ` +
        `alors que du ${dayInWords(event.dryFrom)} au ${dayInWords(event.dryTo)} aucun des ${probes(event.dryProbes, 'réussi')} n’avait proposé de date.`;
      return { title: `Des dates proposées à nouveau le ${dayInWords(event.day)}`, summary, html: paragraph(summary) };
    }
    case 'dates-gone': {
      const summary = `Du ${dayInWords(event.dryFrom)} au ${dayInWords(event.day)}, aucun des ${probes(event.dryProbes, 'réussi')} n’a proposé de date. La dernière date avait été proposée le ${dayInWords(event.lastDatesDay)}.`;
      return {
        title: `Aucune date proposée depuis deux semaines (depuis le ${dayInWords(event.dryFrom)})`,
        summary,
        html: paragraph(summary),
      };
    }
    case 'unmeasured': {
      const when =
        event.from === event.to
          ? `le ${dayInWords(event.from)}`
          : `du ${dayInWords(event.from)} au ${dayInWords(event.to)}`;
      const reasons = event.reasons.map(([code, count]) => `${reason(code)} (${formatCount(count)})`).join(', ');
      const summary = `${capitalised(when)}, les ${probes(event.probes)} du robot ont tous échoué\u00a0: ${reasons}. Ces jours ne comptent pas comme «\u202faucune date\u202f»\u00a0: le robot n’a pas pu savoir si des dates étaient proposées.`;
      return { title: `Le robot n’a rien pu mesurer ${when}`, summary, html: paragraph(summary) };
    }
    case 'retired': {
      const summary = `Le robot ne sonde plus cette démarche après le ${dayInWords(event.until)}${note ? `. Motif noté dans le registre\u00a0: ${note}` : ''}. ${event.recorded ? 'Les données déjà recueillies restent publiées.' : 'Aucun sondage n’avait été enregistré pour elle.'}`;
      return { title: `Démarche plus sondée après le ${dayInWords(event.until)}`, summary, html: paragraph(summary) };
    }
  }
}
