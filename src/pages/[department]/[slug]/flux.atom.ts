/** The Atom feed of one procedure (src/site/feeds.ts). */
import type { APIRoute } from 'astro';
import type { ProcedureData } from '../../../lib/dataset.ts';
import { getDataset, procedureStaticPaths } from '../../../site/dataset.ts';
import { ATOM_HEADERS, procedureFeed } from '../../../site/feeds.ts';

export const getStaticPaths = procedureStaticPaths;

export const GET: APIRoute = ({ props, site }) =>
  new Response(procedureFeed((props as { data: ProcedureData }).data, getDataset(), site), { headers: ATOM_HEADERS });
