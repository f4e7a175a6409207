/**
 * The rows a prerendered month page writes into its HTML, read from the
 * month's published `.csv.gz` that the month store already holds (made once
 * per build, or taken from the month cache), rather than by parsing and
 * validating the month file again for every page: the file was validated
 * when the dataset was loaded. These are the bytes the browser draws older
 * months from, read by the same code (publishedRawRows), so a month's table
 * is the same whether it is prerendered or drawn.
 */
import { gunzipSync } from 'node:zlib';
import { parseCsv } from '../lib/csv.ts';
import { decodeUtf8 } from '../lib/utf8.ts';
import type { Procedure } from '../lib/registry.ts';
import { monthStore } from './dataset.ts';
import { monthDownloadPath } from './paths.ts';
import { publishedRawRows, type RawProbeRow } from './raw-month-table.ts';

/** The published rows of one procedure-month of `dataDir`, in the file's order. */
export function prerenderedMonthRows(
  dataDir: string,
  procedure: Pick<Procedure, 'department' | 'slug'>,
  month: string,
): RawProbeRow[] {
  const source = monthDownloadPath(procedure, month);
  const text = decodeUtf8(gunzipSync(monthStore().products(dataDir, procedure, month).monthGz), source);
  const rows = publishedRawRows(parseCsv(text, source));
  if (rows === null) throw new Error(`${source}: the published month file lacks a raw-data column`);
  return rows.map(({ row }) => row);
}
