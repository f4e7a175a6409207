/** RDV-Préfecture pages, read from the reconstructed fixtures of booking-systems.md §3.8. */
import { describe, expect, test } from 'vitest';
import { classifyRdvPage, parseDemarcheAddress, parseSlotPage } from '../../src/robot/adapters/rdv-prefecture-pages.ts';
import { isoDate } from '../../src/lib/rdv-slot-state.ts';
import * as pages from '../../src/robot/simulator/rdv-pages.ts';
import { fixture } from './support/fixtures.ts';

const state = (vueData: unknown) =>
  `<script id="vui-init-data" type="application/json">${JSON.stringify({ vueData })}</script>`;
const critere = (datePremiereDispo: string) => ({
  premierJour: '18/05/2026',
  dateMin: '18/05/2026',
  dateMax: '26/06/2026',
  datePremiereDispo,
});

describe('parseSlotPage', () => {
  test('slots: the first two by date and time', () => {
    expect(parseSlotPage(fixture('rdvpref_creneau_slots.html'))).toEqual({
      kind: 'slots',
      first: { date: '2026-05-19', time: '09:30' },
      second: { date: '2026-05-19', time: '09:45' },
      publications: { previous: '04/05/2026 11:58', next: '11/05/2026 11:58' },
      note: '',
    });
  });

  test('no slot: datePremiereDispo empty and no tranche', () => {
    expect(parseSlotPage(fixture('rdvpref_creneau_none.html'))).toEqual({
      kind: 'none',
      publications: { previous: '04/05/2026 11:58', next: '11/05/2026 11:58' },
    });
  });

  test('none this week but a first availability later: that date is offered', () => {
    expect(parseSlotPage(fixture('rdvpref_creneau_none_this_week.html'))).toMatchObject({
      kind: 'slots',
      first: { date: '2026-06-02' },
      second: null,
    });
  });

  test.each([
    [
      'tranches out of order, minutes as "HH:MM"',
      state({
        critere: critere('21/05/2026'),
        tranches: [
          { trhId: 2, dateLocale: '22/05/2026', minutesDebut: '8:15' },
          { trhId: 1, dateLocale: '21/05/2026', minutesDebut: 600 },
        ],
      }),
      { kind: 'slots', first: { date: '2026-05-21', time: '10:00' }, second: { date: '2026-05-22', time: '08:15' } },
    ],
    [
      'no publications',
      state({ critere: critere(''), tranches: [] }),
      { kind: 'none', publications: { previous: null, next: null } },
    ],
    ['tranches missing, nothing free', state({ critere: critere('') }), { kind: 'none' }],
  ])('%s', (_, html, expected) => {
    expect(parseSlotPage(html)).toMatchObject(expected);
  });

  test.each([
    ['no state', '<h2>Aucun créneau disponible</h2>'],
    ['state that is not JSON', '<script id="vui-init-data">{vueData:</script>'],
    ['no critere', state({ CTX: 'x' })],
    ['datePremiereDispo missing', state({ critere: { dateMin: '18/05/2026' }, tranches: [] })],
    ['datePremiereDispo null', state({ critere: critere(null as unknown as string), tranches: [] })],
    ['date in another format', state({ critere: critere('2026-05-19'), tranches: [] })],
    ['an impossible day', state({ critere: critere('31/02/2026'), tranches: [] })],
    [
      'slots while nothing is said to be free',
      state({ critere: critere(''), tranches: [{ trhId: 1, dateLocale: '19/05/2026', minutesDebut: 570 }] }),
    ],
    [
      'minutes out of range',
      state({ critere: critere('19/05/2026'), tranches: [{ trhId: 1, dateLocale: '19/05/2026', minutesDebut: 5000 }] }),
    ],
  ])('%s is unrecognized, never none', (_, html) => {
    expect(parseSlotPage(html).kind).toBe('unrecognized');
  });

  test('the simulator renders slot pages the parser reads', () => {
    const now = new Date('2026-05-18T08:00:00Z');
    expect(
      parseSlotPage(pages.slotPage('1', [new Date('2026-05-20T07:30:00Z'), new Date('2026-06-20T07:30:00Z')], now)),
    ).toMatchObject({ kind: 'slots', first: { date: '2026-05-20', time: '09:30' }, second: null });
    expect(parseSlotPage(pages.slotPage('1', [new Date('2026-06-02T07:30:00Z')], now))).toMatchObject({
      kind: 'slots',
      first: { date: '2026-06-02' },
    });
    expect(parseSlotPage(pages.slotPage('1', [], now)).kind).toBe('none');
  });
});

describe('classifyRdvPage', () => {
  test.each([
    ['the terms page with CaptchEtat', fixture('rdvpref_cgu.html'), 'captcha'],
    ['the slot page', fixture('rdvpref_creneau_slots.html'), 'slot-page'],
    ['the landing page', pages.landingPage('4564', 'Titre de séjour'), 'landing'],
    ['the closed page', pages.platformClosedPage(), 'closed'],
    ['an unknown page', '<p>Bienvenue</p>', 'unrecognized'],
  ])('%s', (_, html, kind) => {
    expect(classifyRdvPage(html, '4564').kind).toBe(kind);
  });
});

test.each([
  ['19/05/2026', '2026-05-19'],
  ['29/02/2028', '2028-02-29'],
  ['29/02/2026', ''],
])('isoDate(%s)', (local, iso) => {
  expect(isoDate(local)).toBe(iso);
});

test('demarche addresses', () => {
  expect(
    parseDemarcheAddress('https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/4564/cgu/'),
  ).toEqual({
    origin: 'https://www.rdv-prefecture.interieur.gouv.fr',
    demarcheId: '4564',
    base: 'https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/4564/',
  });
  expect(parseDemarcheAddress('https://www.hauts-de-seine.gouv.fr/booking/create/12491')).toBeNull();
});
