/**
 * A fixture data directory for end-to-end tests: a few procedures with
 * hand-checked small months, one full month of hourly probes (to test
 * printing), a month with only failures, a month far older than the
 * prerendered window (drawn in the browser), a procedure with no data, one
 * whose every date is more than two months away, and two no longer probed
 * (`until`), one with old months and one that was never probed. Names and
 * URLs look real but are fixture data: none of it is in `data/`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { daysOfMonth, formatParisTimestamp } from '../../src/lib/calendar.ts';

export const FIXTURE_REGISTRY = `department,slug,prefecture,procedure,system,url,planning,since,until,source,note
93,titre-sejour-bobigny,Préfecture de Bobigny,Demande d'admission exceptionnelle au séjour,legacy-booking,https://www.seine-saint-denis.gouv.fr/booking/create/9829,,,,fixture,
95,sarcelles-5260,Sous-préfecture de Sarcelles,Titre de séjour,legacy-booking,https://www.val-doise.gouv.fr/booking/create/5260,,,,fixture,
2A,ajaccio-sejour,Préfecture de la Corse-du-Sud,Première demande de titre de séjour,legacy-booking,https://www.corse-du-sud.gouv.fr/booking/create/1,,,,fixture,
975,spm-sejour,Préfecture de Saint-Pierre-et-Miquelon,Titre de séjour,rdv-prefecture,https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/1/,,,,fixture,
69,lyon-premiere-demande,Préfecture du Rhône,Première demande de titre de séjour,legacy-booking,https://www.rhone.gouv.fr/booking/create/2042,,,,fixture,
94,creteil-etudiants,Préfecture du Val-de-Marne,Titre de séjour étudiant,legacy-booking,https://www.val-de-marne.gouv.fr/booking/create/4040,,2017-07-01,2017-08-31,fixture,remplacée par une démarche en ligne de l’ANEF
13,marseille-renouvellement,Préfecture des Bouches-du-Rhône,Renouvellement de titre de séjour,legacy-booking,https://www.bouches-du-rhone.gouv.fr/booking/create/1313,,,2018-01-31,fixture,page de réservation retirée par la préfecture avant le premier sondage
`;

/** The procedure whose every date is far: Lyon (69), every successful probe rouge. */
export const FAR_PROCEDURE = { department: '69', slug: 'lyon-premiere-demande' } as const;
/** No longer probed after 31 August 2017, with two months of probes. */
export const RETIRED_WITH_DATA = { department: '94', slug: 'creteil-etudiants' } as const;
/** No longer probed after 31 January 2018, never probed at all. */
export const RETIRED_WITHOUT_DATA = { department: '13', slug: 'marseille-renouvellement' } as const;

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

/**
 * Lyon, December 2017 to March 2018: dates always far. Every successful probe
 * offers a first date more than two months away (rouge: 11 in the three
 * elapsed months, 2 in March), and January has one failure.
 */
export const LYON_MONTHS: Record<string, string> = {
  '2017-12': `${HEADER}2017-12-04T09:20:25+01:00,slots,2018-03-15,2018-03-16,,
2017-12-11T09:20:25+01:00,slots,2018-03-20,,,
2017-12-18T14:20:25+01:00,slots,2018-04-02,2018-04-03,,
2017-12-27T09:20:25+01:00,slots,2018-04-05,2018-04-06,,
`,
  '2018-01': `${HEADER}2018-01-08T09:20:25+01:00,slots,2018-04-16,2018-04-17,,
2018-01-15T09:20:25+01:00,timeout,,,pas de réponse en 30 s,
2018-01-22T11:20:25+01:00,slots,2018-05-02,,,
2018-01-29T09:20:25+01:00,slots,2018-05-14,2018-05-15,,
`,
  '2018-02': `${HEADER}2018-02-05T09:20:25+01:00,slots,2018-05-22,2018-05-23,,
2018-02-12T09:20:25+01:00,slots,2018-05-28,,,
2018-02-19T16:20:25+01:00,slots,2018-06-04,2018-06-05,,
2018-02-26T09:20:25+01:00,slots,2018-06-11,2018-06-12,,
`,
  '2018-03': `${HEADER}2018-03-05T09:20:25+01:00,slots,2018-06-18,2018-06-19,,
2018-03-12T09:20:25+01:00,slots,2018-06-25,,,
`,
};

/** Créteil, July and August 2017, before it stopped being probed: 1 vert, 2 orange, 1 noir. */
export const CRETEIL_MONTHS: Record<string, string> = {
  '2017-07': `${HEADER}2017-07-03T09:20:25+02:00,slots,2017-07-10,2017-07-11,,
2017-07-17T09:20:25+02:00,slots,2017-09-01,2017-09-04,,
`,
  '2017-08': `${HEADER}2017-08-07T09:20:25+02:00,none,,,,
2017-08-30T09:20:25+02:00,slots,2017-10-16,2017-10-17,,
`,
};

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
    ...monthFiles(FAR_PROCEDURE, LYON_MONTHS),
    ...monthFiles(RETIRED_WITH_DATA, CRETEIL_MONTHS),
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(directory, name)), { recursive: true });
    writeFileSync(path.join(directory, name), content);
  }
  return directory;
}

/** Month files of a procedure, by their path in the data directory. */
function monthFiles(
  procedure: { department: string; slug: string },
  months: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(months).map(([month, text]) => [
      `probes/${procedure.department}/${procedure.slug}/${month}.csv`,
      text,
    ]),
  );
}
