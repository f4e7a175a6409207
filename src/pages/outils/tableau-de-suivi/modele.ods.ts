/** The empty « Tableau de suivi » as an OpenDocument spreadsheet, written at build time. */
import type { APIRoute } from 'astro';
import { ODS_MIME } from '../../../site/toolkit/opendocument.ts';
import { trackingOds } from '../../../site/toolkit/tracking-table.ts';

export const GET: APIRoute = () => new Response(trackingOds(), { headers: { 'content-type': ODS_MIME } });
