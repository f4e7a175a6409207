/** The national Atom feed (src/site/feeds.ts). */
import type { APIRoute } from 'astro';
import { getDataset } from '../site/dataset.ts';
import { ATOM_HEADERS, nationalFeed } from '../site/feeds.ts';

export const GET: APIRoute = ({ site }) => new Response(nationalFeed(getDataset(), site), { headers: ATOM_HEADERS });
