/**
 * The « Tableau de suivi » template of a collective litigation: one row per
 * person, the columns the guide « Pourquoi un contentieux de masse » lists.
 * The site only offers the empty template (CSV and ODS); whoever coordinates
 * fills it in on their own computer, and the site never sees it.
 */
import { formatCsv } from '../../lib/csv.ts';
import { spreadsheet } from './opendocument.ts';

/** The columns, in order. « Personne » is an internal identifier: no name in a shared file. */
export const TRACKING_COLUMNS = [
  'Personne (identifiant interne)',
  'Contact',
  'Préfecture et démarche',
  'Dates des tentatives',
  'Date du courrier recommandé',
  'Avocat·e référent·e',
  'Type de référé',
  'Date de dépôt',
  'Numéro de requête',
  'Date d’audience',
  'Issue',
  'Date du rendez-vous obtenu',
  'Remarques',
] as const;

/** Empty rows the templates come with, so the grid shows where to write. */
export const TEMPLATE_ROWS = 30;

/** How to use the table, on the spreadsheet's second sheet. */
export const TRACKING_INSTRUCTIONS = [
  'Tableau de suivi d’un contentieux collectif (modèle du site Guichets fermés).',
  'Une ligne par personne accompagnée. Dans « Personne », un identifiant interne (par exemple ABC-01), jamais le nom : la correspondance entre identifiants et noms se garde à part.',
  'Type de référé : mesures utiles (L.521-3), suspension (L.521-1) ou liberté (L.521-2). Voir le guide « Les trois référés ».',
  'Issue : rendez-vous obtenu avant l’audience (non-lieu), injonction, rejet.',
  'Ce fichier contient des informations sensibles sur des personnes en situation fragile : gardez-le dans un espace à accès restreint, jamais en ligne en accès libre.',
  'Le site Guichets fermés ne reçoit ni ne garde ce tableau : il ne fournit que le modèle vide.',
];

/**
 * The template as CSV: UTF-8 with a byte-order mark so that Excel reads the
 * accents, comma-separated, CRLF line ends, the header and empty rows; written
 * by the project's one CSV writer, formulas neutralised like every download.
 */
export function trackingCsv(): string {
  const empty = TRACKING_COLUMNS.map(() => '');
  return formatCsv([TRACKING_COLUMNS, ...Array.from({ length: TEMPLATE_ROWS }, () => empty)], {
    forSpreadsheets: true,
    lineEnd: '\r\n',
    byteOrderMark: true,
  });
}

/** The template as an .ods spreadsheet: the table, and the instructions on a second sheet. */
export function trackingOds(): Uint8Array<ArrayBuffer> {
  return spreadsheet([
    {
      name: 'Suivi',
      header: TRACKING_COLUMNS,
      rows: Array.from({ length: TEMPLATE_ROWS }, () => TRACKING_COLUMNS.map(() => '')),
      columnWidth: 4,
    },
    {
      name: 'Mode d’emploi',
      header: ['Mode d’emploi'],
      rows: TRACKING_INSTRUCTIONS.map((line) => [line]),
      columnWidth: 24,
    },
  ]);
}
