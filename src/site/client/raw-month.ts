/**
 * Draws the table of an older raw-data month (outside the prerendered window,
 * see raw-month-publishing.ts) from the month's published `.csv.gz`, with the
 * same row builder as the prerendered months, so both read and print alike.
 * While it loads the page says so; if it fails it says why and offers the
 * CSV. Once the rows are in, it tells the range filter (range-filter.ts).
 */
import { parseCsv } from '../../lib/csv.ts';
import { frenchSpacing } from '../../lib/french-typography.ts';
import { publishedRawRows, rawMonthRows, type RawProbeRow } from '../raw-month-table.ts';

/** Dispatched on `document` once the rows are in the table; range-filter.ts listens for it. */
const RENDERED_EVENT = 'raw-month:rendered';

const PROBED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const DAY_OR_EMPTY = /^(\d{4}-\d{2}-\d{2})?$/;

/** A failure worth telling the visitor, in French. */
class LoadError extends Error {}

/** The file's text: gunzipped here, unless the host already did it (Content-Encoding: gzip). */
async function fetchText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new LoadError('le fichier n’a pas pu être téléchargé ; vérifiez votre connexion');
  }
  if (!response.ok) throw new LoadError(`le serveur a répondu par une erreur ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

/** The month's rows, checked enough that nothing but a probe of this month reaches the page. */
function monthRows(text: string, url: string, month: string): RawProbeRow[] {
  const rows = publishedRawRows(parseCsv(text, url));
  if (rows === null) throw new LoadError('le fichier n’a pas les colonnes attendues');
  return rows.map(({ line, row }) => {
    const { probed_at, outcome, first_date, second_date } = row;
    if (
      !PROBED_AT.test(probed_at) ||
      !probed_at.startsWith(month) ||
      !DAY_OR_EMPTY.test(first_date) ||
      !DAY_OR_EMPTY.test(second_date) ||
      !/^[a-z_]+$/.test(outcome)
    ) {
      throw new LoadError(`la ligne ${line} du fichier est illisible`);
    }
    return row;
  });
}

/** Fills the table, or says why it could not. */
async function drawTable(table: HTMLTableElement, status: HTMLElement): Promise<void> {
  const url = table.dataset.rawMonthCsv!;
  const month = table.dataset.rawMonth!;
  table.setAttribute('aria-busy', 'true');
  status.textContent = 'Chargement des sondages de ce mois…';
  try {
    table.insertAdjacentHTML('beforeend', rawMonthRows(monthRows(await fetchText(url), url, month)));
    status.textContent = '';
    table.dataset.rawMonthRendered = '';
    document.dispatchEvent(new CustomEvent(RENDERED_EVENT));
  } catch (error) {
    // parseCsv's errors and the browser's own are in English: the visitor gets a French reason.
    const reason = error instanceof LoadError ? error.message : 'le fichier est illisible';
    status.classList.add('raw-month-error');
    status.textContent = frenchSpacing(
      `Le tableau de ce mois n’a pas pu être affiché : ${reason}. Les sondages restent disponibles dans le fichier CSV du mois : `,
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = '';
    link.textContent = 'télécharger le CSV (compressé .gz)';
    status.append(link, '.');
  } finally {
    table.removeAttribute('aria-busy');
  }
}

const table = document.querySelector<HTMLTableElement>('table[data-raw-month-csv]');
const status = document.querySelector<HTMLElement>('[data-raw-month-status]');
if (table && status) void drawTable(table, status);
