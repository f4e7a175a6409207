import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { describe, expect, inject, test } from 'vitest';
import { monthFileDigest } from '../../src/lib/month-version.ts';
import { dataCommit } from '../../src/site/data-commit.ts';
import { BOBIGNY_FEBRUARY, bobignyMarch } from '../support/fixture-data.ts';

const siteDir = inject('fixtureSiteDir');
const page = (relative: string) => load(readFileSync(path.join(siteDir, relative, 'index.html'), 'utf8'));
const text = (value: string) => value.replace(/[ \t\n]+/g, ' ').trim();

describe('month pages cite their own month', () => {
  test('a closed month says its numbers will not change and cites the version of its own file', () => {
    const $ = page('93/titre-sejour-bobigny/2018-02');
    const version = monthFileDigest(BOBIGNY_FEBRUARY).slice(0, 12);
    expect(text($('[data-closed-month]').text())).toContain('Mois clos\u00a0: ces chiffres ne changeront plus.');
    expect($('[data-open-month]')).toHaveLength(0);
    expect(text($('[data-citation]').text())).toContain(`version des données ${version}`);
    expect($('.citation-facts').text()).toContain('le mois est clos, elle ne changera plus');
    // Neither the compile date nor the dataset version, which change every hour, appear on it.
    expect(text($('.site-footer').text())).toContain(`Mois clos · version des données du mois ${version}`);
    expect($.html()).not.toContain('compilées');
  });

  test('the month being probed says it will still change', () => {
    const $ = page('93/titre-sejour-bobigny/2018-03');
    expect($('[data-closed-month]')).toHaveLength(0);
    expect(text($('[data-open-month]').text())).toContain('ces chiffres changeront jusqu’à la fin du mois');
    expect(text($('[data-citation]').text())).toContain(
      `version des données ${monthFileDigest(bobignyMarch()).slice(0, 12)}`,
    );
  });
});

describe('a procedure page cites its own data', () => {
  test('with the date of its latest probe and the version of its month files, checkable with sha256sum', () => {
    const $ = page('94/creteil-etudiants');
    const probes = path.join(inject('fixtureDataDir'), 'probes/94/creteil-etudiants');
    const version = execFileSync('sh', ['-c', 'sha256sum *.csv | sha256sum'], { cwd: probes, encoding: 'utf8' }).slice(
      0,
      12,
    );
    const citation = text($('[data-citation]').text());
    expect(citation).toContain(
      `données arrêtées au dernier sondage, le 30\u00a0août 2017 à 9\u00a0h\u00a020, version des données de la démarche ${version}`,
    );
    // Neither the compile date, the whole dataset's version nor the data commit, which change every hour.
    expect($.html()).not.toContain('compilées');
    expect($('.citation-facts').text()).not.toContain('Commit');
    expect(text($('.site-footer').text())).toContain(`version des données de la démarche ${version}`);
  });
});

describe('the data commit of a build', () => {
  const sha = '0123456789abcdef0123456789abcdef01234567';
  test.each([
    [
      'GitHub Actions',
      { GITHUB_SHA: sha, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'owner/guichets-fermes' },
      { sha, dataUrl: `https://github.com/owner/guichets-fermes/tree/${sha}/data` },
    ],
    ['a commit without the repository', { GITHUB_SHA: sha }, { sha, dataUrl: null }],
    [
      'a malformed repository',
      { GITHUB_SHA: sha, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'owner/x/../y' },
      { sha, dataUrl: null },
    ],
    ['no commit', { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'owner/guichets-fermes' }, null],
    ['a malformed commit', { GITHUB_SHA: 'main' }, null],
  ])('%s', (_, environment, expected) => {
    expect(dataCommit(environment)).toEqual(expected);
  });

  test('a build outside Actions names no commit', () => {
    // The fixture site is built without GITHUB_SHA unless the tests themselves run in Actions.
    const $ = page('93/titre-sejour-bobigny');
    expect($('.citation-facts').text().includes('Commit des données')).toBe(Boolean(dataCommit()));
  });
});
