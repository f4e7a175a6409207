/**
 * The machine-readable side of the procedure pages: `statistiques.json` beside
 * each procedure page (its month statistics, coverage and metadata) and the
 * national `index.json` listing every procedure with its URLs. The same
 * MonthStatistics as the page's table, so the two cannot disagree; one zod
 * schema per file both describes it (for the data page and the tests) and
 * types it.
 */
import { z } from 'zod';
import { COLOURS } from '../lib/colour.ts';
import type { Dataset, ProcedureData } from '../lib/dataset.ts';
import { department } from '../lib/departments.ts';
import { colourShare, openingRate, sumStatistics, withinMonthShare } from '../lib/month-statistics.ts';
import { isClosedMonth } from '../lib/month-version.ts';
import { BOOKING_SYSTEMS } from '../lib/registry.ts';
import type { DataCommit } from './data-commit.ts';
import { compiledAtIso, LICENCE } from './datapackage.ts';
import { procedureVersion } from './edition.ts';
import {
  absoluteUrl,
  departmentFeedPath,
  embedPath,
  monthDownloadPath,
  monthPath,
  NATIONAL_FEED_PATH,
  procedureFeedPath,
  procedureJsonPath,
  procedurePath,
  procedureStatisticsPath,
} from './paths.ts';

const colourRecord = <T extends z.ZodType>(value: T) =>
  z.object({ vert: value, jaune: value, orange: value, rouge: value, noir: value });
const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1).nullable();
const instant = z.iso.datetime();

/** The licence of the published data. */
const licenceSchema = z.object({
  /** SPDX-like short name: `etalab-2.0`. */
  name: z.literal(LICENCE.name),
  /** Where the licence text is. */
  path: z.literal(LICENCE.path),
  /** Its full name. */
  title: z.literal(LICENCE.title),
});

/** What every JSON file says about the build it comes from. */
const editionSchema = z.object({
  /** Instant of the latest probe of the whole dataset (ISO 8601 UTC), null without any probe. Not the build time. */
  compiledAt: instant.nullable(),
  /** Short SHA-256 of every data file: changes as soon as any data change. */
  dataVersion: z.string().regex(/^[0-9a-f]{12}$/),
  /** Commit of the repository the site was built from, when the build knew it; null otherwise. */
  dataCommit: z
    .string()
    .regex(/^[0-9a-f]{40}$/)
    .nullable(),
  /** The data's licence. */
  licence: licenceSchema,
});

/** One month of one procedure, as in the page's « Résultats mois par mois ». */
const monthJsonSchema = z.object({
  /** `YYYY-MM`, Paris time. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  /** True once the month is over: its numbers and version never change again. */
  closed: z.boolean(),
  /** Short SHA-256 of the month's file in the data repository: what a citation of this month quotes. */
  version: z.string().regex(/^[0-9a-f]{12}$/),
  /** Successful probes: the denominator of every share. */
  successful: count,
  /** Failed probes, counted apart (never « noir »). */
  failed: count,
  /** Successful probes of each colour. */
  counts: colourRecord(count),
  /** Share of each colour among successful probes (0 to 1), null when none succeeded. */
  shares: colourRecord(share),
  /**
   * The site's headline (« accès à un mois »): share of successful probes that
   * offered a date within one month (vert + jaune), null when none succeeded.
   */
  withinMonthShare: share,
  /**
   * The former headline (« taux d'ouverture »), kept for existing readers: share
   * of successful probes that offered any date however far (vert + jaune +
   * orange + rouge, i.e. withinMonthShare + orange + rouge), null when none succeeded.
   */
  openingRate: share,
  /** The month's raw-data page. */
  page: z.string(),
  /** The month's probes as gzipped CSV. */
  csv: z.string(),
});

/**
 * `statistiques.json`: one procedure's month statistics with their metadata.
 * It says nothing of the build (no compile date, no whole-dataset version or
 * commit): only this procedure's data, so that the file keeps its bytes while
 * the procedure gets no probe.
 */
export const procedureJsonSchema = z.object({
  /**
   * Short SHA-256 of this procedure's month files (what `sha256sum *.csv | sha256sum`
   * prints in its `probes/` directory): changes when one of them changes, and only then.
   */
  dataVersion: z.string().regex(/^[0-9a-f]{12}$/),
  /** The data's licence. */
  licence: licenceSchema,
  /** The procedure, as in the registry `procedures.csv`. */
  procedure: z.object({
    /** INSEE department code. */
    department: z.string(),
    /** The department's name. */
    departmentName: z.string(),
    /** Identifier within the department; with it, the permanent URL. */
    slug: z.string(),
    /** The office as visitors know it. */
    prefecture: z.string(),
    /** The procedure's name on the booking site. */
    name: z.string(),
    /** The booking system probed. */
    system: z.enum(BOOKING_SYSTEMS),
    /** The booking page the robot probes. */
    probedUrl: z.url(),
    /** First day probed (`YYYY-MM-DD`), empty: from the start. */
    since: z.string(),
    /** Last day probed, inclusive; empty while it is monitored. */
    until: z.string(),
  }),
  /** Where the same data are shown and offered. */
  links: z.object({
    /** The procedure page (permalink). */
    page: z.string(),
    /** This file. */
    json: z.string(),
    /** The month statistics as CSV. */
    csv: z.string(),
    /** The procedure's Atom feed. */
    feed: z.string(),
    /** The page made to be framed in articles. */
    embed: z.string(),
  }),
  /** What the data cover. */
  coverage: z.object({
    /** First month with a file, null without data. */
    firstMonth: z.string().nullable(),
    /** Last month with a file, null without data. */
    lastMonth: z.string().nullable(),
    /** How many months have a file. */
    months: count,
    /** Every probe made, successful and failed. */
    probes: count,
    /** Successful probes. */
    successful: count,
    /** Failed probes. */
    failed: count,
    /** Instant of this procedure's latest probe (ISO 8601 UTC), null without any. */
    latestProbe: instant.nullable(),
  }),
  /** One entry per month with a file, oldest first. */
  months: z.array(monthJsonSchema),
});
export type ProcedureJson = z.infer<typeof procedureJsonSchema>;

/** `index.json`: every procedure with its URLs. */
export const nationalIndexSchema = editionSchema.extend({
  /** The national Atom feed. */
  feed: z.string(),
  /** Every registered procedure, in registry order. */
  procedures: z.array(
    z.object({
      /** INSEE department code. */
      department: z.string(),
      /** The department's name. */
      departmentName: z.string(),
      /** Identifier within the department. */
      slug: z.string(),
      /** The office. */
      prefecture: z.string(),
      /** The procedure's name. */
      name: z.string(),
      /** False once the procedure is no longer probed (`until` set). */
      monitored: z.boolean(),
      /** The procedure page. */
      page: z.string(),
      /** Its `statistiques.json`. */
      json: z.string(),
      /** Its month statistics as CSV. */
      csv: z.string(),
      /** Its Atom feed. */
      feed: z.string(),
      /** Its department's Atom feed. */
      departmentFeed: z.string(),
    }),
  ),
});
export type NationalIndex = z.infer<typeof nationalIndexSchema>;

const isoOf = (instant: number | null) =>
  instant === null ? null : new Date(instant).toISOString().replace(/\.000Z$/, 'Z');

function edition(dataset: Pick<Dataset, 'compiledAt' | 'version'>, commit: DataCommit | null) {
  return {
    compiledAt: compiledAtIso(dataset),
    dataVersion: dataset.version,
    dataCommit: commit?.sha ?? null,
    licence: { ...LICENCE },
  };
}

/** The JSON of one procedure. `site` makes URLs absolute when the deployment's address is known. */
export function procedureJson(
  data: ProcedureData,
  dataset: Pick<Dataset, 'compiledAt'>,
  site: URL | undefined,
): ProcedureJson {
  const { procedure, months } = data;
  const url = (path: string) => absoluteUrl(path, site);
  const total = sumStatistics(months);
  return {
    dataVersion: procedureVersion(data),
    licence: { ...LICENCE },
    procedure: {
      department: procedure.department,
      departmentName: department(procedure.department).name,
      slug: procedure.slug,
      prefecture: procedure.prefecture,
      name: procedure.procedure,
      system: procedure.system,
      probedUrl: procedure.url,
      since: procedure.since,
      until: procedure.until,
    },
    links: {
      page: url(procedurePath(procedure)),
      json: url(procedureJsonPath(procedure)),
      csv: url(procedureStatisticsPath(procedure)),
      feed: url(procedureFeedPath(procedure)),
      embed: url(embedPath(procedure)),
    },
    coverage: {
      firstMonth: months[0]?.month ?? null,
      lastMonth: months.at(-1)?.month ?? null,
      months: months.length,
      probes: total.successful + total.failed,
      successful: total.successful,
      failed: total.failed,
      latestProbe: isoOf(data.latestProbe),
    },
    months: months.map((statistics) => {
      const month = statistics.month!;
      return {
        month,
        closed: isClosedMonth(month, dataset.compiledAt),
        version: data.monthVersions[month]!,
        successful: statistics.successful,
        failed: statistics.failed,
        counts: { ...statistics.counts },
        shares: Object.fromEntries(
          COLOURS.map((colour) => [colour, colourShare(statistics, colour)]),
        ) as ProcedureJson['months'][number]['shares'],
        withinMonthShare: withinMonthShare(statistics),
        openingRate: openingRate(statistics),
        page: url(monthPath(procedure, month)),
        csv: url(monthDownloadPath(procedure, month)),
      };
    }),
  };
}

/** The national index. */
export function nationalIndex(
  dataset: Pick<Dataset, 'compiledAt' | 'version' | 'procedures'>,
  commit: DataCommit | null,
  site: URL | undefined,
): NationalIndex {
  const url = (path: string) => absoluteUrl(path, site);
  return {
    ...edition(dataset, commit),
    feed: url(NATIONAL_FEED_PATH),
    procedures: dataset.procedures.map(({ procedure }) => ({
      department: procedure.department,
      departmentName: department(procedure.department).name,
      slug: procedure.slug,
      prefecture: procedure.prefecture,
      name: procedure.procedure,
      monitored: procedure.until === '',
      page: url(procedurePath(procedure)),
      json: url(procedureJsonPath(procedure)),
      csv: url(procedureStatisticsPath(procedure)),
      feed: url(procedureFeedPath(procedure)),
      departmentFeed: url(departmentFeedPath(procedure.department)),
    })),
  };
}

/** JSON as published: two-space indentation, a final newline. */
export const publishedJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
