/**
 * The legacy booking module's pages, read from the reconstructed fixtures of
 * booking-systems.md §2.8 and their known variants.
 */
import { describe, expect, test } from 'vitest';
import {
  classifyLegacyPage,
  parseBookingAddress,
  parsePlanningWeek,
  parseWeekHeader,
  planningWeekUrl,
} from '../../src/robot/adapters/legacy-booking-pages.ts';
import * as pages from '../../src/robot/simulator/legacy-pages.ts';
import { fixture } from './support/fixtures.ts';

describe('classifyLegacyPage', () => {
  test.each([
    ['legacy_step0_conditions.html', 'conditions'],
    ['legacy_step1_guichets.html', 'counters'],
    ['legacy_step2_no_slot.html', 'no-slot'],
    ['legacy_step2_no_slot_2025.html', 'no-slot'], // typographic apostrophe, "réessayer", line break, &nbsp;
    ['legacy_step2_no_slot_typo.html', 'no-slot'], // "votre a demande", &#39;
    ['legacy_step4_calendar.html', 'calendar'],
    ['legacy_closed.html', 'closed'],
    ['legacy_overloaded.html', 'overloaded'],
    ['legacy_closed_and_no_slot.html', 'closed'], // a closed notice wins over the no-slot wording
    ['legacy_no_slot_outside_form.html', 'unrecognized'], // the wording quoted outside the booking form
    ['legacy_planning_week_with_slots.html', 'unrecognized'],
  ])('%s is %s', (name, kind) => {
    const formId = name.includes('2025') ? '9845' : '11343';
    expect(classifyLegacyPage(fixture(name), formId).kind).toBe(kind);
  });

  test('the no-slot message is read as shown', () => {
    const page = classifyLegacyPage(fixture('legacy_step2_no_slot_2025.html'), '9845');
    expect(page).toEqual({
      kind: 'no-slot',
      message:
        "Il n'existe plus de plage horaire libre pour votre demande de rendez-vous. Veuillez réessayer ultérieurement.",
    });
  });

  test('counters come with their ids and labels', () => {
    expect(classifyLegacyPage(fixture('legacy_step1_guichets.html'), '11343')).toEqual({
      kind: 'counters',
      action: '/booking/create/11343/1',
      counters: [
        { id: '11344', label: 'Guichet 1' },
        { id: '11345', label: 'Guichet 2' },
      ],
    });
  });

  test('the conditions page gives its form action and button', () => {
    expect(classifyLegacyPage(fixture('legacy_step0_conditions.html'), '11343')).toEqual({
      kind: 'conditions',
      action: '/booking/create/11343/0',
      button: 'Effectuer une demande de rendez-vous',
    });
  });

  test('the calendar page gives the planning id of its AJAX address', () => {
    expect(classifyLegacyPage(fixture('legacy_step4_calendar.html'), '11343')).toEqual({
      kind: 'calendar',
      planningId: '11344',
    });
  });

  test.each([
    ['a reCAPTCHA on the conditions', pages.conditionsPage('', '1', { captcha: true }), 'captcha'],
    [
      'a redesigned counter page',
      pages.changedLayoutCountersPage('', '1', [{ id: '2', label: 'Guichet' }]),
      'unrecognized',
    ],
    ['a no-slot page cut before the message', pages.noSlotPage('', '1', 'classic', { cut: true }), 'unrecognized'],
    ['the maintenance page', pages.maintenancePage(), 'closed'],
    ['an intermediate step', pages.nextStepPage('', '1'), 'next-step'],
    ['an empty page', '', 'unrecognized'],
    ['a challenge page', '<html><head><title>Just a moment...</title></head><body></body></html>', 'blocked'],
    [
      'an expired session',
      pages.sitePage('Erreur', '<p>Votre session a expiré. Veuillez recommencer.</p>'),
      'session-expired',
    ],
    [
      'conditions mentioning session expiry',
      pages
        .conditionsPage('', '1')
        .replace('traitement informatique', 'traitement (la session expire au bout de 20 minutes)'),
      'conditions',
    ],
    [
      'a maintenance banner outside the booking module',
      pages
        .noSlotPage('', '1', 'classic')
        .replace(
          '<main id="contenu">',
          '<div class="bandeau">Une opération de maintenance est prévue le 12 mai.</div><main id="contenu">',
        ),
      'no-slot',
    ],
    [
      'a maintenance notice inside the booking module',
      pages.noSlotPage('', '1', 'classic').replace('<h2>', '<p>Le site est en maintenance.</p><h2>'),
      'closed',
    ],
    [
      'slots and the no-slot wording together',
      pages
        .noSlotPage('', '1', 'classic')
        .replace('</form>', '<a href="/booking/create/1/5/1779177600">libre</a></form>'),
      'unrecognized',
    ],
  ])('%s is %s', (_, html, kind) => {
    expect(classifyLegacyPage(html, '1').kind).toBe(kind);
  });
});

describe('parseWeekHeader', () => {
  test.each([
    ['Semaine du lundi 27 avril 2020 au dimanche 03 mai 2020', '2020-04-27'],
    ['Week from lundi 27 avril 2020 to dimanche 03 mai 2020', '2020-04-27'], // English locale drift (comed-back)
    ['SEMAINE DU LUNDI 28 DÉCEMBRE 2026 AU DIMANCHE 03 JANVIER 2027', '2026-12-28'],
    ['Semaine du lundi 27 juillet 2026 au dimanche 2 aout 2026', '2026-07-27'],
    ['Semaine du lundi 1er juin 2026 au dimanche 7 juin 2026', '2026-06-01'],
    ['Week from Monday 27 April 2020 to Sunday 03 May 2020', '2020-04-27'],
    ['Semaine du lundi 27 avril 2020 au dimanche 04 mai 2020', null], // not a week
    ['Semaine du lundi 31 février 2020 au dimanche 06 mars 2020', null],
    ['Planning', null],
  ])('%s', (header, expected) => {
    expect(parseWeekHeader(header)).toBe(expected);
  });
});

describe('parsePlanningWeek', () => {
  test.each([
    ['legacy_planning_week_with_slots.html', '2020-04-27', [1587970800, 1587972600]],
    ['legacy_planning_week_empty.html', '2020-05-04', []],
    ['legacy_planning_week_english.html', '2020-04-27', [1588144500]],
  ])('%s', (name, weekStart, slots) => {
    expect(parsePlanningWeek(fixture(name), '11343')).toMatchObject({ weekStart, slots });
  });

  test('links of another form are not slots of this one', () => {
    expect(parsePlanningWeek(fixture('legacy_planning_week_with_slots.html'), '99999')?.slots).toEqual([]);
  });

  test('a fragment that is not a planning week is unreadable', () => {
    expect(parsePlanningWeek('<p>Erreur interne</p>', '11343')).toBeNull();
  });

  test('the simulator renders weeks the parser reads', () => {
    const slots = [
      new Date('2026-05-19T07:30:00Z'),
      new Date('2026-05-19T07:45:00Z'),
      new Date('2026-05-22T12:00:00Z'),
    ];
    for (const locale of ['fr', 'en'] as const) {
      const week = parsePlanningWeek(
        pages.planningWeekFragment('/index.php', '9845', '2026-05-18', slots, locale),
        '9845',
      );
      expect(week).toMatchObject({ weekStart: '2026-05-18', slots: slots.map((slot) => slot.getTime() / 1000) });
    }
  });
});

describe('booking addresses', () => {
  test.each([
    [
      'https://www.seine-saint-denis.gouv.fr/booking/create/9829',
      { origin: 'https://www.seine-saint-denis.gouv.fr', prefix: '', formId: '9829' },
    ],
    [
      'https://www.seine-saint-denis.gouv.fr/index.php/booking/create/9845/0',
      { origin: 'https://www.seine-saint-denis.gouv.fr', prefix: '/index.php', formId: '9845' },
    ],
    ['http://127.0.0.1:8080/booking/create/11343/1', { origin: 'http://127.0.0.1:8080', prefix: '', formId: '11343' }],
    ['https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/4564/', null],
  ])('%s', (url, expected) => {
    expect(parseBookingAddress(url)).toEqual(expected);
  });

  test('planning weeks live under the same prefix', () => {
    expect(planningWeekUrl('https://www.seine-saint-denis.gouv.fr', '/index.php', '9845', '9846', 14)).toBe(
      'https://www.seine-saint-denis.gouv.fr/index.php/ezjscore/call/bookingserver::planning::assign::9845::9846::14',
    );
  });
});
