/**
 * No broken internal link anywhere on the built fixture site: every `href`
 * and `src` that points into the site (a path, a relative URL, or an absolute
 * URL on the site's own origin, as permalinks are) must resolve to a file of
 * the build, and a `#fragment` to an element with that id.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { describe, expect, inject, test } from 'vitest';

const siteDir = inject('fixtureSiteDir');
/** SITE_URL of the fixture build (tests/support/global-setup.ts). */
const ORIGIN = 'https://guichets.example';

function htmlFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const file = path.join(directory, name);
    if (statSync(file).isDirectory()) return htmlFiles(file);
    return name.endsWith('.html') ? [file] : [];
  });
}

/** The site path a built file is served at: `93/x/index.html` → `/93/x/`. */
function pagePath(file: string): string {
  const relative = path.relative(siteDir, file).split(path.sep).join('/');
  return `/${relative.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** The file a site path is served from, or null when there is none. */
function fileOf(sitePath: string): string | null {
  const file = path.join(siteDir, ...decodeURIComponent(sitePath).split('/'));
  if (!file.startsWith(siteDir)) return null;
  if (existsSync(file) && statSync(file).isFile()) return file;
  const index = path.join(file, 'index.html');
  // A directory without trailing slash would redirect on most hosts; the site always writes the slash.
  return sitePath.endsWith('/') && existsSync(index) ? index : null;
}

const idCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idCache.get(file);
  if (!ids) {
    const $ = load(readFileSync(file, 'utf8'));
    ids = new Set(
      $('[id]')
        .map((_, element) => $(element).attr('id')!)
        .get(),
    );
    $('a[name]').each((_, element) => void ids!.add($(element).attr('name')!));
    idCache.set(file, ids);
  }
  return ids;
}

interface Link {
  page: string;
  attribute: string;
  url: string;
}

/** Every link of a page that points into the site. */
function internalLinks(file: string): Link[] {
  const page = pagePath(file);
  const $ = load(readFileSync(file, 'utf8'));
  const links: Link[] = [];
  for (const attribute of ['href', 'src']) {
    $(`[${attribute}]`).each((_, element) => {
      // Templates the browser clones carry placeholders, not links.
      if ($(element).closest('template').length) return;
      const url = $(element).attr(attribute)!.trim();
      if (url === '' || /^(mailto|tel|data|blob|javascript):/i.test(url)) return;
      if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) {
        if (!url.startsWith(`${ORIGIN}/`) && url !== ORIGIN) return;
      }
      links.push({ page, attribute, url });
    });
  }
  return links;
}

/** Why a link is broken, or null when it resolves. */
function problem(link: Link): string | null {
  const resolved = new URL(link.url, `${ORIGIN}${link.page}`);
  if (resolved.origin !== ORIGIN) return null;
  const target = fileOf(resolved.pathname);
  if (!target) return `${link.page}: ${link.attribute}="${link.url}" → no file for ${resolved.pathname}`;
  const fragment = decodeURIComponent(resolved.hash.slice(1));
  if (fragment && target.endsWith('.html') && !idsOf(target).has(fragment)) {
    return `${link.page}: ${link.attribute}="${link.url}" → no id "${fragment}" in ${resolved.pathname}`;
  }
  return null;
}

describe('internal links of the built site', () => {
  const files = htmlFiles(siteDir);
  const links = files.flatMap(internalLinks);

  test('the checker sees the whole site, the tools included', () => {
    const pages = new Set(files.map(pagePath));
    for (const page of [
      '/',
      '/93/titre-sejour-bobigny/',
      '/93/titre-sejour-bobigny/courrier/',
      '/93/titre-sejour-bobigny/dossier/',
      '/outils/planifier-mes-tentatives/',
      '/outils/tableau-de-suivi/',
      '/guides/garder-la-preuve/',
    ]) {
      expect(pages.has(page), page).toBe(true);
    }
    expect(links.length).toBeGreaterThan(files.length);
  });

  test('every href and src into the site resolves to a built file (and #fragment to an id)', () => {
    const broken = [...new Set(links.map(problem).filter((message): message is string => message !== null))];
    expect(broken).toEqual([]);
  });

  test('the checker catches what it should', () => {
    const page = '/93/titre-sejour-bobigny/';
    expect(problem({ page, attribute: 'href', url: '/nulle-part/' })).toContain('no file');
    expect(problem({ page, attribute: 'href', url: 'courrier' })).toContain('no file'); // no trailing slash
    expect(problem({ page, attribute: 'href', url: '#pas-d-ancre' })).toContain('no id');
    expect(problem({ page, attribute: 'href', url: `${ORIGIN}/93/titre-sejour-bobigny/dossier/#annexe-3` })).toBeNull();
    expect(problem({ page, attribute: 'href', url: 'courrier/?x=1' })).toBeNull();
    expect(problem({ page, attribute: 'href', url: 'https://www.example.org/' })).toBeNull();
  });
});
