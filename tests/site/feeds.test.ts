import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { describe, expect, inject, test } from 'vitest';
import { loadDataset } from '../../src/lib/dataset.ts';
import { atomXml, stableId } from '../../src/site/atom.ts';
import { escapeXml } from '../../src/lib/xml-text.ts';
import { departmentFeed, nationalFeed, procedureFeed } from '../../src/site/feeds.ts';
import { assertWellFormedXml } from '../support/xml.ts';

const siteDir = inject('fixtureSiteDir');
const dataDir = inject('fixtureDataDir');
const SITE = 'https://guichets.example';
const read = (sitePath: string) => readFileSync(path.join(siteDir, sitePath), 'utf8');
interface Link {
  '@rel': string;
  '@href': string;
}
interface Entry {
  id: string;
  title: { '#text': string };
  updated: string;
  published: string;
  link: Link[];
  summary: { '#text': string };
  content: { '#text': string };
  category: { '@term': string }[];
}

/** Checks a feed is well-formed with a strict XML parser (saxes), then reads it. */
function parseFeed(xml: string) {
  expect(() => assertWellFormedXml(xml, 'feed')).not.toThrow();
  const $ = load(xml, { xml: true });
  const root = $('feed');
  expect(root).toHaveLength(1);
  expect(root.attr('xmlns')).toBe('http://www.w3.org/2005/Atom');
  const child = (parent: ReturnType<typeof $>, name: string) => parent.children(name);
  const links = (parent: ReturnType<typeof $>): Link[] =>
    child(parent, 'link')
      .toArray()
      .map((link) => ({ '@rel': $(link).attr('rel') ?? '', '@href': $(link).attr('href') ?? '' }));
  const entries: Entry[] = child(root, 'entry')
    .toArray()
    .map((node) => {
      const entry = $(node);
      return {
        id: child(entry, 'id').text(),
        title: { '#text': child(entry, 'title').text() },
        updated: child(entry, 'updated').text(),
        published: child(entry, 'published').text(),
        link: links(entry),
        summary: { '#text': child(entry, 'summary').text() },
        content: { '#text': child(entry, 'content').text() },
        category: child(entry, 'category')
          .toArray()
          .map((category) => ({ '@term': $(category).attr('term') ?? '' })),
      };
    });
  return {
    id: child(root, 'id').text(),
    title: { '#text': child(root, 'title').text() },
    updated: child(root, 'updated').text(),
    author: { name: child(child(root, 'author'), 'name').text() },
    link: links(root),
    entries,
  };
}

const FEEDS = [
  '93/titre-sejour-bobigny/flux.atom',
  '95/sarcelles-5260/flux.atom',
  '2A/ajaccio-sejour/flux.atom',
  '975/spm-sejour/flux.atom',
  '93/flux.atom',
  '95/flux.atom',
  '2A/flux.atom',
  '975/flux.atom',
  'flux.atom',
];
const kinds = (feed: ReturnType<typeof parseFeed>) => feed.entries.map((entry) => entry.category[0]!['@term']);

describe('Atom feeds', () => {
  test.each(FEEDS.map((feed) => [feed]))(
    '%s is well-formed Atom with the required elements and unique ids',
    (sitePath) => {
      const feed = parseFeed(read(sitePath));
      expect(feed.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(feed.title['#text']).toMatch(/^Guichets fermés/);
      expect(feed.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(feed.author.name).toBe('Guichets fermés');
      expect(feed.link.find((link) => link['@rel'] === 'self')?.['@href']).toBe(`${SITE}/${sitePath}`);
      for (const entry of feed.entries) {
        expect(entry.id).toMatch(/^urn:uuid:/);
        expect(entry.title['#text'].length).toBeGreaterThan(0);
        expect(entry.updated).toMatch(/Z$/);
        expect(entry.link[0]!['@href']).toMatch(new RegExp(`^${SITE}/`));
        expect(entry.summary['#text'].length).toBeGreaterThan(0);
      }
      expect(new Set(feed.entries.map((entry) => entry.id)).size).toBe(feed.entries.length);
    },
  );

  test('a procedure’s feed tells closed months and changes of state, never each probe', () => {
    // Bobigny: January and February closed; no date from 1 to 14 March after dates on 28 February;
    // dates again on the 15th (14 days × 23 answers: 322 probes without a date, the 03:20 one failing each day); no date again from the 16th to the 29th (the 31st is the day being compiled).
    const feed = parseFeed(read('93/titre-sejour-bobigny/flux.atom'));
    expect(kinds(feed)).toEqual(['dates-gone', 'dates-back', 'dates-gone', 'month-closed', 'month-closed']);
    const titles = feed.entries.map((entry) => entry.title['#text']);
    expect(titles).toContain('Des dates proposées à nouveau le 15 mars 2018');
    expect(titles).toContain('Février 2018 clos\u00a0: aucune date lors de 0\u00a0% des sondages réussis');
    const back = feed.entries.find((entry) => entry.category[0]!['@term'] === 'dates-back')!;
    expect(back.summary['#text']).toContain(
      'du 1er mars 2018 au 14 mars 2018 aucun des 322 sondages réussis n’avait proposé de date',
    );
    expect(back.updated).toBe('2018-03-15T11:20:25Z');
    expect(back.link[0]!['@href']).toBe(`${SITE}/93/titre-sejour-bobigny/2018-03/`);
  });

  test('a day when every probe failed is told with its reasons, not as « no date »', () => {
    const feed = parseFeed(read('95/sarcelles-5260/flux.atom'));
    expect(kinds(feed)).toEqual(['unmeasured']);
    expect(feed.entries[0]!.title['#text']).toBe('Le robot n’a rien pu mesurer le 1er mars 2018');
    expect(feed.entries[0]!.summary['#text']).toContain('accès bloqué (1), site surchargé ou limitant les accès (1)');
  });

  test('the department and national feeds sum each closed month into one entry and name the procedure of each change', () => {
    const national = parseFeed(read('flux.atom'));
    // One entry per closed month with probes in the 12 months before the compile month (March 2018), all procedures together.
    const closedMonths = new Set(
      readdirSync(path.join(dataDir, 'probes'), { recursive: true, encoding: 'utf8' })
        .map((file) => /(\d{4}-\d{2})\.csv$/.exec(file)?.[1])
        .filter((month): month is string => month !== undefined && month >= '2017-03' && month < '2018-03'),
    );
    expect([...closedMonths].sort()).toEqual(['2017-07', '2017-08', '2017-12', '2018-01', '2018-02']);
    expect(kinds(national).filter((kind) => kind === 'month-closed')).toHaveLength(closedMonths.size);
    expect(national.entries.find((entry) => entry.category[0]!['@term'] === 'unmeasured')!.title['#text']).toMatch(
      /^Sous-préfecture de Sarcelles, Titre de séjour\u00a0— /,
    );
    expect(parseFeed(read('975/flux.atom')).entries).toEqual([]);
  });

  test('the same data give the same feeds, ids and dates in a second build', () => {
    const dataset = loadDataset(dataDir);
    const site = new URL(SITE);
    const bobigny = dataset.procedures.find((data) => data.procedure.slug === 'titre-sejour-bobigny')!;
    expect(procedureFeed(bobigny, dataset, site)).toBe(read('93/titre-sejour-bobigny/flux.atom'));
    expect(departmentFeed('95', dataset, site)).toBe(read('95/flux.atom'));
    expect(nationalFeed(dataset, site)).toBe(read('flux.atom'));
  });

  test.each([
    ['93/titre-sejour-bobigny/', '93/titre-sejour-bobigny/flux.atom'],
    ['93/', '93/flux.atom'],
    ['', 'flux.atom'],
  ])('the page /%s links its feed', (page, feed) => {
    const $ = load(read(`${page}index.html`));
    expect($('link[rel="alternate"][type="application/atom+xml"]').attr('href')).toBe(`/${feed}`);
    expect($('[data-feed-link]').attr('href')).toBe(`/${feed}`);
    expect($('[data-feed-link]').text()).toMatch(/^Suivre /);
  });
});

describe('the Atom writer', () => {
  test('escapes markup and drops characters XML cannot hold', () => {
    const hostile = 'HTTP 503 : <maintenance> & "revenez" \'plus tard\' \u0001\u001b]]>';
    const xml = atomXml({
      id: stableId('test'),
      title: hostile,
      subtitle: hostile,
      updated: '2018-03-01T00:00:00Z',
      selfLink: 'https://example.org/flux.atom?a=1&b=<2>',
      pageLink: 'https://example.org/',
      author: hostile,
      licenceLink: 'https://example.org/licence',
      entries: [
        {
          id: stableId('entry'),
          title: hostile,
          published: '2018-03-01T00:00:00Z',
          updated: '2018-03-01T00:00:00Z',
          link: 'https://example.org/"x"',
          summary: hostile,
          contentHtml: `<p>${escapeXml(hostile)}</p>`,
          categories: [hostile],
        },
      ],
    });
    const feed = parseFeed(xml);
    const clean = 'HTTP 503 : <maintenance> & "revenez" \'plus tard\' ]]>';
    expect(feed.title['#text']).toBe(clean);
    expect(feed.entries[0]!.summary['#text']).toBe(clean);
    expect(feed.link.find((link) => link['@rel'] === 'self')!['@href']).toBe('https://example.org/flux.atom?a=1&b=<2>');
  });

  test('ids depend on the key only', () => {
    expect(stableId('93/x/mois/2018-02')).toBe(stableId('93/x/mois/2018-02'));
    expect(stableId('93/x/mois/2018-02')).not.toBe(stableId('93/x/mois/2018-03'));
  });
});
