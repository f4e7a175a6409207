import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { load } from 'cheerio';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { COLOUR_STYLES, COLOURS } from '../../src/lib/colour.ts';
import { parseCsv } from '../../src/lib/csv.ts';
import { loadDataset } from '../../src/lib/dataset.ts';
import { OUTCOME_LABELS, OUTCOMES } from '../../src/lib/outcome.ts';
import { parseRegistry } from '../../src/lib/registry.ts';
import { writeDownloads } from '../../src/site/downloads.ts';
import {
  ALL_PROBES_PATH,
  DATAPACKAGE_PATH,
  NATIONAL_STATISTICS_PATH,
  REGISTRY_DOWNLOAD_PATH,
} from '../../src/site/paths.ts';
import { FIXTURE_REGISTRY } from '../support/fixture-data.ts';

const siteDir = inject('fixtureSiteDir');
const dataDir = inject('fixtureDataDir');

/** The file of a site path such as `/donnees/procedures.csv` in a built site. */
const fileOf = (sitePath: string, root = siteDir) => path.join(root, ...sitePath.split('/'));

/** A download's text, gunzipped when it is a `.gz`. */
function textOf(sitePath: string, root = siteDir): string {
  const bytes = readFileSync(fileOf(sitePath, root));
  return sitePath.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
}

/** A download as rows of named cells, read with the project's strict CSV reader. */
function tableOf(sitePath: string): { header: string[]; rows: Record<string, string>[] } {
  const table = parseCsv(textOf(sitePath), sitePath);
  return {
    header: table.header,
    rows: table.lines.map(({ cells }) => Object.fromEntries(table.header.map((name, index) => [name, cells[index]!]))),
  };
}

/** Every file under a directory, as paths relative to it with forward slashes. */
function filesUnder(root: string, directory = root): string[] {
  return readdirSync(directory).flatMap((name) => {
    const file = path.join(directory, name);
    return statSync(file).isDirectory()
      ? filesUnder(root, file)
      : [path.relative(root, file).split(path.sep).join('/')];
  });
}

const MONTH_FILES = [
  ['/donnees/sondages/93/titre-sejour-bobigny/2015-06.csv.gz', 7],
  ['/donnees/sondages/93/titre-sejour-bobigny/2018-01.csv.gz', 5],
  ['/donnees/sondages/93/titre-sejour-bobigny/2018-02.csv.gz', 3],
  // 743 hourly probes: the 25th has 23 hours.
  ['/donnees/sondages/93/titre-sejour-bobigny/2018-03.csv.gz', 743],
  ['/donnees/sondages/95/sarcelles-5260/2018-03.csv.gz', 2],
  ['/donnees/sondages/2A/ajaccio-sejour/2018-03.csv.gz', 2],
  // Lyon, dates always far; Créteil, no longer probed after August 2017 (registry order).
  ['/donnees/sondages/69/lyon-premiere-demande/2017-12.csv.gz', 4],
  ['/donnees/sondages/69/lyon-premiere-demande/2018-01.csv.gz', 4],
  ['/donnees/sondages/69/lyon-premiere-demande/2018-02.csv.gz', 4],
  ['/donnees/sondages/69/lyon-premiere-demande/2018-03.csv.gz', 2],
  ['/donnees/sondages/94/creteil-etudiants/2017-07.csv.gz', 2],
  ['/donnees/sondages/94/creteil-etudiants/2017-08.csv.gz', 2],
] as const;

/** One statistics file per procedure of the registry, with probes or not, retired or not. */
const STATISTICS_FILES = parseRegistry(FIXTURE_REGISTRY, 'procedures.csv').map(
  ({ department, slug }) => `/donnees/statistiques/${department}/${slug}.csv`,
);

const ALL_DOWNLOADS = [
  ALL_PROBES_PATH,
  NATIONAL_STATISTICS_PATH,
  REGISTRY_DOWNLOAD_PATH,
  DATAPACKAGE_PATH,
  ...STATISTICS_FILES,
  ...MONTH_FILES.map(([sitePath]) => sitePath),
];

describe('the downloads of the fixture site', () => {
  test.each(ALL_DOWNLOADS)('%s exists', (sitePath) => {
    expect(existsSync(fileOf(sitePath))).toBe(true);
  });

  test('nothing else is published under /donnees/ but the page', () => {
    const expected = [...ALL_DOWNLOADS.map((sitePath) => sitePath.replace('/donnees/', '')), 'index.html'].sort();
    expect(filesUnder(path.join(siteDir, 'donnees')).sort()).toEqual(expected);
  });

  test.each(MONTH_FILES)('%s decompresses to %i probes', (sitePath, count) => {
    expect(tableOf(sitePath).rows).toHaveLength(count);
  });

  test('a month file gives the raw probes with their derived colour, failures without one', () => {
    const { header, rows } = tableOf(MONTH_FILES[1][0]);
    expect(header).toEqual(['probed_at', 'outcome', 'first_date', 'second_date', 'detail', 'colour']);
    expect(rows.map((row) => [row.probed_at, row.outcome, row.colour])).toEqual([
      ['2018-01-02T09:20:25+01:00', 'none', 'noir'],
      ['2018-01-02T10:20:25+01:00', 'none', 'noir'],
      ['2018-01-02T11:20:25+01:00', 'slots', 'vert'],
      ['2018-01-03T09:20:25+01:00', 'slots', 'rouge'],
      ['2018-01-03T10:20:25+01:00', 'timeout', ''],
    ]);
    expect(rows[4]!.detail).toBe('pas de réponse en 30 s');
    expect(rows[3]).toMatchObject({ first_date: '2018-04-10', second_date: '2018-04-11' });
  });

  test('a month of failures only has no colour at all', () => {
    const { rows } = tableOf('/donnees/sondages/95/sarcelles-5260/2018-03.csv.gz');
    expect(rows.map((row) => [row.outcome, row.colour])).toEqual([
      ['throttled', ''],
      ['blocked', ''],
    ]);
  });

  test('a procedure’s statistics give the fixture’s counts and shares, oldest month first', () => {
    const { header, rows } = tableOf('/donnees/statistiques/93/titre-sejour-bobigny.csv');
    expect(header).toEqual([
      'month',
      'successful',
      'vert',
      'jaune',
      'orange',
      'rouge',
      'noir',
      'failed',
      'share_vert',
      'share_jaune',
      'share_orange',
      'share_rouge',
      'share_noir',
      'opening_rate',
      'share_within_month',
      'hours',
      'probed_hours',
    ]);
    expect(rows.map((row) => row.month)).toEqual(['2015-06', '2018-01', '2018-02', '2018-03']);
    // June 2015: one probe of each colour, 2 failures.
    expect(Object.values(rows[0]!)).toEqual([
      '2015-06',
      '5',
      '1',
      '1',
      '1',
      '1',
      '1',
      '2',
      '0.2000',
      '0.2000',
      '0.2000',
      '0.2000',
      '0.2000',
      '0.8000',
      '0.4000',
      '720',
      '7',
    ]);
    // January: 4 successful (2 noir, 1 vert, 1 rouge) and 1 failure.
    expect(Object.values(rows[1]!)).toEqual([
      '2018-01',
      '4',
      '1',
      '0',
      '0',
      '1',
      '2',
      '1',
      '0.2500',
      '0.0000',
      '0.0000',
      '0.2500',
      '0.5000',
      '0.5000',
      '0.2500',
      '744',
      '5',
    ]);
    // February: 1 jaune, 2 orange.
    expect(Object.values(rows[2]!)).toEqual([
      '2018-02',
      '3',
      '0',
      '1',
      '2',
      '0',
      '0',
      '0',
      '0.0000',
      '0.3333',
      '0.6667',
      '0.0000',
      '0.0000',
      '1.0000',
      '0.3333',
      '672',
      '3',
    ]);
    // March, the month still running: 712 successful, one vert, 31 failures, every one of its 743 hours probed.
    expect(rows[3]).toMatchObject({
      month: '2018-03',
      successful: '712',
      vert: '1',
      noir: '711',
      failed: '31',
      share_vert: '0.0014',
      opening_rate: '0.0014',
      share_within_month: '0.0014',
      hours: '743',
      probed_hours: '743',
    });
  });

  test('a month with no successful probe has empty shares, not zeros', () => {
    const { rows } = tableOf('/donnees/statistiques/95/sarcelles-5260.csv');
    expect(rows).toEqual([
      {
        month: '2018-03',
        successful: '0',
        vert: '0',
        jaune: '0',
        orange: '0',
        rouge: '0',
        noir: '0',
        failed: '2',
        share_vert: '',
        share_jaune: '',
        share_orange: '',
        share_rouge: '',
        share_noir: '',
        opening_rate: '',
        share_within_month: '',
        hours: '743',
        probed_hours: '2',
      },
    ]);
  });

  test('a procedure without probes gets a header-only statistics file', () => {
    expect(textOf('/donnees/statistiques/975/spm-sejour.csv')).toBe(
      '\ufeffmonth,successful,vert,jaune,orange,rouge,noir,failed,share_vert,share_jaune,share_orange,share_rouge,share_noir,opening_rate,share_within_month,hours,probed_hours\n',
    );
  });

  test('the national statistics have one row per procedure-month, with the procedure named', () => {
    const { header, rows } = tableOf(NATIONAL_STATISTICS_PATH);
    expect(header.slice(0, 6)).toEqual(['department', 'department_name', 'slug', 'prefecture', 'procedure', 'month']);
    expect(rows.map((row) => `${row.department}/${row.slug}/${row.month}`)).toEqual([
      '93/titre-sejour-bobigny/2015-06',
      '93/titre-sejour-bobigny/2018-01',
      '93/titre-sejour-bobigny/2018-02',
      '93/titre-sejour-bobigny/2018-03',
      '95/sarcelles-5260/2018-03',
      '2A/ajaccio-sejour/2018-03',
      '69/lyon-premiere-demande/2017-12',
      '69/lyon-premiere-demande/2018-01',
      '69/lyon-premiere-demande/2018-02',
      '69/lyon-premiere-demande/2018-03',
      '94/creteil-etudiants/2017-07',
      '94/creteil-etudiants/2017-08',
    ]);
    expect(rows[1]).toMatchObject({
      department_name: 'Seine-Saint-Denis',
      prefecture: 'Préfecture de Bobigny',
      successful: '4',
      noir: '2',
      failed: '1',
    });
    expect(rows[5]).toMatchObject({ department_name: 'Corse-du-Sud', vert: '2', share_vert: '1.0000' });
  });

  test('the whole dataset is every month file’s probes in order, with the same columns on every row', () => {
    const { header, rows } = tableOf(ALL_PROBES_PATH);
    expect(header).toEqual([
      'department',
      'slug',
      'probed_at',
      'outcome',
      'first_date',
      'second_date',
      'detail',
      'colour',
    ]);
    const fromMonthFiles = MONTH_FILES.flatMap(([sitePath]) => {
      const [, , , department, slug] = sitePath.split('/');
      return tableOf(sitePath).rows.map((probe) => ({ department, slug, ...probe }));
    });
    expect(rows).toEqual(fromMonthFiles);
  });

  test('the registry is published with all its columns', () => {
    expect(textOf(REGISTRY_DOWNLOAD_PATH)).toBe(`\ufeff${FIXTURE_REGISTRY}`);
  });

  // Excel misreads accents in a CSV without a BOM; R, pandas and DuckDB trip over one in a header.
  const SPREADSHEET_FILES = [NATIONAL_STATISTICS_PATH, REGISTRY_DOWNLOAD_PATH, ...STATISTICS_FILES];
  test.each(ALL_DOWNLOADS.filter((sitePath) => sitePath.endsWith('.csv') || sitePath.endsWith('.csv.gz')))(
    '%s starts with a BOM only if meant for spreadsheets',
    (sitePath) => {
      expect(textOf(sitePath).startsWith('\ufeff')).toBe(SPREADSHEET_FILES.includes(sitePath));
      expect(textOf(sitePath).slice(1).includes('\ufeff')).toBe(false);
    },
  );

  test('gzip files carry no timestamp', () => {
    for (const sitePath of [ALL_PROBES_PATH, MONTH_FILES[0][0]]) {
      expect([...readFileSync(fileOf(sitePath)).subarray(4, 8)]).toEqual([0, 0, 0, 0]);
    }
  });
});

interface PackageField {
  name: string;
  type: string;
  description: string;
  constraints?: { required?: boolean; enum?: string[]; pattern?: string };
}
interface PackageResource {
  name: string;
  path: string;
  profile: string;
  encoding: string;
  compression?: string;
  schema: { fields: PackageField[]; primaryKey: string[] };
}

describe('datapackage.json', () => {
  const dataPackage = JSON.parse(textOf(DATAPACKAGE_PATH)) as Record<string, unknown> & {
    resources: PackageResource[];
  };
  const packageDirectory = path.posix.dirname(DATAPACKAGE_PATH);
  const resourcePath = (resource: PackageResource) => path.posix.join(packageDirectory, resource.path);

  test('is a tabular data package under Licence Ouverte 2.0, versioned and dated by the data', () => {
    expect(dataPackage).toMatchObject({
      profile: 'tabular-data-package',
      name: 'guichets-fermes',
      version: loadDataset(dataDir).version,
      created: '2018-03-31T21:20:25Z',
      licenses: [
        {
          name: 'etalab-2.0',
          path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
          title: 'Licence Ouverte / Open Licence version 2.0',
        },
      ],
    });
    expect(dataPackage.title).toMatch(/préfectures/);
  });

  test('describes the registry, the national statistics and the whole dataset', () => {
    expect(dataPackage.resources.map(resourcePath)).toEqual([
      REGISTRY_DOWNLOAD_PATH,
      NATIONAL_STATISTICS_PATH,
      ALL_PROBES_PATH,
    ]);
  });

  describe.each(dataPackage.resources.map((resource) => [resource.name, resource] as const))(
    'resource %s',
    (_name, resource) => {
      const { header, rows } = tableOf(resourcePath(resource));

      test('its path exists, relative to the package', () => {
        expect(existsSync(fileOf(resourcePath(resource)))).toBe(true);
      });

      test('its schema names the file’s columns in order, each described in French', () => {
        expect(resource.schema.fields.map((field) => field.name)).toEqual(header);
        for (const field of resource.schema.fields) expect(field.description.length).toBeGreaterThan(10);
      });

      test('is declared utf-8 CSV, gzipped exactly when the file is', () => {
        expect(resource).toMatchObject({ profile: 'tabular-data-resource', encoding: 'utf-8' });
        expect(resource.compression === 'gz').toBe(resource.path.endsWith('.gz'));
      });

      test('its rows obey the required, enum and pattern constraints, and its primary key is unique', () => {
        for (const field of resource.schema.fields) {
          const values = rows.map((row) => row[field.name]!);
          if (field.constraints?.required) expect(values).not.toContain('');
          if (field.constraints?.enum)
            for (const value of values) if (value !== '') expect(field.constraints.enum).toContain(value);
          const pattern = field.constraints?.pattern;
          if (pattern) for (const value of values) expect(value).toMatch(new RegExp(`^(?:${pattern})$`));
        }
        const keys = rows.map((row) => resource.schema.primaryKey.map((name) => row[name]).join('|'));
        expect(new Set(keys).size).toBe(keys.length);
      });
    },
  );

  test('constrains outcome and colour to the domain’s values', () => {
    const probes = dataPackage.resources.find((resource) => resource.name === 'sondages')!;
    const field = (name: string) => probes.schema.fields.find((candidate) => candidate.name === name)!;
    expect(field('outcome').constraints?.enum).toEqual([...OUTCOMES]);
    expect(field('colour').constraints?.enum).toEqual([...COLOURS]);
  });
});

describe('writing the downloads', () => {
  const directories = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), 'guichets-downloads-')));
  afterAll(() => directories.forEach((directory) => rmSync(directory, { recursive: true, force: true })));

  test('twice from the same data gives byte-identical files, identical to the built site’s', async () => {
    const dataset = loadDataset(dataDir);
    for (const directory of directories) await writeDownloads(dataset, directory);
    const files = filesUnder(directories[0]!);
    expect(filesUnder(directories[1]!)).toEqual(files);
    expect(files.map((file) => `/${file}`).sort()).toEqual([...ALL_DOWNLOADS].sort());
    for (const file of files) {
      const bytes = readFileSync(path.join(directories[0]!, file));
      expect(readFileSync(path.join(directories[1]!, file)).equals(bytes), file).toBe(true);
      expect(readFileSync(path.join(siteDir, file)).equals(bytes), file).toBe(true);
    }
  });
});

describe('the « Données » page', () => {
  const $ = load(readFileSync(path.join(siteDir, 'donnees', 'index.html'), 'utf8'));
  const links = $('main a[href]')
    .toArray()
    .map((link) => $(link).attr('href')!);
  const localLinks = links.filter((href) => href.startsWith('/'));

  // Month files are linked from each procedure's page, so this page stays small at 36,000 months.
  const monthFile = (sitePath: string) => sitePath.startsWith('/donnees/sondages/');

  test.each(ALL_DOWNLOADS.filter((sitePath) => !monthFile(sitePath)))('links %s', (sitePath) => {
    expect(links).toContain(sitePath);
  });

  test.each(ALL_DOWNLOADS.filter(monthFile))('the procedure page links %s', (sitePath) => {
    const [, , , department, slug] = sitePath.split('/');
    const procedurePage = load(readFileSync(path.join(siteDir, department!, slug!, 'index.html'), 'utf8'));
    expect(
      procedurePage('a[href]')
        .toArray()
        .map((link) => procedurePage(link).attr('href')),
    ).toContain(sitePath);
  });

  test.each(localLinks)('its link %s resolves to a file of the site', (href) => {
    const target = href.split('#')[0]!;
    const file = fileOf(target.endsWith('/') ? `${target}index.html` : target);
    expect(existsSync(file)).toBe(true);
  });

  test.each([ALL_PROBES_PATH, NATIONAL_STATISTICS_PATH, REGISTRY_DOWNLOAD_PATH, DATAPACKAGE_PATH])(
    'shows the size of %s as written',
    (sitePath) => {
      const row = $('table.downloads tbody tr').filter(
        (_, element) => $(element).find(`a[href="${sitePath}"]`).length > 0,
      );
      const bytes = statSync(fileOf(sitePath)).size;
      const size = row.find('td.size').text();
      expect(size).toMatch(/^[\d\u00a0]+(,\d)?\u00a0(octets?|ko|Mo)$/);
      const [number, unit] = size.split(/\u00a0(?=[a-zA-Z])/);
      const value =
        Number(number!.replace(/\u00a0/g, '').replace(',', '.')) * (unit === 'Mo' ? 1e6 : unit === 'ko' ? 1e3 : 1);
      expect(Math.abs(value - bytes)).toBeLessThanOrEqual(unit === 'Mo' ? 5e4 : unit === 'ko' ? 50 : 0);
    },
  );

  test('says which files carry a BOM for spreadsheets', () => {
    expect($('table.downloads').text()).toContain('CSV pour tableur (UTF-8 avec BOM)');
    expect($('main').text()).toMatch(/n’en ont pas/);
  });

  test('gives the data version and how to cite it', () => {
    const version = loadDataset(dataDir).version;
    expect($('.citation').text()).toContain(version);
    expect($('.citation').text()).toContain('https://guichets.example/donnees/');
    expect($('main').text()).toContain('Licence Ouverte 2.0');
  });

  test('points to each procedure’s month files with their count and period', () => {
    const bobigny = $('table.procedure-downloads tbody tr').filter((_, row) => $(row).text().includes('Bobigny'));
    const link = bobigny.find('a[href$="#donnees-brutes"]');
    expect(link.attr('href')).toBe('/93/titre-sejour-bobigny/#donnees-brutes');
    expect(link.text().replace(/\s+/g, ' ').trim()).toBe('4 fichiers, juin 2015 à mars 2018');
  });

  test('defines every column of every file', () => {
    const defined = new Set(
      $('table.dictionary tbody th')
        .toArray()
        .map((cell) => $(cell).text().trim()),
    );
    const headers = [
      ...ALL_DOWNLOADS.filter((sitePath) => /\.csv(\.gz)?$/.test(sitePath)).flatMap(
        (sitePath) => tableOf(sitePath).header,
      ),
    ];
    for (const column of headers) expect(defined, column).toContain(column);
  });

  test('quotes the colour definitions and outcome labels of the domain core', () => {
    // French spacing puts no-break spaces in the page's text: compare with plain spaces.
    const plain = (value: string) => value.replace(/[\u00a0\u202f]/g, ' ');
    const text = plain($('main').text());
    for (const colour of COLOURS) expect(text).toContain(plain(COLOUR_STYLES[colour].definition));
    for (const outcome of OUTCOMES) expect(text).toContain(plain(OUTCOME_LABELS[outcome]));
    expect(text).toContain('jamais compté comme « noir »');
    expect(text).toContain('7-Zip');
    expect(text).toContain('gunzip');
  });

  test('is accessible: one h1, no skipped heading level, captioned tables, scoped header cells', () => {
    const levels = $('main h1, main h2, main h3, main h4')
      .toArray()
      .map((heading) => Number(heading.tagName.slice(1)));
    expect(levels[0]).toBe(1);
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    levels.forEach((level, index) => index > 0 && expect(level).toBeLessThanOrEqual(levels[index - 1]! + 1));
    $('main table').each((_, table) => {
      expect($(table).find('caption').text().trim()).not.toBe('');
    });
    expect($('main th:not([scope])').length).toBe(0);
  });
});
