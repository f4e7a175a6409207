/**
 * The published tables: their columns, what every column means, and the
 * Frictionless Data Package (`datapackage.json`) that describes them for
 * tools such as R's frictionless, pandas or Open Data Editor. The downloads
 * are written in these column orders and the « Données » page renders its data
 * dictionary from these definitions, so the files, the package and the page
 * cannot disagree.
 */
import path from 'node:path';
import { COLOURS, COLOUR_STYLES } from '../lib/colour.ts';
import type { Dataset } from '../lib/dataset.ts';
import { OUTCOMES } from '../lib/outcome.ts';
import { EVIDENCE_COLUMN, MAX_DETAIL_LENGTH, PROBE_COLUMNS } from '../lib/probe.ts';
import { BOOKING_SYSTEMS, OPTIONAL_REGISTRY_COLUMNS, REGISTRY_COLUMNS } from '../lib/registry.ts';
import { ALL_PROBES_PATH, DATAPACKAGE_PATH, NATIONAL_STATISTICS_PATH, REGISTRY_DOWNLOAD_PATH } from './paths.ts';

/** The derived column added after a probe's own columns. */
const COLOUR_COLUMN = 'colour';

/** Columns of a month file `sondages/{dep}/{slug}/{YYYY-MM}.csv.gz` (extra columns such as evidence hashes stay in the data repository). */
export const MONTH_PROBE_COLUMNS = [...PROBE_COLUMNS, COLOUR_COLUMN] as const;

/** Columns of `sondages.csv.gz`: every probe, extras dropped so that every row has the same columns. */
export const ALL_PROBES_COLUMNS = ['department', 'slug', ...MONTH_PROBE_COLUMNS] as const;

const SHARE_COLUMNS = COLOURS.map((colour) => `share_${colour}` as const);

/** Columns of a procedure's statistics file `statistiques/{dep}/{slug}.csv`, one row per month. */
export const STATISTICS_COLUMNS = [
  'month',
  'successful',
  ...COLOURS,
  'failed',
  ...SHARE_COLUMNS,
  'opening_rate',
  'share_within_month',
  'hours',
  'probed_hours',
] as const;

/** Columns of `statistiques-mensuelles.csv`: the statistics of every procedure-month, with the procedure named. */
export const NATIONAL_STATISTICS_COLUMNS = [
  'department',
  'department_name',
  'slug',
  'prefecture',
  'procedure',
  ...STATISTICS_COLUMNS,
] as const;

/** The known columns of `procedures.csv`; the registry's extra columns follow as they are. */
export const KNOWN_REGISTRY_COLUMNS = [...REGISTRY_COLUMNS, ...OPTIONAL_REGISTRY_COLUMNS] as const;

type KnownColumn =
  | (typeof ALL_PROBES_COLUMNS)[number]
  | (typeof NATIONAL_STATISTICS_COLUMNS)[number]
  | (typeof KNOWN_REGISTRY_COLUMNS)[number]
  | typeof EVIDENCE_COLUMN;

/** A Table Schema field: what a column holds, described in French for the visitors and the package. */
export interface Field {
  name: string;
  type: 'string' | 'integer' | 'number' | 'date' | 'datetime' | 'yearmonth';
  format?: 'uri';
  description: string;
  constraints?: { required?: true; enum?: readonly string[]; minimum?: number; maximum?: number; pattern?: string };
}

/**
 * How the downloads keep a spreadsheet from running a cell as a formula
 * (csv.ts, neutraliseFormula), told to readers in the package and on the
 * « Données » page.
 */
export const FORMULA_NOTE =
  "Une case dont le texte commencerait par =, +, -, @, une tabulation ou un retour chariot (sauf un simple nombre comme -5) est publiée précédée d’une apostrophe droite (') " +
  'et entre guillemets, pour qu’un tableur ne l’exécute jamais comme une formule (recommandation de l’OWASP sur l’injection de formules dans les CSV)\u202f; ' +
  'retirez cette seule apostrophe pour retrouver le texte d’origine. Seuls les fichiers téléchargés du site sont ainsi protégés, pas les fichiers mensuels du dépôt de données.';

const quoted = (value: string) => `« ${value} »`;

/** Every column the downloads can hold, defined once. */
const FIELDS: Record<KnownColumn, Omit<Field, 'name'>> = {
  department: {
    type: 'string',
    description: 'Code INSEE du département de la préfecture : 01 à 95, 2A, 2B, 971 à 976.',
    constraints: { required: true, pattern: '([0-9]{2}|2A|2B|97[1-6])' },
  },
  department_name: { type: 'string', description: 'Nom du département.', constraints: { required: true } },
  slug: {
    type: 'string',
    description:
      'Identifiant de la démarche dans son département (minuscules, chiffres et tirets). Avec le département, il forme l’adresse permanente de la démarche : /{department}/{slug}/.',
    constraints: { required: true, pattern: '[a-z0-9]+(-[a-z0-9]+)*' },
  },
  prefecture: {
    type: 'string',
    description: 'La préfecture ou sous-préfecture, comme le public la désigne.',
    constraints: { required: true },
  },
  procedure: {
    type: 'string',
    description: 'Le nom de la démarche sur le site de réservation.',
    constraints: { required: true },
  },
  system: {
    type: 'string',
    description:
      'Le système de réservation sondé : legacy-booking (ancien module de réservation des sites de préfecture) ou rdv-prefecture (plateforme nationale).',
    constraints: { required: true, enum: BOOKING_SYSTEMS },
  },
  url: {
    type: 'string',
    format: 'uri',
    description: 'L’adresse de la page où l’on commence la réservation, celle que le robot sonde.',
    constraints: { required: true },
  },
  planning: {
    type: 'string',
    description: 'Numéro du guichet à sonder quand le formulaire de l’ancien module en propose plusieurs ; vide sinon.',
  },
  since: { type: 'date', description: 'Premier jour sondé (AAAA-MM-JJ, heure de Paris) ; vide : depuis le début.' },
  until: {
    type: 'date',
    description: 'Dernier jour sondé, inclus (AAAA-MM-JJ) ; vide tant que la démarche est suivie.',
  },
  probed_at: {
    type: 'datetime',
    description:
      'Début du sondage : heure de Paris avec le décalage horaire d’alors, à la seconde (ISO 8601), par exemple 2018-03-01T16:20:25+01:00.',
    constraints: { required: true },
  },
  outcome: {
    type: 'string',
    description:
      'Résultat du sondage : slots (au moins une date proposée), none (aucune date disponible) ; toute autre valeur est un sondage échoué (timeout, http_error, blocked…).',
    constraints: { required: true, enum: OUTCOMES },
  },
  first_date: {
    type: 'date',
    description: 'Jour du premier créneau libre proposé (AAAA-MM-JJ) ; renseigné seulement quand outcome vaut slots.',
  },
  second_date: {
    type: 'date',
    description:
      'Jour du deuxième créneau libre proposé, éventuellement le même jour que le premier ; vide quand un seul créneau était proposé.',
  },
  detail: {
    type: 'string',
    description: `Court texte libre, sur une ligne et d’au plus ${MAX_DETAIL_LENGTH} caractères : pourquoi le sondage a échoué, ce que disait la page. Peut être vide.`,
  },
  colour: {
    type: 'string',
    description:
      'Couleur du sondage (vert, jaune, orange, rouge, noir), calculée à partir de outcome, first_date et second_date selon l’échelle de La Cimade ; vide pour un sondage échoué, qui n’a pas de couleur.',
    constraints: { enum: COLOURS },
  },
  [EVIDENCE_COLUMN]: {
    type: 'string',
    description:
      'Empreinte SHA-256 de la page décisive vue par le robot, qui permet de retrouver cette page dans les preuves conservées ; vide quand aucune page n’a été conservée.',
  },
  month: {
    type: 'yearmonth',
    description: 'Le mois (AAAA-MM), selon l’heure de Paris.',
    constraints: { required: true },
  },
  successful: {
    type: 'integer',
    description:
      'Nombre de sondages réussis du mois (le site a répondu, avec ou sans date) : le dénominateur de chaque part.',
    constraints: { required: true, minimum: 0 },
  },
  ...colourCountFields(),
  failed: {
    type: 'integer',
    description: 'Nombre de sondages échoués du mois : comptés à part, jamais dans une couleur ni comme « noir ».',
    constraints: { required: true, minimum: 0 },
  },
  ...colourShareFields(),
  opening_rate: {
    type: 'number',
    description:
      'Ancien chiffre principal (« taux d’ouverture ») : part des sondages réussis qui proposaient au moins une date, si lointaine soit-elle (toutes les couleurs sauf noir), en nombre décimal à 4 chiffres ; vide quand aucun sondage n’a réussi. Il vaut share_within_month + share_orange + share_rouge.',
    constraints: { minimum: 0, maximum: 1 },
  },
  share_within_month: {
    type: 'number',
    description:
      'Accès à un mois, le chiffre principal du site : part des sondages réussis qui proposaient une date dans le mois qui suit le sondage (vert + jaune), en nombre décimal à 4 chiffres ; vide quand aucun sondage n’a réussi.',
    constraints: { minimum: 0, maximum: 1 },
  },
  hours: {
    type: 'integer',
    description:
      'Heures du mois à l’heure de Paris (743 en mars, 745 en octobre) ; pour le mois en cours, heures écoulées jusqu’au dernier sondage enregistré.',
    constraints: { required: true, minimum: 0 },
  },
  probed_hours: {
    type: 'integer',
    description:
      'Heures de ces heures-là où au moins un sondage a été tenté (réussi ou échoué) ; hours − probed_hours est le nombre d’heures sans aucun sondage.',
    constraints: { required: true, minimum: 0 },
  },
};

/** The count column of each colour, its definition quoted from the legend. */
function colourCountFields(): Record<(typeof COLOURS)[number], Omit<Field, 'name'>> {
  return Object.fromEntries(
    COLOURS.map((colour) => [
      colour,
      {
        type: 'integer',
        description: `Nombre de sondages réussis de couleur ${quoted(colour)} : ${COLOUR_STYLES[colour].definition}.`,
        constraints: { required: true, minimum: 0 },
      },
    ]),
  ) as Record<(typeof COLOURS)[number], Omit<Field, 'name'>>;
}

/** The share column of each colour. */
function colourShareFields(): Record<(typeof SHARE_COLUMNS)[number], Omit<Field, 'name'>> {
  return Object.fromEntries(
    COLOURS.map((colour) => [
      `share_${colour}`,
      {
        type: 'number',
        description: `Part des sondages réussis de couleur ${quoted(colour)} (${colour} / successful), en nombre décimal à 4 chiffres (0.7500 pour 75 %) ; vide quand aucun sondage n’a réussi.`,
        constraints: { minimum: 0, maximum: 1 },
      },
    ]),
  ) as Record<(typeof SHARE_COLUMNS)[number], Omit<Field, 'name'>>;
}

/** The field of a column; a column the project does not know (a registry or month-file extra) is text kept as published. */
export function fieldOf(name: string): Field {
  const known = (FIELDS as Record<string, Omit<Field, 'name'>>)[name];
  return { name, ...(known ?? { type: 'string', description: 'Colonne supplémentaire, publiée telle quelle.' }) };
}

/** A Table Schema for a header: every column in file order. */
function tableSchema(header: readonly string[], primaryKey: readonly string[], referencesProcedures: boolean) {
  return {
    fields: header.map(fieldOf),
    missingValues: [''],
    primaryKey,
    ...(referencesProcedures
      ? {
          foreignKeys: [
            { fields: ['department', 'slug'], reference: { resource: 'procedures', fields: ['department', 'slug'] } },
          ],
        }
      : {}),
  };
}

/** A resource's path relative to datapackage.json, as the spec requires. */
function relativeToPackage(sitePath: string): string {
  return path.posix.relative(path.posix.dirname(DATAPACKAGE_PATH), sitePath);
}

/** A CSV resource; `gzipped` adds the compression a tool needs to read it. */
function csvResource(sitePath: string, gzipped: boolean) {
  return {
    path: relativeToPackage(sitePath),
    profile: 'tabular-data-resource',
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    ...(gzipped ? { compression: 'gz' } : {}),
    dialect: { delimiter: ',', lineTerminator: '\n', quoteChar: '"', doubleQuote: true, header: true },
  };
}

export const LICENCE = {
  name: 'etalab-2.0',
  path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
  title: 'Licence Ouverte / Open Licence version 2.0',
} as const;

/** The instant of the latest probe as ISO 8601 UTC to the second, or null when there is no probe. */
export function compiledAtIso(dataset: Pick<Dataset, 'compiledAt'>): string | null {
  return dataset.compiledAt === null ? null : new Date(dataset.compiledAt).toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * The Data Package of the downloads. The per-procedure files (statistics and
 * month files) are slices of `statistiques-mensuelles` and `sondages`: they are
 * described by their path pattern rather than listed one by one, so that a
 * tool opening the package sees three tables instead of tens of thousands of
 * resources (and `frictionless validate` does not fetch every month file).
 */
export function dataPackage(dataset: Pick<Dataset, 'compiledAt' | 'version'>, registryHeader: readonly string[]) {
  const created = compiledAtIso(dataset);
  return {
    profile: 'tabular-data-package',
    name: 'guichets-fermes',
    title: 'Guichets fermés : sondages des sites de rendez-vous en ligne des préfectures',
    description:
      'Chaque heure, un robot consulte les pages de prise de rendez-vous en ligne des préfectures, démarche par démarche, et note si des dates sont proposées et lesquelles. ' +
      'Ce paquet décrit les sondages bruts, leurs statistiques mensuelles et le registre des démarches sondées. La couleur de chaque sondage est calculée, jamais enregistrée ; ' +
      'les sondages échoués n’ont pas de couleur et ne comptent jamais comme « noir ». ' +
      FORMULA_NOTE,
    version: dataset.version,
    ...(created ? { created } : {}),
    licenses: [LICENCE],
    contributors: [{ title: 'Guichets fermés', role: 'author' }],
    keywords: ['préfecture', 'titre de séjour', 'rendez-vous en ligne', 'étrangers', 'accès au service public'],
    resources: [
      {
        name: 'procedures',
        title: 'Registre des démarches sondées',
        description:
          'Une ligne par démarche sondée : la préfecture, la démarche, la page de réservation et la période de sondage.',
        ...csvResource(REGISTRY_DOWNLOAD_PATH, false),
        schema: tableSchema(registryHeader, ['department', 'slug'], false),
      },
      {
        name: 'statistiques-mensuelles',
        title: 'Statistiques mensuelles de toutes les démarches',
        description:
          'Une ligne par démarche et par mois : sondages réussis, nombre et part de chaque couleur, sondages échoués, accès à un mois (share_within_month, le chiffre principal) et l’ancien taux d’ouverture (opening_rate). ' +
          'Les mêmes lignes existent pour chaque démarche dans statistiques/{department}/{slug}.csv, avec les colonnes à partir de month, du mois le plus ancien au plus récent. ' +
          'Les mêmes chiffres, avec la couverture, la version de chaque mois et les métadonnées, existent en JSON à côté de chaque page de démarche (/{department}/{slug}/statistiques.json, liste des démarches dans /index.json).',
        ...csvResource(NATIONAL_STATISTICS_PATH, false),
        schema: tableSchema(NATIONAL_STATISTICS_COLUMNS, ['department', 'slug', 'month'], true),
      },
      {
        name: 'sondages',
        title: 'Tous les sondages',
        description:
          'Un sondage par ligne, démarche par démarche et mois par mois, avec sa couleur calculée. ' +
          'Les mêmes sondages existent pour chaque démarche et chaque mois dans sondages/{department}/{slug}/{AAAA-MM}.csv.gz, ' +
          'sans les colonnes department et slug. ' +
          `L’empreinte de la page conservée comme preuve (${EVIDENCE_COLUMN}) ne figure que dans les fichiers mensuels du dépôt de données (data/probes).`,
        ...csvResource(ALL_PROBES_PATH, true),
        schema: tableSchema(ALL_PROBES_COLUMNS, ['department', 'slug', 'probed_at'], true),
      },
    ],
  };
}
