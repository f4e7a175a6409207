/**
 * A fixture data directory for end-to-end tests: a few procedures with
 * hand-checked small months, one full month of hourly probes (to test
 * printing), a month with only failures, a month far older than the
 * prerendered window (drawn in the browser) and a procedure with no data.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { daysOfMonth, formatParisTimestamp } from '../../src/lib/calendar.ts';

export const FIXTURE_REGISTRY = `department,slug,prefecture,procedure,system,url,planning,since,until,source
93,titre-sejour-bobigny,Préfecture de Bobigny,Demande d'admission exceptionnelle au séjour,legacy-booking,https://www.seine-saint-denis.gouv.fr/booking/create/9829,,,,fixture
95,sarcelles-5260,Sous-préfecture de Sarcelles,Titre de séjour,legacy-booking,https://www.val-doise.gouv.fr/booking/create/5260,,,,fixture
2A,ajaccio-sejour,Préfecture de la Corse-du-Sud,Première demande de titre de séjour,legacy-booking,https://www.corse-du-sud.gouv.fr/booking/create/1,,,,fixture
975,spm-sejour,Préfecture de Saint-Pierre-et-Miquelon,Titre de séjour,rdv-prefecture,https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/1/,,,,fixture
`;

const HEADER = 'probed_at,outcome,first_date,second_date,detail,evidence_sha256\n';

/** January 2018 in Bobigny: 4 successful probes (2 noir, 1 vert, 1 rouge) and 1 failure. */
export const BOBIGNY_JANUARY = `${HEADER}2018-01-02T09:20:25+01:00,none,,,,
2018-01-02T10:20:25+01:00,none,,,,
2018-01-02T11:20:25+01:00,slots,2018-01-15,2018-01-16,,
2018-01-03T09:20:25+01:00,slots,2018-04-10,2018-04-11,,
2018-01-03T10:20:25+01:00,timeout,,,pas de réponse en 30 s,
`;

/** February 2018 in Bobigny: 3 successful (1 jaune, 2 orange) and no failure. */
export const BOBIGNY_FEBRUARY = `${HEADER}2018-02-01T09:20:25+01:00,slots,2018-02-20,,,
2018-02-12T09:20:25+01:00,slots,2018-03-20,2018-03-21,,
2018-02-28T09:20:25+01:00,slots,2018-04-28,2018-04-30,,
`;

/**
 * June 2015 in Bobigny, long before the 24 prerendered months that end with
 * the compile month (March 2018): its page draws the rows from the CSV. One
 * probe of each colour (vert, jaune, orange, rouge, noir: 5 successful) and 2
 * failures, one with a detail that must be quoted in CSV and escaped in HTML.
 */
export const BOBIGNY_JUNE_2015 = `${HEADER}2015-06-01T09:20:25+02:00,none,,,,
2015-06-01T10:20:25+02:00,slots,2015-06-10,2015-06-12,,
2015-06-01T11:20:25+02:00,slots,2015-06-20,,,
2015-06-02T09:20:25+02:00,slots,2015-07-20,2015-07-21,,
2015-06-02T10:20:25+02:00,slots,2015-09-01,2015-09-02,,
2015-06-02T11:20:25+02:00,http_error,,,"HTTP 503 : <maintenance>, « revenez » & réessayez",
2015-06-03T09:20:25+02:00,captcha,,,,
`;

/**
 * March 2018 in Bobigny: one probe every hour at :20:25, all noir except
 * failures every day at 03:20 (http_error 502) and slots on the 15th at noon.
 */
export function bobignyMarch(): string {
  const lines = [HEADER];
  for (const day of daysOfMonth('2018-03')) {
    for (let hour = 0; hour < 24; hour += 1) {
      const instant = parisInstant(day, hour);
      if (instant === null) continue; // 02:20 does not exist on the day clocks go forward
      const probedAt = formatParisTimestamp(new Date(instant));
      if (hour === 3) lines.push(`${probedAt},http_error,,,HTTP 500,\n`);
      else if (day === '2018-03-15' && hour === 12) lines.push(`${probedAt},slots,2018-03-20,2018-03-22,,\n`);
      else lines.push(`${probedAt},none,,,,\n`);
    }
  }
  return lines.join('');
}

/** The instant of HH:20:25 Paris time on a day, or null when that time does not exist. */
function parisInstant(day: string, hour: number): number | null {
  for (const offset of [1, 2]) {
    const instant = Date.parse(`${day}T${String(hour).padStart(2, '0')}:20:25+0${offset}:00`);
    if (formatParisTimestamp(new Date(instant)).startsWith(`${day}T${String(hour).padStart(2, '0')}:20:25`))
      return instant;
  }
  return null;
}

/** Sarcelles, March 2018: only failures. */
export const SARCELLES_MARCH = `${HEADER}2018-03-01T09:20:25+01:00,throttled,,,HTTP 502,
2018-03-01T10:20:25+01:00,blocked,,,HTTP 403,
`;

/** Ajaccio, March 2018: 2 vert. */
export const AJACCIO_MARCH = `${HEADER}2018-03-05T09:20:25+01:00,slots,2018-03-06,2018-03-06,,
2018-03-06T09:20:25+01:00,slots,2018-03-07,2018-03-08,,
`;

/** Writes the fixture into a new temporary directory and returns its path. */
export function writeFixtureDataDirectory(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'guichets-fixture-'));
  const files: Record<string, string> = {
    'procedures.csv': FIXTURE_REGISTRY,
    'probes/93/titre-sejour-bobigny/2015-06.csv': BOBIGNY_JUNE_2015,
    'probes/93/titre-sejour-bobigny/2018-01.csv': BOBIGNY_JANUARY,
    'probes/93/titre-sejour-bobigny/2018-02.csv': BOBIGNY_FEBRUARY,
    'probes/93/titre-sejour-bobigny/2018-03.csv': bobignyMarch(),
    'probes/95/sarcelles-5260/2018-03.csv': SARCELLES_MARCH,
    'probes/2A/ajaccio-sejour/2018-03.csv': AJACCIO_MARCH,
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(directory, name)), { recursive: true });
    writeFileSync(path.join(directory, name), content);
  }
  return directory;
}
