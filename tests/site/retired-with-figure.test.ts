/**
 * A procedure no longer probed still has a figure when its headline period
 * holds probes: the home and department tables must say beside the figure
 * that it stopped, or a reader would take the figure for a measure that goes
 * on. Built from the fixture's Créteil procedure alone (probed in July and
 * August 2017, no longer after 31 August), with the clock in October 2017.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { retiredWords } from '../../src/lib/procedure-status.ts';
import { CRETEIL_MONTHS, FIXTURE_REGISTRY, RETIRED_WITH_DATA } from '../support/fixture-data.ts';

const work = mkdtempSync(path.join(tmpdir(), 'guichets-retired-within-'));
const site = path.join(work, 'dist');
const { department, slug } = RETIRED_WITH_DATA;

beforeAll(() => {
  const dataDir = path.join(work, 'data');
  const [header, ...rows] = FIXTURE_REGISTRY.trimEnd().split('\n');
  const registry = [header, ...rows.filter((row) => row.startsWith(`${department},${slug},`))].join('\n') + '\n';
  mkdirSync(path.join(dataDir, 'probes', department, slug), { recursive: true });
  writeFileSync(path.join(dataDir, 'procedures.csv'), registry);
  for (const [month, text] of Object.entries(CRETEIL_MONTHS))
    writeFileSync(path.join(dataDir, 'probes', department, slug, `${month}.csv`), text);
  execFileSync(path.resolve('node_modules/.bin/tsx'), ['scripts/build.ts'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      OUT_DIR: site,
      SITE_URL: 'https://guichets.example',
      BUILD_CLOCK: '2017-10-15T10:00:00Z',
      STATS_CACHE_DIR: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a procedure no longer probed, with a figure', () => {
  test.each([
    { table: 'home', file: 'index.html' },
    { table: 'department', file: `${department}/index.html` },
  ])('the $table table shows its figure with « plus sondée après le 31 août 2017 » under its name', ({ file }) => {
    const $ = load(readFileSync(path.join(site, file), 'utf8'));
    const row = $(`tbody tr:has(a[href$="/${department}/${slug}/"])`);
    expect(row.length).toBe(1);
    expect(row.find('.row-retired').text()).toBe('plus sondée après le 31 août 2017');
    // The figure is still there: the retirement is said beside it, not instead of it.
    expect(row.find('td.within-month').text()).toMatch(/\d+\s?%/);
  });
});

test.each([
  { until: '', words: '' },
  { until: '2017-08-31', words: 'plus sondée après le 31 août 2017' },
  { until: '2018-01-01', words: 'plus sondée après le 1er janvier 2018' },
])('retiredWords($until) is « $words »', ({ until, words }) => {
  expect(retiredWords(until)).toBe(words);
});
