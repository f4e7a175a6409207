/** The empty « Tableau de suivi » as CSV (UTF-8 with BOM), written at build time. */
import type { APIRoute } from 'astro';
import { trackingCsv } from '../../../site/toolkit/tracking-table.ts';

export const GET: APIRoute = () =>
  new Response(trackingCsv(), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
