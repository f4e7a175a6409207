/**
 * The site's permanent URLs. They are cited in court filings, so they are
 * built in this one module and never change shape.
 */
import type { Procedure } from '../lib/registry.ts';

type ProcedureRef = Pick<Procedure, 'department' | 'slug'>;

/** Prefixes a site path with the deployment base (e.g. `/guichets-fermes/` on GitHub Pages). */
export function withBase(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return `${base}${path}`;
}

export const HOME_PATH = '/';
/** The method page: how the robot probes and how figures are computed. */
export const METHOD_PATH = '/methode/';
/** The open-data page listing every download. */
export const DATA_PAGE_PATH = '/donnees/';
export const GUIDES_PATH = '/guides/';
/** One litigation guide, by its content id (the MDX file name). */
export const guidePath = (id: string) => `${GUIDES_PATH}${id}/`;
/** Guides other pages point to by name. */
export const GUIDE_PATHS = {
  writeToPrefecture: guidePath('ecrire-a-la-prefecture'),
  keepProof: guidePath('garder-la-preuve'),
  useStatistics: guidePath('utiliser-les-statistiques'),
  massLitigation: guidePath('contentieux-de-masse'),
} as const;
export const TOOLS_PATH = '/outils/';
export const PLANNER_PATH = `${TOOLS_PATH}planifier-mes-tentatives/`;
/** The planner with a procedure chosen (the planner reads `?demarche=department/slug`). */
export const plannerPathFor = (procedure: ProcedureRef) =>
  `${PLANNER_PATH}?demarche=${procedure.department}/${procedure.slug}`;
export const TRACKING_TABLE_PATH = `${TOOLS_PATH}tableau-de-suivi/`;
export const TRACKING_TABLE_CSV_PATH = `${TRACKING_TABLE_PATH}modele.csv`;
export const TRACKING_TABLE_ODS_PATH = `${TRACKING_TABLE_PATH}modele.ods`;
export const FAVICON_PATH = '/favicon.svg';

export const departmentPath = (department: string) => `/${department}/`;
export const procedurePath = (procedure: ProcedureRef) => `/${procedure.department}/${procedure.slug}/`;
export const monthPath = (procedure: ProcedureRef, month: string) => `${procedurePath(procedure)}${month}/`;
export const letterPath = (procedure: ProcedureRef) => `${procedurePath(procedure)}courrier/`;
export const evidencePackPath = (procedure: ProcedureRef) => `${procedurePath(procedure)}dossier/`;
/** The volunteers' observations of a procedure, on its page. */
export const procedureObservationsPath = (procedure: ProcedureRef) => `${procedurePath(procedure)}#observations`;
/** How volunteer observations are gathered and what they can show, on the method page. */
export const METHOD_OBSERVATIONS_PATH = `${METHOD_PATH}#observations`;

/** Raw probes of one procedure-month, with the colour added (gzipped CSV). */
export const monthDownloadPath = (procedure: ProcedureRef, month: string) =>
  `/donnees/sondages/${procedure.department}/${procedure.slug}/${month}.csv.gz`;
/** Month statistics of one procedure (CSV). */
export const procedureStatisticsPath = (procedure: ProcedureRef) =>
  `/donnees/statistiques/${procedure.department}/${procedure.slug}.csv`;
/** The shapes of the two per-procedure files, as the data page describes them to readers. */
export const PROCEDURE_STATISTICS_PATTERN = procedureStatisticsPath({
  department: '{département}',
  slug: '{démarche}',
});
export const MONTH_DOWNLOAD_PATTERN = monthDownloadPath(
  { department: '{département}', slug: '{démarche}' },
  '{AAAA-MM}',
);
export const NATIONAL_STATISTICS_PATH = '/donnees/statistiques-mensuelles.csv';
export const ALL_PROBES_PATH = '/donnees/sondages.csv.gz';
export const REGISTRY_DOWNLOAD_PATH = '/donnees/procedures.csv';
export const DATAPACKAGE_PATH = '/donnees/datapackage.json';
/** How to report what one sees behind RDV-Préfecture's captcha (the bookmarklet). */
export const CONTRIBUTE_PATH = '/contribuer/';

/** An absolute URL for citations and printed footers, when the deployment's address is known. */
export function absoluteUrl(path: string, site: URL | undefined): string {
  return site
    ? new URL(withBase(path).replace(/^\//, ''), site.href.endsWith('/') ? site.href : `${site.href}/`).href
    : withBase(path);
}

/** The versioned `data/` directory at one commit of the repository on its forge (GitHub's URL shape). */
export const repositoryDataUrl = (server: string, repository: string, sha: string) =>
  `${server}/${repository}/tree/${sha}/data`;

/** Atom feeds: one per procedure, one per department, one national. */
export const procedureFeedPath = (procedure: ProcedureRef) => `${procedurePath(procedure)}flux.atom`;
export const departmentFeedPath = (department: string) => `${departmentPath(department)}flux.atom`;
export const NATIONAL_FEED_PATH = '/flux.atom';
/** The minimal page of a procedure made to be framed in articles (`<iframe>`). */
export const embedPath = (procedure: ProcedureRef) => `${procedurePath(procedure)}integrer/`;
/** Month statistics, coverage and metadata of one procedure as JSON, beside its page. */
export const procedureJsonPath = (procedure: ProcedureRef) => `${procedurePath(procedure)}statistiques.json`;
/** The national JSON index: every procedure with its URLs. */
export const NATIONAL_INDEX_JSON_PATH = '/index.json';

/** Where the data page explains how to check a probe's `evidence_sha256` against the archived page. */
export const VERIFY_EVIDENCE_PATH = `${DATA_PAGE_PATH}#verifier-un-sondage`;
/** A month's evidence archive, an asset of the repository's GitHub Release `evidence-YYYY-MM` (GitHub's URL shape). */
export const evidenceArchiveUrl = (repository: string, tag: string, asset: string) =>
  `${repository}/releases/download/${tag}/${asset}`;
/** The GitHub Release page of a month's evidence archive. */
export const evidenceReleaseUrl = (repository: string, tag: string) => `${repository}/releases/tag/${tag}`;
