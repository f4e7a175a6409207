/**
 * What the pages of one procedure beside its main page (the embed, the
 * evidence pack, the letter) set up from the dataset: written once, so that
 * they state the same headline figure, status, place, subject and addresses.
 */
import type { Dataset, ProcedureData } from '../lib/dataset.ts';
import { department } from '../lib/departments.ts';
import { headlineFigure } from '../lib/headline.ts';
import { procedureStatus } from '../lib/procedure-status.ts';
import { procedureEdition } from './edition.ts';
import { absoluteUrl, procedurePath } from './paths.ts';

/** The common facts of a procedure's page; `site` is the deployment's address when known (Astro.site). */
export function procedureFacts(
  data: ProcedureData,
  dataset: Pick<Dataset, 'compiledAt' | 'version'>,
  site: URL | undefined,
) {
  const { procedure } = data;
  const headline = headlineFigure(data.months, dataset.compiledAt);
  const edition = procedureEdition(data);
  return {
    procedure,
    headline,
    /** Whether there is a figure to show, or why not. */
    status: procedureStatus({ months: data.months, until: procedure.until }, headline),
    place: department(procedure.department),
    /** The procedure and its office, as titles and captions name it. */
    subject: `${procedure.procedure}, ${procedure.prefecture}`,
    /** The procedure page's permanent address: what the embed, the pack and the letter cite. */
    permalink: absoluteUrl(procedurePath(procedure), site),
    /** The date and version of this procedure's data: what its pages cite, unchanged while it gets no probe. */
    edition,
    /** « données arrêtées au dernier sondage, le … », or that nothing was recorded yet. */
    compiled: edition.statement,
  };
}
