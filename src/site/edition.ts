/**
 * What a page says, in its footer and on every printed sheet, about the data
 * it was made from: the version and the date of the data it shows, never
 * more. Pages built from the whole dataset (home, data page, current month…)
 * give the compile date and the dataset's version, which change every hour.
 * A procedure's pages give the date of its latest probe and the version of its
 * month files, a department's page those of its procedures: a procedure no
 * longer probed keeps its bytes from build to build. A closed month's page
 * gives its own file's version: its content never changes, so neither do its
 * bytes, and an hourly deploy leaves it alone. Pages that show no data
 * (guides, method) give none.
 */
import { formatParisDateTime } from '../lib/format.ts';
import type { Dataset, ProcedureData } from '../lib/dataset.ts';
import { filesVersion } from '../lib/month-version.ts';

/** The data statement of a page. */
export interface Edition {
  /** What the data are, e.g. « données compilées le 31 mars 2018 à 23 h 20 » or « mois clos ». */
  statement: string;
  /** Words before the version, e.g. « version des données ». */
  versionLabel: string;
  /** The short SHA-256 cited. */
  version: string;
}

/** The whole dataset's edition: compile date and dataset version. */
export function datasetEdition(dataset: Pick<Dataset, 'compiledAt' | 'version'>): Edition {
  return {
    statement:
      dataset.compiledAt === null
        ? 'aucun sondage enregistré'
        : `données compilées le ${formatParisDateTime(dataset.compiledAt)}`,
    versionLabel: 'version des données',
    version: dataset.version,
  };
}

/** « données arrêtées au dernier sondage, le … » for the latest probe of what a page shows. */
function latestProbeStatement(latestProbe: number | null): string {
  return latestProbe === null
    ? 'aucun sondage enregistré'
    : `données arrêtées au dernier sondage, le ${formatParisDateTime(latestProbe)}`;
}

/** The version of one procedure's month files (filesVersion over `YYYY-MM.csv`). */
export function procedureVersion(data: Pick<ProcedureData, 'monthDigests'>): string {
  return filesVersion(Object.entries(data.monthDigests).map(([month, digest]) => ({ name: `${month}.csv`, digest })));
}

/** The version of the month files of a department's procedures (filesVersion over `slug/YYYY-MM.csv`). */
export function departmentVersion(procedures: readonly Pick<ProcedureData, 'procedure' | 'monthDigests'>[]): string {
  return filesVersion(
    procedures.flatMap(({ procedure, monthDigests }) =>
      Object.entries(monthDigests).map(([month, digest]) => ({ name: `${procedure.slug}/${month}.csv`, digest })),
    ),
  );
}

/** A procedure's edition: its latest probe and the version of its month files, unchanged while it gets no probe. */
export function procedureEdition(data: Pick<ProcedureData, 'latestProbe' | 'monthDigests'>): Edition {
  return {
    statement: latestProbeStatement(data.latestProbe),
    versionLabel: 'version des données de la démarche',
    version: procedureVersion(data),
  };
}

/** A department's edition: the latest probe of its procedures and the version of their month files. */
export function departmentEdition(
  procedures: readonly Pick<ProcedureData, 'procedure' | 'latestProbe' | 'monthDigests'>[],
): Edition {
  const probes = procedures.flatMap(({ latestProbe }) => (latestProbe === null ? [] : [latestProbe]));
  return {
    statement: latestProbeStatement(probes.length === 0 ? null : Math.max(...probes)),
    versionLabel: 'version des données du département',
    version: departmentVersion(procedures),
  };
}

/** A closed month's edition: its file's version only, the same at every later build. */
export function closedMonthEdition(monthVersion: string): Edition {
  return { statement: 'mois clos', versionLabel: 'version des données du mois', version: monthVersion };
}

/** The text of an edition in one line, as the printed head margin shows it. */
export function editionLine(edition: Edition | null): string {
  return [
    'Guichets fermés',
    ...(edition ? [edition.statement, `${edition.versionLabel} ${edition.version}`] : []),
  ].join(' · ');
}

/** What a procedure's citation block cites: its edition, with what the version is the version of. */
export function procedureCitation(data: Pick<ProcedureData, 'latestProbe' | 'monthDigests'>) {
  const edition = procedureEdition(data);
  return {
    value: edition.version,
    statement: edition.statement,
    label: edition.versionLabel,
    explanation:
      'empreinte des fichiers mensuels de cette démarche, vérifiable comme l’explique la page Données : elle change dès qu’un de ces fichiers change, et seulement alors',
  };
}
