import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkGuideText, guideSchema, sourceLines } from '../../src/lib/guide.ts';
import { LEGAL_SOURCES } from '../../src/lib/legal-sources.ts';

const valid = {
  title: 'Les trois référés',
  summary: 'Ce que chaque référé permet de demander.',
  updated: new Date('2026-11-26'),
  order: 2,
  sources: [{ label: 'CE, 10 juin 2020, n° 435594', url: 'https://www.infomie.net/article5991.html?lang=fr' }],
};

describe('guide front matter', () => {
  test('a complete guide is accepted', () => {
    expect(guideSchema.safeParse(valid).success).toBe(true);
  });

  test('a legal source is listed with its official reference, what it says and its links', () => {
    const guide = guideSchema.parse({ ...valid, sources: [{ legal: 'ce-2022-452798' }, ...valid.sources] });
    expect(sourceLines(guide.sources)).toEqual([
      {
        title: 'CE Section, 3 juin 2022, n°\u00a0452798 (et n°\u00a0452806)',
        subject: 'téléservice ANEF\u00a0: accompagnement et solution de substitution obligatoires',
        links: [
          {
            label: 'ArianeWeb, décision',
            url: 'http://www.conseil-etat.fr/fr/arianeweb/CE/decision/2022-06-03/452798',
          },
          { label: 'ArianeWeb, analyse', url: 'http://www.conseil-etat.fr/fr/arianeweb/CE/analyse/2022-06-03/452798' },
        ],
      },
      { title: valid.sources[0]!.label, subject: null, links: [valid.sources[0]] },
    ]);
  });

  test.each([
    ['without sources', { ...valid, sources: [] }],
    ['with no sources key', { ...valid, sources: undefined }],
    ['without its update date', { ...valid, updated: undefined }],
    ['with an impossible date', { ...valid, updated: 'bientôt' }],
    ['with a source that is not a web address', { ...valid, sources: [{ label: 'x', url: 'voir le code' }] }],
    ['without a title', { ...valid, title: ' ' }],
    [
      'citing a legal source that is not in src/lib/legal-sources.ts',
      { ...valid, sources: [{ legal: 'ce-2099-000000' }] },
    ],
  ])('a guide %s is refused', (_name, guide) => {
    expect(guideSchema.safeParse(guide).success).toBe(false);
  });
});

describe('a guide file with a faulty front matter stops the build at the faulty line', () => {
  const guide = (fields: string) => `---\n${fields}\n---\n\nTexte du guide.\n`;
  const TOP = "title: 'Les trois référés'\nsummary: 'Ce que chaque référé permet.'\nupdated: 2026-11-26\norder: 2";
  test.each([
    ['no sources', guide(`${TOP}\nsources: []`), 'g.mdx:6: sources "[]": a guide needs at least one source'],
    [
      'a reading without a web address',
      guide(`${TOP}\nsources:\n  - legal: cja-referes\n  - label: 'Code'\n    url: 'voir le code'`),
      'g.mdx:9: sources[2].url "voir le code": must be an http(s) URL',
    ],
    [
      'an unknown legal source',
      guide(`${TOP}\nsources:\n  - legal: ce-2099-000000`),
      'g.mdx:7: sources[1].legal "ce-2099-000000": unknown legal source "ce-2099-000000" (known: ',
    ],
    [
      'an impossible update day',
      guide(TOP.replace('2026-11-26', 'bientôt') + '\nsources:\n  - legal: cja-referes'),
      'g.mdx:4: updated "bientôt": must be a date written YYYY-MM-DD',
    ],
    [
      'a missing title',
      guide(TOP.replace("title: 'Les trois référés'\n", '') + '\nsources:\n  - legal: cja-referes'),
      'g.mdx:1: title (missing): ',
    ],
    [
      'a YAML mistake',
      guide(`${TOP}\nsources: [`),
      'g.mdx:6: front matter: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    ['no front matter', 'Texte du guide.\n', 'g.mdx:1: no front matter'],
  ])('%s', (_name, text, message) => {
    expect(() => checkGuideText(text, 'g.mdx')).toThrow(message);
  });

  test('a complete guide passes', () => {
    expect(() => checkGuideText(guide(`${TOP}\nsources:\n  - legal: cja-referes`), 'g.mdx')).not.toThrow();
  });
});

/** The « n° » numbers and code articles a text cites. */
function citations(text: string): { numbers: string[]; articles: string[] } {
  return {
    numbers: [...text.matchAll(/n°\s*(\d[\d-]*|[A-Z0-9-]{6,})/g)].map((match) => match[1]!),
    articles: [...text.matchAll(/\b([LR]\.\d{3}-\d+)/g)].map((match) => match[1]!),
  };
}

/** The legal sources a text cites, and the citations that match none of them. */
function citedSources(text: string): { cited: Set<string>; unknown: string[] } {
  const { numbers, articles } = citations(text);
  const cited = new Set<string>();
  const unknown: string[] = [];
  for (const number of numbers) {
    const sources = LEGAL_SOURCES.filter((source) => source.numbers.includes(number));
    if (sources.length === 0) unknown.push(`n° ${number}`);
    sources.forEach((source) => cited.add(source.id));
  }
  for (const article of articles) {
    const sources = LEGAL_SOURCES.filter((source) => source.articles.includes(article));
    if (sources.length === 0) unknown.push(`article ${article}`);
    sources.forEach((source) => cited.add(source.id));
  }
  for (const source of LEGAL_SOURCES)
    if (source.numbers.some((number) => !/^\d/.test(number) && text.includes(number))) cited.add(source.id);
  return { cited, unknown };
}

describe('the legal sources', () => {
  test('each has a unique identifier', () => {
    expect(new Set(LEGAL_SOURCES.map((source) => source.id)).size).toBe(LEGAL_SOURCES.length);
  });

  test.each(LEGAL_SOURCES.map((source) => [source.id, source] as const))(
    '%s: its reference gives each of its numbers and articles',
    (_, source) => {
      for (const number of source.numbers) expect(source.reference).toContain(number);
      for (const article of source.articles) expect(source.reference).toContain(article);
    },
  );

  test.each([
    ['an invented decision number', 'CE, 1er avril 2021, n°\u00a0999999', ['n° 999999']],
    ['an article not in the list', 'article L.911-1 du CJA', ['article L.911-1']],
    ['known citations only', 'CE, 10 juin 2020, n°\u00a0435594 (article L.521-3)', []],
  ])('a text with %s is caught', (_, text, unknown) => {
    expect(citedSources(text).unknown).toEqual(unknown);
  });
});

describe('the published guides', () => {
  const directory = new URL('../../src/content/guides/', import.meta.url);
  const guides = readdirSync(directory).filter((name) => name.endsWith('.mdx'));

  test('there are nine guides', () => {
    expect(guides).toHaveLength(9);
  });

  test.each(guides)('%s has a valid front matter', (name) => {
    expect(() => checkGuideText(readFileSync(new URL(name, directory), 'utf8'), name)).not.toThrow();
  });

  test.each(guides)(
    '%s cites only decisions and texts of src/lib/legal-sources.ts, and lists each in its sources',
    (name) => {
      const text = readFileSync(new URL(name, directory), 'utf8');
      const { cited, unknown } = citedSources(text);
      expect(unknown, `${name} cites what the legal sources do not hold`).toEqual([]);
      const listed = [...text.matchAll(/^ {2}- legal: (\S+)$/gm)].map((match) => match[1]!);
      expect(listed.toSorted()).toEqual([...cited].toSorted());
    },
  );
});
