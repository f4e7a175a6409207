import { load } from 'cheerio';
import { describe, expect, test } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { parseCsv } from '../../src/lib/csv.ts';
import { parseMonthFile } from '../../src/lib/probe.ts';
import { monthDownloads } from '../../src/site/downloads.ts';
import { publishedRawRows, rawMonthRows, rawProbeRow, type RawProbeRow } from '../../src/site/raw-month-table.ts';
import { BOBIGNY_JUNE_2015 } from '../support/fixture-data.ts';

/** The rows of a built table body as their cells' text, the way a reader sees them. */
function rowTexts(html: string): string[][] {
  const $ = load(`<table>${html}</table>`);
  return $('tr')
    .toArray()
    .map((row) =>
      $(row)
        .find('th, td')
        .toArray()
        .map((cell) =>
          $(cell)
            .text()
            .replace(/[\u00a0\u202f]/g, ' ')
            .trim(),
        ),
    );
}

const row = (probed_at: string, outcome = 'none', first_date = '', second_date = '', detail = ''): RawProbeRow => ({
  probed_at,
  outcome,
  first_date,
  second_date,
  detail,
});

describe('the rows read back from a published month file', () => {
  // The prerendered months and the months drawn in the browser both read their rows from the published file.
  test.each([
    ['a month with every kind of result and a detail to quote', BOBIGNY_JUNE_2015],
    [
      'a detail a spreadsheet would run as a formula',
      'probed_at,outcome,first_date,second_date,detail,evidence_sha256\n2015-06-01T09:20:25+02:00,http_error,,,=HYPERLINK(x),\n',
    ],
  ])('give the probes as the month file holds them: %s', (_, text) => {
    const { probes } = parseMonthFile(text, 'fixture.csv', '2015-06');
    const published = gunzipSync(monthDownloads({ department: '93', slug: 'x' }, probes).monthGz).toString('utf8');
    expect(publishedRawRows(parseCsv(published, 'x.csv'))?.map(({ row }) => row)).toEqual(probes.map(rawProbeRow));
  });

  test('say null when a column is missing', () => {
    expect(publishedRawRows(parseCsv('probed_at,outcome\n2015-06-01T09:20:25+02:00,none\n', 'x.csv'))).toBeNull();
  });
});

describe('the rows of a raw-data month table', () => {
  test('give one tbody per day, the date once, probes in time order, every kind of result', () => {
    const { probes } = parseMonthFile(BOBIGNY_JUNE_2015, 'fixture.csv', '2015-06');
    const html = rawMonthRows([...probes].reverse().map(rawProbeRow));
    expect(
      load(`<table>${html}</table>`)('tbody')
        .map((_, body) => body.attribs['data-day'])
        .get(),
    ).toEqual(['2015-06-01', '2015-06-02', '2015-06-03']);
    expect(rowTexts(html)).toEqual([
      ['01/06/2015', '09:20:25', 'Aucune date'],
      ['', '10:20:25', '10/06/2015', '12/06/2015'],
      ['', '11:20:25', '20/06/2015', 'aucune autre date'],
      ['02/06/2015', '09:20:25', '20/07/2015', '21/07/2015'],
      ['', '10:20:25', '01/09/2015', '02/09/2015'],
      ['', '11:20:25', 'Échec : erreur du serveur (réponse HTTP 503 : <maintenance>, « revenez » & réessayez)'],
      ['03/06/2015', '09:20:25', 'Non sondé : captcha exigé'],
    ]);
    expect(html).toContain('(réponse HTTP 503\u00a0: &lt;maintenance&gt;, «\u202frevenez\u202f» &amp; réessayez)');
    // Each day carries its date for print, where every row repeats it so that each sheet starts dated.
    expect(html).toContain(`<tbody data-day=2015-06-02 style="--d:'02/06/2015'">`);
  });

  test('give the UTC offset of a clock reading that happens twice, the night the clocks go back', () => {
    const html = rawMonthRows([
      row('2018-10-28T02:20:25+01:00'),
      row('2018-10-28T02:20:25+02:00'),
      row('2018-10-28T01:20:25+02:00'),
    ]);
    expect(rowTexts(html).map((cells) => cells[1])).toEqual(['01:20:25', '02:20:25 (UTC+02)', '02:20:25 (UTC+01)']);
  });

  test('read a failure code this version does not know as a failure', () => {
    expect(rowTexts(rawMonthRows([row('2018-03-01T09:20:25+01:00', 'new_failure', '', '', 'x')]))).toEqual([
      ['01/03/2018', '09:20:25', 'Échec (résultat « new_failure » inconnu de cette version) (texte d’origine : « x »)'],
    ]);
  });

  test.each([
    ['2018-03-01T16:20:25+01:00', '16:20:25'],
    ['2018-03-01T00:00:59+01:00', '00:00:59'],
    ['2018-07-14T23:59:01+02:00', '23:59:01'],
  ])('show the instant of %s to the second, %s, to match the archived page', (probedAt, shown) => {
    expect(rowTexts(rawMonthRows([row(probedAt)]))[0]![1]).toBe(shown);
  });

  test.each([
    [
      'timeout',
      'no complete answer within 30 s',
      'Échec : le site n’a pas répondu à temps (pas de réponse complète en 30 s)',
    ],
    [
      'captcha',
      'CaptchEtat captcha required to reach the slots',
      'Non sondé : captcha exigé (captcha CaptchEtat exigé avant les créneaux)',
    ],
    [
      'blocked',
      'HTTP 403 Forbidden, anti-bot challenge page',
      'Échec : accès bloqué (réponse HTTP 403, page de contrôle anti-robot)',
    ],
  ])('give a %s failure its French reading, not the robot’s English detail', (outcome, detail, shown) => {
    expect(rowTexts(rawMonthRows([row('2018-03-01T09:20:25+01:00', outcome, '', '', detail)]))[0]![2]).toBe(shown);
  });
});
