import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { describe, expect, inject, test } from 'vitest';
import { COLOURS } from '../../src/lib/colour.ts';
import { formatCount, formatShare } from '../../src/lib/format.ts';
import { parseRegistry } from '../../src/lib/registry.ts';
import { nationalIndexSchema, procedureJsonSchema } from '../../src/site/statistics-json.ts';
import { FIXTURE_REGISTRY } from '../support/fixture-data.ts';

const siteDir = inject('fixtureSiteDir');
const SITE = 'https://guichets.example/';
const read = (sitePath: string) => readFileSync(path.join(siteDir, sitePath), 'utf8');
/** The site file an absolute URL of the fixture site points to. */
const fileOf = (url: string) => {
  const sitePath = url.replace(SITE, '');
  return path.join(siteDir, sitePath.endsWith('/') || sitePath === '' ? `${sitePath}index.html` : sitePath);
};

describe('statistiques.json beside each procedure page', () => {
  test.each([['93/titre-sejour-bobigny'], ['95/sarcelles-5260'], ['2A/ajaccio-sejour'], ['975/spm-sejour']])(
    '%s follows its schema',
    (sitePath) => {
      const json = procedureJsonSchema.parse(JSON.parse(read(`${sitePath}/statistiques.json`)));
      expect(json.links.page).toBe(`${SITE}${sitePath}/`);
      expect(json.licence.name).toBe('etalab-2.0');
      // The version the data page tells how to check: `sha256sum *.csv | sha256sum` in the procedure's probes directory.
      const probes = path.join(inject('fixtureDataDir'), 'probes', sitePath);
      const listing = existsSync(probes)
        ? execFileSync('sh', ['-c', 'sha256sum *.csv | sha256sum'], { cwd: probes, encoding: 'utf8' })
        : 'e3b0c44298fc1c149afbf4c8996fb924'; // no month file: the digest of an empty listing
      expect(json.dataVersion).toBe(listing.slice(0, 12));
      expect(json).not.toHaveProperty('compiledAt');
    },
  );

  test('holds the numbers of the page’s table, month by month', () => {
    const json = procedureJsonSchema.parse(JSON.parse(read('93/titre-sejour-bobigny/statistiques.json')));
    const $ = load(read('93/titre-sejour-bobigny/index.html'));
    const rows = $('table.month-table tbody tr').toArray();
    expect(rows.map((row) => $(row).attr('data-month'))).toEqual(json.months.map((month) => month.month).reverse());
    for (const month of json.months) {
      const cells = $(`table.month-table tbody tr[data-month="${month.month}"] td`)
        .toArray()
        .map((cell) =>
          $(cell)
            .text()
            .replace(/[ \t\n]+/g, ' ')
            .trim(),
        );
      // The first columns; coverage columns follow.
      expect(cells.slice(0, 7)).toEqual([
        formatCount(month.successful),
        ...COLOURS.map(
          (colour) => `${formatShare(month.counts[colour], month.successful)} (${formatCount(month.counts[colour])})`,
        ),
        formatCount(month.failed),
      ]);
    }
  });

  test('says which months are closed, with the version of each month’s file', () => {
    const json = procedureJsonSchema.parse(JSON.parse(read('93/titre-sejour-bobigny/statistiques.json')));
    expect(json.months.map(({ month, closed }) => [month, closed])).toEqual([
      ['2015-06', true],
      ['2018-01', true],
      ['2018-02', true],
      ['2018-03', false],
    ]);
    expect(new Set(json.months.map((month) => month.version)).size).toBe(4);
    expect(json.coverage).toEqual({
      firstMonth: '2015-06',
      lastMonth: '2018-03',
      months: 4,
      probes: 724 + 34,
      successful: 724,
      failed: 34,
      latestProbe: '2018-03-31T21:20:25Z',
    });
    for (const month of json.months) {
      expect(existsSync(fileOf(month.page))).toBe(true);
      expect(existsSync(fileOf(month.csv))).toBe(true);
    }
  });

  test('gives the headline share (date within a month) of each month, and the former taux d’ouverture beside it', () => {
    const json = procedureJsonSchema.parse(JSON.parse(read('93/titre-sejour-bobigny/statistiques.json')));
    const january = json.months.find((month) => month.month === '2018-01')!;
    // January 2018: 4 successful, 1 vert, 1 rouge, 2 noir.
    expect([january.withinMonthShare, january.openingRate]).toEqual([1 / 4, 2 / 4]);
    for (const month of json.months) {
      const { vert, jaune, orange, rouge } = month.shares;
      expect(month.withinMonthShare, month.month).toBeCloseTo(vert! + jaune!, 12);
      expect(month.openingRate, month.month).toBeCloseTo(month.withinMonthShare! + orange! + rouge!, 12);
    }
  });

  test('a procedure without probes has no months and says so', () => {
    const json = procedureJsonSchema.parse(JSON.parse(read('975/spm-sejour/statistiques.json')));
    expect(json.months).toEqual([]);
    expect(json.coverage).toMatchObject({ firstMonth: null, months: 0, probes: 0, latestProbe: null });
  });
});

describe('the national index.json', () => {
  const index = nationalIndexSchema.parse(JSON.parse(read('index.json')));

  test('lists every procedure of the registry with URLs that exist', () => {
    expect(index.procedures.map((procedure) => `${procedure.department}/${procedure.slug}`)).toEqual(
      parseRegistry(FIXTURE_REGISTRY, 'procedures.csv').map(({ department, slug }) => `${department}/${slug}`),
    );
    for (const procedure of index.procedures) {
      for (const url of [procedure.page, procedure.json, procedure.csv, procedure.feed, procedure.departmentFeed])
        expect(existsSync(fileOf(url)), url).toBe(true);
    }
  });
});
