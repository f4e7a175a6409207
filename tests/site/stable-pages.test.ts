/**
 * One more hour of probes must not rewrite the pages whose content did not
 * change: a closed month's page (and a guide, the method…) stays byte-identical
 * from build to build, so an hourly deploy uploads little and caches stay warm.
 * The fixture's site is built once more after one probe row is added to a
 * month in progress, with the build's clock moved on by an hour.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { formatParisTimestamp } from '../../src/lib/calendar.ts';
import { parseMonthFile } from '../../src/lib/probe.ts';
import { RETIRED_WITH_DATA, RETIRED_WITHOUT_DATA } from '../support/fixture-data.ts';

/** A procedure no longer probed (with months, and without any) and the pages and files made of its data alone. */
const unchangedData = [RETIRED_WITH_DATA, RETIRED_WITHOUT_DATA].flatMap(({ department, slug }) => [
  `${department}/${slug}/index.html`,
  `${department}/${slug}/statistiques.json`,
  `${department}/${slug}/flux.atom`,
  `${department}/${slug}/courrier/index.html`,
  `${department}/${slug}/integrer/index.html`,
  // Its department has no other procedure: none of its procedures got a probe.
  `${department}/index.html`,
  `${department}/flux.atom`,
]);

const firstSite = inject('fixtureSiteDir');
const work = mkdtempSync(path.join(tmpdir(), 'guichets-stable-'));
const secondSite = path.join(work, 'dist');

/** Every month file of a data directory, as `department/slug/YYYY-MM`. */
function monthKeys(dataDir: string): string[] {
  const root = path.join(dataDir, 'probes');
  return readdirSync(root).flatMap((department) =>
    readdirSync(path.join(root, department)).flatMap((slug) =>
      readdirSync(path.join(root, department, slug)).map((file) => `${department}/${slug}/${file.slice(0, 7)}`),
    ),
  );
}

const monthFile = (dataDir: string, key: string) => path.join(dataDir, 'probes', `${key}.csv`);
const page = (site: string, relative: string) => readFileSync(path.join(site, relative, 'index.html'));
const file = (site: string, relative: string) => readFileSync(path.join(site, relative));

let months: string[] = [];
let current = '';
let grown = '';

beforeAll(() => {
  const dataDir = path.join(work, 'data');
  cpSync(inject('fixtureDataDir'), dataDir, { recursive: true });
  months = monthKeys(dataDir);
  current = months
    .map((key) => key.slice(-7))
    .sort()
    .at(-1)!;
  // One more probe, a minute after the last one of a month in progress, in the same month.
  let latest = 0;
  for (const key of months.filter((candidate) => candidate.endsWith(current))) {
    const text = readFileSync(monthFile(dataDir, key), 'utf8');
    const last = parseMonthFile(text, key, current).probes.at(-1)!;
    const next = formatParisTimestamp(new Date(last.instant + 60_000));
    if (grown === '' && next.startsWith(current)) {
      appendFileSync(monthFile(dataDir, key), `${next},none,,,,\n`);
      grown = key;
    }
    latest = Math.max(latest, last.instant + 60_000);
  }
  expect(grown, 'a month in progress that can take one more probe').not.toBe('');
  execFileSync(path.resolve('node_modules/.bin/tsx'), ['scripts/build.ts'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      OUT_DIR: secondSite,
      SITE_URL: 'https://guichets.example',
      BUILD_CLOCK: new Date(latest + 3_600_000).toISOString(),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('one more hour of probes', () => {
  test('leaves every closed month page of every procedure byte-identical', () => {
    const closed = months.filter((key) => key.slice(-7) < current);
    expect(closed.length).toBeGreaterThan(0);
    for (const key of closed) expect(page(secondSite, key).equals(page(firstSite, key)), key).toBe(true);
  });

  test('changes the page of the month that grew', () => {
    expect(page(secondSite, grown).equals(page(firstSite, grown))).toBe(false);
  });

  test.each(unchangedData)('leaves %s, whose data did not change, byte-identical', (relative) => {
    expect(relative.startsWith(grown.split('/')[0]!)).toBe(false);
    expect(file(secondSite, relative).equals(file(firstSite, relative))).toBe(true);
  });

  test('leaves the evidence pack of a procedure no longer probed byte-identical', () => {
    const { department, slug } = RETIRED_WITH_DATA;
    expect(
      page(secondSite, `${department}/${slug}/dossier`).equals(page(firstSite, `${department}/${slug}/dossier`)),
    ).toBe(true);
  });

  test('changes the statistiques.json of the procedure that grew', () => {
    const procedure = grown.split('/').slice(0, 2).join('/');
    expect(
      file(secondSite, `${procedure}/statistiques.json`).equals(file(firstSite, `${procedure}/statistiques.json`)),
    ).toBe(false);
  });

  test.each(['guides', 'methode', 'outils'])('leaves the %s page, which shows no data, byte-identical', (relative) => {
    expect(page(secondSite, relative).equals(page(firstSite, relative))).toBe(true);
  });
});
