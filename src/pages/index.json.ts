/** The national `index.json`: every procedure with its URLs (src/site/statistics-json.ts). */
import type { APIRoute } from 'astro';
import { dataCommit } from '../site/data-commit.ts';
import { getDataset } from '../site/dataset.ts';
import { nationalIndex, publishedJson } from '../site/statistics-json.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(publishedJson(nationalIndex(getDataset(), dataCommit(), site)), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
