import { load } from 'cheerio';
import { describe, expect, test } from 'vitest';
import { parseMonthFile } from '../../src/lib/probe.ts';
import { rawMonthRows, rawProbeRow, type RawProbeRow } from '../../src/site/raw-month-table.ts';
import { BOBIGNY_JUNE_2015 } from '../support/fixture-data.ts';

/** The rows of a built table body as their cells' text, the way a reader sees them. */
function rowTexts(html: string): string[][] {
  const $ = load(`<table>${html}</table>`);
  return $('tr').toArray().map((row) => $(row).find('th, td').toArray().map((cell) => $(cell).text().trim()));
}

const row = (probed_at: string, outcome = 'none', first_date = '', second_date = '', detail = ''): RawProbeRow => ({ probed_at, outcome, first_date, second_date, detail });

describe('the rows of a raw-data month table', () => {
  test('give one tbody per day, the date once, probes in time order, every kind of result', () => {
    const { probes } = parseMonthFile(BOBIGNY_JUNE_2015, 'fixture.csv', '2015-06');
    const html = rawMonthRows([...probes].reverse().map(rawProbeRow));
    expect(load(`<table>${html}</table>`)('tbody').map((_, body) => body.attribs['data-day']).get()).toEqual(['2015-06-01', '2015-06-02', '2015-06-03']);
    expect(rowTexts(html)).toEqual([
      ['01/06/2015', '09:20', 'Aucune date'],
      ['', '10:20', '10/06/2015', '12/06/2015'],
      ['', '11:20', '20/06/2015', 'aucune autre date'],
      ['02/06/2015', '09:20', '20/07/2015', '21/07/2015'],
      ['', '10:20', '01/09/2015', '02/09/2015'],
      ['', '11:20', 'Échec : erreur du serveur (HTTP 503 : <maintenance>, « revenez » & réessayez)'],
      ['03/06/2015', '09:20', 'Non sondé : captcha exigé'],
    ]);
    expect(html).toContain('(HTTP 503 : &lt;maintenance&gt;, « revenez » &amp; réessayez)');
  });

  test('give the UTC offset of a clock reading that happens twice, the night the clocks go back', () => {
    const html = rawMonthRows([row('2018-10-28T02:20:25+01:00'), row('2018-10-28T02:20:25+02:00'), row('2018-10-28T01:20:25+02:00')]);
    expect(rowTexts(html).map((cells) => cells[1])).toEqual(['01:20', '02:20 (UTC+02)', '02:20 (UTC+01)']);
  });

  test('read a failure code this version does not know as a failure', () => {
    expect(rowTexts(rawMonthRows([row('2018-03-01T09:20:25+01:00', 'new_failure', '', '', 'x')]))).toEqual([['01/03/2018', '09:20', 'Échec (new_failure) (x)']]);
  });
});
