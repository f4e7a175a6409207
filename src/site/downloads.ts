/**
 * The open-data downloads, written next to the rendered pages at every build:
 * raw probes per procedure-month and as one file, month statistics per
 * procedure and for the whole country, the registry, and the Data Package
 * that describes them. Each month's rows are formatted and compressed once,
 * with everything else derived from its file (src/site/month-store.ts), and
 * taken from the month cache when the file has not changed; one month is in
 * memory at a time, whatever the size of the data (26 million probes at full
 * scale). Rebuilding the same data gives byte-identical files, with or without
 * the cache: rows follow the data's order, and gzip writes no timestamp.
 */
import { mkdirSync, writeFileSync, createWriteStream, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { COLOURS } from '../lib/colour.ts';
import { formatCsv, parseCsv } from '../lib/csv.ts';
import { readDataFile, registryPath } from '../lib/data-directory.ts';
import type { Dataset, ProcedureData } from '../lib/dataset.ts';
import { department } from '../lib/departments.ts';
import { monthCoverage } from '../lib/coverage.ts';
import { formatDecimalShare } from '../lib/format.ts';
import { withinMonthCount, type MonthStatistics } from '../lib/month-statistics.ts';
import type { Probe } from '../lib/probe.ts';
import type { Procedure } from '../lib/registry.ts';
import {
  ALL_PROBES_COLUMNS,
  dataPackage,
  MONTH_PROBE_COLUMNS,
  NATIONAL_STATISTICS_COLUMNS,
  STATISTICS_COLUMNS,
} from './datapackage.ts';
import {
  ALL_PROBES_PATH,
  DATAPACKAGE_PATH,
  monthDownloadPath,
  NATIONAL_STATISTICS_PATH,
  procedureStatisticsPath,
  REGISTRY_DOWNLOAD_PATH,
} from './paths.ts';
import { deflateChunk, gzipOfChunks, type DeflateChunk } from './deflate-chunks.ts';
import { MonthStore } from './month-store.ts';

/**
 * A published CSV: the data contract's format, with every cell a spreadsheet
 * would run as a formula neutralised (an apostrophe before it, see
 * neutraliseFormula), since a probe's detail quotes prefecture pages.
 */
function publishedCsv(rows: readonly (readonly string[])[]): string {
  return formatCsv(rows, { forSpreadsheets: true });
}

/**
 * A published CSV meant to be opened in a spreadsheet (the statistics and the
 * registry): it starts with a UTF-8 byte-order mark, without which Excel reads
 * « Préfecture » as « PrÃ©fecture ». The gzipped probe files are for programs
 * (R, pandas, DuckDB), which a BOM would only trip up (a first column named
 * "\ufeffprobed_at"), so they have none.
 */
function spreadsheetCsv(rows: readonly (readonly string[])[]): string {
  return formatCsv(rows, { forSpreadsheets: true, byteOrderMark: true });
}

/** The size in bytes of each download, by site path, as written. */
export type DownloadSizes = Record<string, number>;

/**
 * Writes every download under `outDir` (the built site's root) and returns
 * the size of the whole-country files, which the data page shows. The sizes
 * are deterministic, since the files are.
 */
export async function writeDownloads(
  dataset: Dataset,
  outDir: string,
  store: MonthStore = new MonthStore(null),
): Promise<DownloadSizes> {
  const registryHeader = writeRegistry(dataset, outDir);
  for (const data of dataset.procedures) writeProcedureStatistics(data, dataset.compiledAt, outDir);
  writeNationalStatistics(dataset, outDir);
  await writeProbes(dataset, outDir, store);
  writeSiteFile(outDir, DATAPACKAGE_PATH, `${JSON.stringify(dataPackage(dataset, registryHeader), null, 2)}\n`);
  const sitePaths = [ALL_PROBES_PATH, NATIONAL_STATISTICS_PATH, REGISTRY_DOWNLOAD_PATH, DATAPACKAGE_PATH];
  return Object.fromEntries(sitePaths.map((sitePath) => [sitePath, statSync(siteFile(outDir, sitePath)).size]));
}

/** Writes a file at a site path such as `/donnees/procedures.csv`, creating its directory. */
function writeSiteFile(outDir: string, sitePath: string, content: string | Uint8Array): void {
  const file = siteFile(outDir, sitePath);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function siteFile(outDir: string, sitePath: string): string {
  return path.join(outDir, ...sitePath.split('/'));
}

/**
 * Publishes the registry with all its columns, re-written from its parsed
 * cells so that CRLF line ends in the source never reach readers; it gets
 * the byte-order mark of every spreadsheet download. Returns its header, which the Data Package describes.
 */
function writeRegistry(dataset: Dataset, outDir: string): string[] {
  const file = registryPath(dataset.dataDir);
  const table = parseCsv(readDataFile(file), file);
  writeSiteFile(
    outDir,
    REGISTRY_DOWNLOAD_PATH,
    spreadsheetCsv([table.header, ...table.lines.map((line) => line.cells)]),
  );
  return table.header;
}

/**
 * The cells of one month's statistics, by column. Shares are 4-digit
 * decimals rounded half-up on the exact counts (`formatDecimalShare`, the
 * rule of every share the site prints), empty when no probe succeeded.
 */
function statisticsCells(
  statistics: MonthStatistics,
  compiledAt: number | null,
): Record<(typeof STATISTICS_COLUMNS)[number], string> {
  const covered = monthCoverage(statistics, compiledAt);
  const cells = {
    month: statistics.month ?? '',
    successful: String(statistics.successful),
    failed: String(statistics.failed),
    opening_rate: formatDecimalShare(statistics.successful - statistics.counts.noir, statistics.successful),
    share_within_month: formatDecimalShare(withinMonthCount(statistics), statistics.successful),
    hours: String(covered.hours),
    probed_hours: String(covered.probedHours),
  } as Record<(typeof STATISTICS_COLUMNS)[number], string>;
  for (const colour of COLOURS) {
    cells[colour] = String(statistics.counts[colour]);
    cells[`share_${colour}`] = formatDecimalShare(statistics.counts[colour], statistics.successful);
  }
  return cells;
}

/** The registry columns that name a procedure in the national table. */
function procedureCells(procedure: Procedure) {
  return {
    department: procedure.department,
    department_name: department(procedure.department).name,
    slug: procedure.slug,
    prefecture: procedure.prefecture,
    procedure: procedure.procedure,
  };
}

/** One procedure's months, oldest first (the order of the data); header only when it has none. */
function writeProcedureStatistics(
  { procedure, months }: ProcedureData,
  compiledAt: number | null,
  outDir: string,
): void {
  const rows = months.map((statistics) => {
    const cells = statisticsCells(statistics, compiledAt);
    return STATISTICS_COLUMNS.map((column) => cells[column]);
  });
  writeSiteFile(outDir, procedureStatisticsPath(procedure), spreadsheetCsv([STATISTICS_COLUMNS, ...rows]));
}

/** Every procedure-month in one table, procedures in registry order. */
function writeNationalStatistics(dataset: Dataset, outDir: string): void {
  const rows = dataset.procedures.flatMap(({ procedure, months }) =>
    months.map((statistics) => {
      const cells = { ...procedureCells(procedure), ...statisticsCells(statistics, dataset.compiledAt) };
      return NATIONAL_STATISTICS_COLUMNS.map((column) => cells[column]);
    }),
  );
  writeSiteFile(outDir, NATIONAL_STATISTICS_PATH, spreadsheetCsv([NATIONAL_STATISTICS_COLUMNS, ...rows]));
}

/** A probe's own columns and its derived colour, in MONTH_PROBE_COLUMNS order. */
function probeCells(probe: Probe): string[] {
  const cells: Record<(typeof MONTH_PROBE_COLUMNS)[number], string> = {
    probed_at: probe.probedAt,
    outcome: probe.outcome,
    first_date: probe.firstDate,
    second_date: probe.secondDate,
    detail: probe.detail,
    colour: probe.colour ?? '',
  };
  return MONTH_PROBE_COLUMNS.map((column) => cells[column]);
}

/** What the downloads take from one month file, derived once and cached with it (src/site/month-store.ts). */
export interface MonthDownloads {
  /**
   * The procedure-month as gzipped CSV, for the month page and for readers who
   * want a single month. Extra columns are left out, as in the whole-dataset
   * file: the evidence hashes do not compress (a month file would grow from ~3
   * to ~28 kB, about 1 GB at 36,000 months, over the Pages limit) and they stay
   * in the versioned month files of the data repository, next to the evidence.
   */
  monthGz: Uint8Array;
  /** The month's rows of the whole-dataset file, compressed as one piece of it. */
  allRows: DeflateChunk;
}

/** Formats and compresses one month's probes for both downloads. */
export function monthDownloads(
  procedure: Pick<Procedure, 'department' | 'slug'>,
  probes: readonly Probe[],
): MonthDownloads {
  const rows = probes.map(probeCells);
  return {
    monthGz: gzipSync(publishedCsv([[...MONTH_PROBE_COLUMNS], ...rows])),
    allRows: deflateChunk(
      rows.length === 0 ? '' : publishedCsv(rows.map((cells) => [procedure.department, procedure.slug, ...cells])),
    ),
  };
}

/**
 * Writes each month's file and the whole-dataset file from what the month
 * store derived from each month file (read at most once per build, and not
 * at all when its entry is cached). Yields the pieces of the whole-dataset
 * file in order, one month at a time.
 */
function* allProbesChunks(dataset: Dataset, outDir: string, store: MonthStore): Generator<DeflateChunk> {
  yield deflateChunk(publishedCsv([ALL_PROBES_COLUMNS]));
  for (const { procedure, months } of dataset.procedures) {
    let directory: string | null = null;
    for (const { month } of months) {
      if (month === null) continue;
      const { monthGz, allRows } = store.products(dataset.dataDir, procedure, month);
      const file = siteFile(outDir, monthDownloadPath(procedure, month));
      // One directory per procedure, made once: tens of thousands of mkdir calls cost seconds.
      if (directory !== path.dirname(file)) mkdirSync((directory = path.dirname(file)), { recursive: true });
      writeFileSync(file, monthGz);
      yield allRows;
    }
  }
}

/** Streams the whole dataset into one gzip file; only one month is ever in memory. */
async function writeProbes(dataset: Dataset, outDir: string, store: MonthStore): Promise<void> {
  const file = siteFile(outDir, ALL_PROBES_PATH);
  mkdirSync(path.dirname(file), { recursive: true });
  await pipeline(Readable.from(gzipOfChunks(allProbesChunks(dataset, outDir, store))), createWriteStream(file));
}
