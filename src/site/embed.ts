/**
 * The embeddable page (`/{dep}/{slug}/integrer/`) and the snippet the
 * procedure page offers to copy into an article.
 */
import { absoluteUrl, embedPath } from './paths.ts';
import type { Procedure } from '../lib/registry.ts';

/** How many months, the latest, the embedded chart and table show. */
export const EMBED_MONTHS = 24;

/** The `<iframe>` to paste into an article: lazy, borderless, with an accessible title. */
export function embedSnippet(
  procedure: Pick<Procedure, 'department' | 'slug' | 'procedure' | 'prefecture'>,
  site: URL | undefined,
): string {
  const title = `Guichets fermés : ${procedure.procedure}, ${procedure.prefecture}`
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;');
  return `<iframe src="${absoluteUrl(embedPath(procedure), site)}" title="${title}" width="100%" height="520" loading="lazy" style="border:0"></iframe>`;
}
