/**
 * The letter to the prefecture (« Courrier à la préfecture »), as structured
 * text: the printed letter, the plain-text copy and the .odt are all made from
 * the blocks `composeLetter` returns, so they always say the same thing.
 *
 * It follows the guide « Écrire à la préfecture »: identity, AGDREF number if
 * any, the title requested, the attempts with date, time and result, the
 * site's statistics with their permalink and data version, the urgency, the
 * request for an appointment, the documents attached; and nothing on the
 * merits of the application. Pure: no DOM, no storage, no network. The build
 * computes the statistics (`letterStatistics`); the browser fills in the rest.
 */
import { frenchSpacing, innerQuotes } from '../../lib/french-typography.ts';
import { isCalendarDay } from '../../lib/calendar.ts';
import {
  agreeWith,
  formatCount,
  formatLongDay,
  formatMonthRange,
  formatParisDateTime,
  formatShare,
} from '../../lib/format.ts';
import { hoursWords } from '../../lib/period-statement.ts';
import { withinMonthCount } from '../../lib/month-statistics.ts';
import type { HeadlineFigure } from '../../lib/headline.ts';
import { isoWeek } from './attempt-plan.ts';

/** The site's statistics as the letter cites them, computed at build time. */
export interface LetterStatistics {
  /** Successful probes over the period. */
  successful: number;
  /** Of which without any date (noir). */
  noir: number;
  /** Failed probes over the period, counted apart. */
  failed: number;
  /** The noir share, written the French way: `28,6 %`. */
  noirShare: string;
  /** The share of probes with a date within one month (vert + jaune): `14,3 %`. */
  withinMonthShare: string;
  /** The period in words: `de décembre 2017 à février 2018`. */
  period: string;
  /**
   * What the robot covered of it, from the probes: « chacune des 2 160
   * heures de la période a au moins un sondage », « 24 heures sur 2 160 … ».
   */
  coverage: string;
  /** Permalink of the procedure page. */
  permalink: string;
  /** The procedure's latest probe, `31 mars 2018 à 23 h 20`: the date of the data cited, not of the build. */
  latestProbe: string;
  /** Version of the procedure's month files (src/site/edition.ts procedureVersion). */
  version: string;
  /**
   * The attempts sentence over the same period (src/lib/probe-spread.ts):
   * probes, distinct weeks and days, first and last instant. Absent when unknown.
   */
  attempts?: string | null;
}

/** What the letter knows of the procedure, from the build. */
export interface LetterFacts {
  prefecture: string;
  procedure: string;
  /** The booking page the robot probes. */
  bookingUrl: string;
  /** Address of the printable evidence pack. */
  evidencePackUrl: string;
  /** Null when there is nothing to cite (no successful probe in the period). */
  statistics: LetterStatistics | null;
}

export const SITUATIONS = ['sans-internet', 'tentatives'] as const;
type Situation = (typeof SITUATIONS)[number];

export const REQUEST_KINDS = ['premiere', 'renouvellement'] as const;
type RequestKind = (typeof REQUEST_KINDS)[number];

export const CURRENT_DOCUMENTS = {
  titre: 'titre de séjour',
  visa: 'visa',
  recepisse: 'récépissé',
} as const;
export type CurrentDocument = keyof typeof CURRENT_DOCUMENTS;

export const ATTACHMENTS = {
  identite: 'Copie de ma pièce d’identité',
  titre: 'Copie de mon titre de séjour, visa ou récépissé actuel',
  captures: 'Copies des captures d’écran de mes tentatives',
  dossier: 'Dossier de preuves statistiques du site Guichets fermés',
} as const;
export type Attachment = keyof typeof ATTACHMENTS;

export interface Attempt {
  /** `YYYY-MM-DD` or empty. */
  day: string;
  /** `HH:MM` or empty. */
  time: string;
  /** What the site showed, e.g. « aucune date proposée ». */
  result: string;
}

/** Everything the person types in the form. Empty strings for blank fields. */
export interface LetterForm {
  name: string;
  birthDate: string;
  nationality: string;
  address: string;
  phone: string;
  email: string;
  agdref: string;
  prefectureAddress: string;
  place: string;
  /** Date of the letter, `YYYY-MM-DD`. */
  date: string;
  kind: RequestKind | '';
  title: string;
  basis: string;
  situation: Situation | '';
  attempts: Attempt[];
  includeStatistics: boolean;
  expiry: string;
  currentDocument: CurrentDocument;
  urgency: string;
  visitDate: string;
  visitTime: string;
  attachments: Attachment[];
  otherAttachments: string;
}

const LETTER_OBJECT = 'Demande de rendez-vous pour le dépôt d’une demande de titre de séjour';
export const DEFAULT_ATTEMPT_RESULT = 'aucune date proposée';

/** A blank form for a procedure, with what the site can prefill. */
export function emptyLetterForm(facts: Pick<LetterFacts, 'prefecture' | 'procedure' | 'statistics'>): LetterForm {
  return {
    name: '',
    birthDate: '',
    nationality: '',
    address: '',
    phone: '',
    email: '',
    agdref: '',
    prefectureAddress: `${facts.prefecture}\nService des étrangers\n`,
    place: '',
    date: '',
    kind: '',
    title: facts.procedure,
    basis: '',
    situation: '',
    attempts: [],
    includeStatistics: facts.statistics !== null,
    expiry: '',
    currentDocument: 'titre',
    urgency: '',
    visitDate: '',
    visitTime: '',
    attachments: ['identite', 'captures', 'dossier'],
    otherAttachments: '',
  };
}

/** The statistics paragraph's numbers over the headline period, or null when no probe succeeded. */
export function letterStatistics(
  headline: HeadlineFigure,
  source: { permalink: string; latestProbe: number | null; version: string; attempts?: string | null },
): LetterStatistics | null {
  if (headline.noirShare === null || source.latestProbe === null || headline.period.length === 0) return null;
  return {
    successful: headline.statistics.successful,
    noir: headline.statistics.counts.noir,
    failed: headline.statistics.failed,
    noirShare: formatShare(headline.statistics.counts.noir, headline.statistics.successful),
    withinMonthShare: formatShare(withinMonthCount(headline.statistics), headline.statistics.successful),
    period: formatMonthRange(headline.period),
    coverage: hoursWords(headline.coverage, headline.period.length === 1 ? 'du mois' : 'de la période'),
    permalink: source.permalink,
    latestProbe: formatParisDateTime(source.latestProbe),
    version: source.version,
    ...(source.attempts ? { attempts: source.attempts } : {}),
  };
}

/** The kinds of block a letter is made of, in the order they are laid out. */
type LetterBlockKind =
  | 'sender'
  | 'recipient'
  | 'place-date'
  | 'mention'
  | 'object'
  | 'salutation'
  | 'paragraph'
  | 'list'
  | 'closing'
  | 'signature'
  | 'attachments';

/** One block of the letter: lines kept apart (address lines, list items). */
export interface LetterBlock {
  kind: LetterBlockKind;
  lines: string[];
}

/** A day in words, French style: `1er mars 2018`, `12 mars 2018`. */
export function letterDay(day: string): string {
  return formatLongDay(day).replace(/^1 /, '1er ');
}

/** `09:15` as a letter writes it: `9 h 15`. */
export function letterTime(time: string): string {
  const [hours, minutes] = time.split(':');
  return `${Number(hours)} h ${minutes}`;
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const or = (text: string, placeholder: string) => oneLine(text) || `[${placeholder}]`;

/** The attempts the letter lists: those with a day, in date order. */
function datedAttempts(attempts: readonly Attempt[]): Attempt[] {
  return attempts
    .filter((attempt) => isCalendarDay(attempt.day))
    .sort((a, b) => `${a.day}T${a.time}`.localeCompare(`${b.day}T${b.time}`));
}

/** The statistics paragraph, quoting the site's figures with their source. */
export function statisticsParagraph(facts: LetterFacts, statistics: LetterStatistics): string {
  const probes =
    statistics.successful === 1
      ? `sur le seul sondage réussi de la période ${statistics.period} (${statistics.coverage})`
      : `sur les ${formatCount(statistics.successful)} sondages réussis de la période ${statistics.period} (${statistics.coverage})`;
  const failed =
    statistics.failed === 0
      ? ''
      : ` ${formatCount(statistics.failed)} ${agreeWith(statistics.failed, 'autre sondage a échoué (site indisponible ou en erreur) : il n’est pas compté', 'autres sondages ont échoué (site indisponible ou en erreur) : ils ne sont pas comptés')}.`;
  return (
    `D’après les relevés publics du robot Guichets fermés, qui consulte régulièrement la page de réservation de la démarche « ${innerQuotes(facts.procedure)} » (${facts.prefecture}), ` +
    `${probes}, aucun rendez-vous n’était proposé dans ${statistics.noirShare} des cas, et une date à moins d’un mois dans ${statistics.withinMonthShare} des cas ` +
    `(source : ${statistics.permalink}, données arrêtées au dernier sondage, le ${statistics.latestProbe}, version ${statistics.version}).${failed}`
  );
}

function requestSentence(form: LetterForm): string {
  const what =
    form.kind === 'premiere'
      ? 'une première demande de titre de séjour'
      : form.kind === 'renouvellement'
        ? 'une demande de renouvellement de mon titre de séjour'
        : 'une demande de titre de séjour';
  const details = [
    oneLine(form.title) && `démarche « ${innerQuotes(oneLine(form.title))} »`,
    oneLine(form.basis) && `motif : ${oneLine(form.basis)}`,
  ].filter(Boolean);
  return `Je souhaite déposer ${what}${details.length ? ` (${details.join(', ')})` : ''}. Pour la déposer, je dois d’abord obtenir un rendez-vous auprès de votre service des étrangers.`;
}

/** The letter's blocks, from the form and the build's facts; blank required fields show as `[placeholders]`. */
export function composeLetter(form: LetterForm, facts: LetterFacts): LetterBlock[] {
  const sender = [
    or(form.name, 'Nom et prénom'),
    ...(lines(form.address).length ? lines(form.address) : ['[Adresse postale]']),
    ...(isCalendarDay(form.birthDate) ? [`Date de naissance : ${letterDay(form.birthDate)}`] : []),
    ...(oneLine(form.nationality) ? [`Nationalité : ${oneLine(form.nationality)}`] : []),
    ...(oneLine(form.agdref) ? [`N° AGDREF : ${oneLine(form.agdref)}`] : []),
    ...(oneLine(form.phone) ? [`Téléphone : ${oneLine(form.phone)}`] : []),
    ...(oneLine(form.email) ? [`Courriel : ${oneLine(form.email)}`] : []),
  ];
  const recipient = lines(form.prefectureAddress);
  const blocks: LetterBlock[] = [
    { kind: 'sender', lines: sender },
    {
      kind: 'recipient',
      lines: recipient.length ? recipient : [facts.prefecture, 'Service des étrangers', '[Adresse de la préfecture]'],
    },
    {
      kind: 'place-date',
      lines: [`${or(form.place, 'Ville')}, le ${isCalendarDay(form.date) ? letterDay(form.date) : '[date]'}`],
    },
    { kind: 'mention', lines: ['Lettre recommandée avec demande d’avis de réception'] },
    { kind: 'object', lines: [`Objet : ${LETTER_OBJECT}`] },
    { kind: 'salutation', lines: ['Madame, Monsieur,'] },
    { kind: 'paragraph', lines: [requestSentence(form)] },
  ];

  if (form.situation === 'sans-internet') {
    blocks.push({
      kind: 'paragraph',
      lines: [
        'Je n’ai pas d’accès à internet qui me permette de prendre ce rendez-vous sur le site de la préfecture. Je vous demande donc de bien vouloir me convoquer par courrier, à l’adresse indiquée ci-dessus.',
      ],
    });
  } else if (form.situation === 'tentatives') {
    const attempts = datedAttempts(form.attempts);
    blocks.push({
      kind: 'paragraph',
      lines: [
        `J’ai essayé à plusieurs reprises de prendre ce rendez-vous sur le site de la préfecture (${facts.bookingUrl}), sans obtenir de date :`,
      ],
    });
    blocks.push({
      kind: 'list',
      lines: attempts.length
        ? attempts.map(
            (attempt) =>
              `le ${letterDay(attempt.day)}${attempt.time ? ` à ${letterTime(attempt.time)}` : ''} : ${oneLine(attempt.result) || DEFAULT_ATTEMPT_RESULT}`,
          )
        : ['[date et heure de chaque tentative, et ce que le site a affiché]'],
    });
    blocks.push({ kind: 'paragraph', lines: ['J’ai conservé une capture d’écran de chacune de ces tentatives.'] });
  } else {
    blocks.push({
      kind: 'paragraph',
      lines: ['[Votre situation : pas d’accès à internet, ou tentatives répétées sur le site]'],
    });
  }

  if (form.includeStatistics && facts.statistics)
    blocks.push({ kind: 'paragraph', lines: [statisticsParagraph(facts, facts.statistics)] });
  if (form.includeStatistics && facts.statistics?.attempts)
    blocks.push({ kind: 'paragraph', lines: [facts.statistics.attempts] });

  const urgency = [
    ...(isCalendarDay(form.expiry)
      ? [`Mon ${CURRENT_DOCUMENTS[form.currentDocument]} actuel expire le ${letterDay(form.expiry)}.`]
      : []),
    ...(oneLine(form.urgency) ? [oneLine(form.urgency)] : []),
  ];
  if (urgency.length) blocks.push({ kind: 'paragraph', lines: [`Ma demande est urgente. ${urgency.join(' ')}`] });

  if (isCalendarDay(form.visitDate)) {
    const time = form.visitTime ? ` à ${letterTime(form.visitTime)}` : '';
    blocks.push({
      kind: 'paragraph',
      lines: [
        `Je vous informe que je me présenterai au service des étrangers de la préfecture le ${letterDay(form.visitDate)}${time}, avec une copie de ce courrier, afin d’obtenir ce rendez-vous.`,
      ],
    });
  }

  blocks.push(
    {
      kind: 'paragraph',
      lines: [
        'Je vous demande donc de bien vouloir me fixer, dans un délai raisonnable, un rendez-vous pour déposer ma demande, ou de m’indiquer une autre façon de la déposer. Faute de rendez-vous, je me réserve la possibilité de saisir le juge administratif.',
      ],
    },
    {
      kind: 'closing',
      lines: ['Je vous prie d’agréer, Madame, Monsieur, l’expression de mes salutations distinguées.'],
    },
    { kind: 'signature', lines: [or(form.name, 'Nom et prénom')] },
  );

  const attachments = [
    ...(Object.keys(ATTACHMENTS) as Attachment[])
      .filter((attachment) => form.attachments.includes(attachment))
      // Screenshots go with listed attempts only; the evidence pack with cited statistics only.
      .filter((attachment) => attachment !== 'captures' || form.situation === 'tentatives')
      .filter((attachment) => attachment !== 'dossier' || (form.includeStatistics && facts.statistics !== null))
      .map((attachment) =>
        attachment === 'dossier' ? `${ATTACHMENTS.dossier} (${facts.evidencePackUrl})` : ATTACHMENTS[attachment],
      ),
    ...lines(form.otherAttachments),
  ];
  if (attachments.length) blocks.push({ kind: 'attachments', lines: ['Pièces jointes :', ...attachments] });
  // French spacing here, once, for the preview, the print, the .txt and the .odt alike.
  return blocks.map((block) => ({ ...block, lines: block.lines.map(frenchSpacing) }));
}

/** The letter as plain text (CRLF line ends, for every text editor). */
export function letterText(blocks: readonly LetterBlock[]): string {
  return (
    blocks
      .map((block) => {
        if (block.kind === 'list') return block.lines.map((line) => `– ${line}`).join('\r\n');
        if (block.kind === 'attachments')
          return [block.lines[0], ...block.lines.slice(1).map((line) => `– ${line}`)].join('\r\n');
        // Room to sign under the name.
        if (block.kind === 'signature') return `${block.lines.join('\r\n')}\r\n\r\n`;
        return block.lines.join('\r\n');
      })
      .join('\r\n\r\n') + '\r\n'
  );
}

/** A problem with one form field: its id and what to do. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * What must be fixed before the letter is printed or downloaded, in the order
 * of the form. `today` bounds the dates of past attempts.
 */
export function letterErrors(form: LetterForm, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const need = (ok: boolean, field: string, message: string) => {
    if (!ok) errors.push({ field, message: frenchSpacing(message) });
  };
  need(oneLine(form.name) !== '', 'name', 'Indiquez votre nom et votre prénom.');
  need(
    lines(form.address).length > 0,
    'address',
    'Indiquez votre adresse postale : la préfecture y enverra sa réponse.',
  );
  need(
    /\b\d{5}\b/.test(form.prefectureAddress),
    'prefectureAddress',
    'Complétez l’adresse de la préfecture (rue, code postal et ville), telle qu’elle figure sur le site internet de la préfecture.',
  );
  need(oneLine(form.place) !== '', 'place', 'Indiquez la ville d’où vous écrivez.');
  need(isCalendarDay(form.date), 'date', 'Indiquez la date du courrier.');
  need(oneLine(form.title) !== '', 'title', 'Indiquez le titre de séjour demandé.');
  need(
    form.situation !== '',
    'situation',
    'Choisissez votre situation : pas d’accès à internet, ou tentatives répétées sur le site.',
  );
  if (form.situation === 'tentatives') {
    const latest = isCalendarDay(form.date) && form.date < today ? form.date : today;
    form.attempts.forEach((attempt, index) => {
      if (!attempt.day && !attempt.time) return;
      need(isCalendarDay(attempt.day), `attempt-${index}-day`, `Indiquez la date de la tentative n° ${index + 1}.`);
      need(attempt.time !== '', `attempt-${index}-time`, `Indiquez l’heure de la tentative n° ${index + 1}.`);
      if (isCalendarDay(attempt.day))
        need(
          attempt.day <= latest,
          `attempt-${index}-day`,
          `La tentative n° ${index + 1} est datée après le courrier ou après aujourd’hui.`,
        );
    });
    need(
      datedAttempts(form.attempts).length > 0,
      'attempts',
      'Indiquez au moins une tentative, avec sa date et son heure.',
    );
  }
  if (isCalendarDay(form.visitDate) && isCalendarDay(form.date)) {
    need(form.visitDate > form.date, 'visitDate', 'La visite annoncée doit avoir lieu après la date du courrier.');
  }
  need(!form.visitTime || isCalendarDay(form.visitDate), 'visitDate', 'Indiquez le jour de la visite annoncée.');
  return errors;
}

/**
 * Advice on the attempts listed, not blocking: judges ask for several
 * attempts not all made the same week (CE, 10 juin 2020, n° 435594).
 */
export function attemptAdvice(form: LetterForm): string[] {
  if (form.situation !== 'tentatives') return [];
  const attempts = datedAttempts(form.attempts);
  const advice: string[] = [];
  if (attempts.length > 0 && attempts.length < 3) {
    advice.push(
      'Le juge demande plusieurs tentatives : faites-en au moins trois à cinq, sur plus d’une semaine, avant d’envoyer le courrier.',
    );
  }
  if (attempts.length > 1 && new Set(attempts.map((attempt) => isoWeek(attempt.day))).size === 1) {
    advice.push(
      'Toutes vos tentatives sont dans la même semaine. Le Conseil d’État a rejeté une demande pour cette raison (10 juin 2020, n° 435594) : faites d’autres tentatives les semaines suivantes.',
    );
  }
  return advice.map(frenchSpacing);
}
