/** `statistiques.json` beside each procedure page (src/site/statistics-json.ts). */
import type { APIRoute } from 'astro';
import type { ProcedureData } from '../../../lib/dataset.ts';
import { getDataset, procedureStaticPaths } from '../../../site/dataset.ts';
import { procedureJson, publishedJson } from '../../../site/statistics-json.ts';

export const getStaticPaths = procedureStaticPaths;

export const GET: APIRoute = ({ props, site }) =>
  new Response(publishedJson(procedureJson((props as { data: ProcedureData }).data, getDataset(), site)), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
