/** The Atom feed of one department (src/site/feeds.ts). */
import type { APIRoute } from 'astro';
import { getDataset } from '../../site/dataset.ts';
import { ATOM_HEADERS, departmentFeed } from '../../site/feeds.ts';

export function getStaticPaths() {
  return [...new Set(getDataset().procedures.map((data) => data.procedure.department))].map((department) => ({
    params: { department },
  }));
}

export const GET: APIRoute = ({ params, site }) =>
  new Response(departmentFeed(params.department!, getDataset(), site), { headers: ATOM_HEADERS });
