/**
 * Every HTML page the site builds goes through French spacing
 * (src/site/french-html.ts) on its way out; downloads and other files are
 * left alone.
 */
import { defineMiddleware } from 'astro:middleware';
import { frenchHtml } from './site/french-html.ts';

export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  if (!response.headers.get('content-type')?.includes('text/html')) return response;
  return new Response(frenchHtml(await response.text()), { status: response.status, headers: response.headers });
});
