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

export const departmentPath = (department: string) => `/${department}/`;
export const procedurePath = (procedure: ProcedureRef) => `/${procedure.department}/${procedure.slug}/`;
export const monthPath = (procedure: ProcedureRef, month: string) => `${procedurePath(procedure)}${month}/`;
export const letterPath = (procedure: ProcedureRef) => `${procedurePath(procedure)}courrier/`;
export const evidencePackPath = (procedure: ProcedureRef) => `${procedurePath(procedure)}dossier/`;

/** Raw probes of one procedure-month, with the colour added (gzipped CSV). */
export const monthDownloadPath = (procedure: ProcedureRef, month: string) =>
  `/donnees/sondages/${procedure.department}/${procedure.slug}/${month}.csv.gz`;
/** Month statistics of one procedure (CSV). */
export const procedureStatisticsPath = (procedure: ProcedureRef) =>
  `/donnees/statistiques/${procedure.department}/${procedure.slug}.csv`;
export const NATIONAL_STATISTICS_PATH = '/donnees/statistiques-mensuelles.csv';
export const ALL_PROBES_PATH = '/donnees/sondages.csv.gz';
export const REGISTRY_DOWNLOAD_PATH = '/donnees/procedures.csv';
export const DATAPACKAGE_PATH = '/donnees/datapackage.json';

/** An absolute URL for citations and printed footers, when the deployment's address is known. */
export function absoluteUrl(path: string, site: URL | undefined): string {
  return site ? new URL(withBase(path).replace(/^\//, ''), site.href.endsWith('/') ? site.href : `${site.href}/`).href : withBase(path);
}

/** The versioned `data/` directory at one commit of the repository on its forge (GitHub's URL shape). */
export const repositoryDataUrl = (server: string, repository: string, sha: string) => `${server}/${repository}/tree/${sha}/data`;
