/**
 * What a page says, in its footer and on every printed sheet, about the data
 * it was made from. Pages built from the whole dataset (home, procedure
 * summary, current month…) give the compile date and the dataset's version,
 * which change every hour. A closed month's page gives its own file's version
 * instead: its content never changes, so neither do its bytes, and an hourly
 * deploy leaves it alone. Pages that show no data (guides, method) give none.
 */
import { formatParisDateTime } from '../lib/format.ts';
import type { Dataset } from '../lib/dataset.ts';

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
