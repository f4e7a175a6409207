/**
 * Builds the bookmarklet « Signaler ce que je vois » at site-build time: the
 * client module src/site/client/bookmarklet.ts and the slot-page reader of
 * src/lib, bundled and minified by esbuild into one `javascript:` address
 * with the site's configuration inlined. Self-contained: running it on
 * RDV-Préfecture loads nothing from anywhere.
 */
import { buildSync } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { procedureOfDemarche } from '../lib/observation-submission.ts';
import { demarcheIdOf } from '../lib/rdv-slot-state.ts';
import type { Procedure } from '../lib/registry.ts';
import type { BookmarkletConfig } from './client/bookmarklet.ts';
import { observationIssueFormUrl } from './repository.ts';

/**
 * The client module, from the project root (the build's working directory):
 * import.meta.url points into Astro's bundle during the build, not at the source.
 */
function entry(): string {
  const file = path.resolve('src/site/client/bookmarklet.ts');
  if (!existsSync(file)) throw new Error(`the bookmarklet source ${file} is missing: build from the project root`);
  return file;
}

/** The configuration the bookmarklet carries: the issue form (when the repository is known) and the démarches followed. */
export function bookmarkletConfig(
  procedures: readonly Procedure[],
  repository: string | null,
  email: string | null,
): BookmarkletConfig {
  const entries: [string, string][] = [];
  for (const procedure of procedures) {
    if (procedure.system !== 'rdv-prefecture') continue;
    const demarche = demarcheIdOf(new URL(procedure.url).pathname);
    if (demarche && procedureOfDemarche(procedures, demarche) === procedure)
      entries.push([demarche, `${procedure.procedure} — ${procedure.prefecture}`]);
  }
  return {
    issueFormUrl: repository ? observationIssueFormUrl(repository) : null,
    procedures: Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b))),
    email,
  };
}

/** The bookmarklet's JavaScript, minified. */
function bookmarkletCode(config: BookmarkletConfig): string {
  const result = buildSync({
    entryPoints: [entry()],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    define: { OBSERVATION_CONFIG: JSON.stringify(config) },
  });
  return result.outputFiles[0]!.text.trim();
}

/**
 * The `href` of the bookmarklet link. encodeURI keeps the code's punctuation
 * readable and short; `#` is encoded too, so that no browser takes the rest
 * of the code for a fragment.
 */
export function bookmarkletHref(config: BookmarkletConfig): string {
  return `javascript:${encodeURI(bookmarkletCode(config)).replace(/#/g, '%23')}`;
}
