/** Small pure helpers of the robot: text matching, Paris time, names, cookies. */
import { describe, expect, test } from 'vitest';
import { CookieJar } from '../../src/robot/cookie-jar.ts';
import { evidenceStamp } from '../../src/robot/evidence.ts';
import { closedNotice, hasCaptcha, isChallengePage, isOverloadNotice } from '../../src/robot/page-signals.ts';
import { matchableText, readableText, shortDetail } from '../../src/robot/page-text.ts';
import { addDays, daysBetween, mondayOf, parisDay, parisInstant, parisMinute } from '../../src/lib/calendar.ts';
import { slotInstants, timeline } from '../../src/robot/simulator/scenario.ts';
import { userAgent } from '../../src/robot/user-agent.ts';

describe('text', () => {
  test.each([
    ['Il n’existe', "Il n'existe"],
    ['Il n‘existe', "Il n'existe"],
    ['Il nʼexiste', "Il n'existe"],
    ['a\u00a0b\u202fc\n\t d', 'a b c d'],
  ])('readableText(%j)', (text, expected) => {
    expect(readableText(text)).toBe(expected);
  });

  test('matchableText folds case and accents', () => {
    expect(matchableText('Veuillez RÉESSAYER ultérieurement')).toBe('veuillez reessayer ulterieurement');
  });

  test.each([
    ['NUL and BEL', 'a\u0000b\u0007c', 'a b c'],
    ['DEL and C1 controls', 'a\u007fb\u0085c\u009bd', 'a b c d'],
    ['a bidirectional override (Trojan Source)', 'prochain \u202eslot\u202c 2026', 'prochain slot 2026'],
    ['isolates and marks', '\u2066a\u2069\u200eb\u200fc\u061c', 'abc'],
    ['zero-width characters and the BOM', '\ufeffIl n\u200b’existe\u200d plus', "Il n'existe plus"],
    ['a soft hyphen', 'ulté\u00adrieurement', 'ultérieurement'],
    ['a lone surrogate', 'a\ud800b', 'a\ufffdb'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a b c'],
  ])('shortDetail removes %s', (_, text, expected) => {
    expect(shortDetail(text)).toBe(expected);
  });

  test('shortDetail never cuts inside a surrogate pair', () => {
    const detail = shortDetail(`${'x'.repeat(198)}😀😀`);
    expect(detail.isWellFormed()).toBe(true);
    expect(detail.endsWith('…')).toBe(true);
  });

  test('shortDetail keeps one line of at most 200 characters', () => {
    expect(shortDetail('a\r\nb\u0000c')).toBe('a b c');
    expect(shortDetail('x'.repeat(300))).toHaveLength(200);
  });
});

describe('page signals', () => {
  test.each([
    ['Attention : Cette page n’est pas disponible pour le moment !', "cette page n'est pas disponible pour le moment"],
    ['Le site est en maintenance', 'site est en maintenance'],
    ['Le service est temporairement indisponible', 'service est temporairement indisponible'],
    ['Il n’existe plus de plage horaire libre', null],
    ['La maintenance de votre titre de séjour', null],
  ])('closedNotice(%j)', (text, expected) => {
    expect(closedNotice(text)).toBe(expected);
  });

  test('overload, challenge and captcha markers', () => {
    expect(isOverloadNotice('<h1>Service surchargé</h1>')).toBe(true);
    expect(isChallengePage('<title>Just a moment...</title>')).toBe(true);
    expect(isChallengePage('<p>Prise de rendez-vous</p>')).toBe(false);
    expect(hasCaptcha('<div class="g-recaptcha" data-sitekey="x"></div>')).toBe(true);
    expect(hasCaptcha('<rdv-captchetat token="t"></rdv-captchetat>')).toBe(true);
    expect(hasCaptcha('<form id="FormBookingCreate"></form>')).toBe(false);
    expect(hasCaptcha('<p>Pour continuer, veuillez recopier le code de sécurité affiché.</p>')).toBe(true);
    expect(hasCaptcha('<p>Munissez-vous de votre numéro et du code de sécurité sociale.</p>')).toBe(false);
  });
});

describe('Paris time', () => {
  test.each([
    ['2026-05-19', '09:30', '2026-05-19T07:30:00.000Z'], // summer
    ['2026-01-19', '09:30', '2026-01-19T08:30:00.000Z'], // winter
    ['2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'], // the hour that happens twice: the first one
    ['2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'], // the hour that does not exist
  ])('parisInstant(%s, %s)', (day, time, iso) => {
    expect(parisInstant(day, time).toISOString()).toBe(iso);
  });

  test('days and weeks', () => {
    expect(parisDay(new Date('2026-05-31T22:30:00Z'))).toBe('2026-06-01');
    expect(parisMinute(new Date('2026-05-19T07:30:00Z'))).toBe('09:30');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(daysBetween('2026-05-18', '2026-08-01')).toBe(75);
    expect(mondayOf('2026-05-24')).toBe('2026-05-18');
    expect(mondayOf('2026-05-18')).toBe('2026-05-18');
  });
});

describe('names and manners', () => {
  test.each([
    ['2026-05-18T10:00:00+02:00', '2026-05-18T10-00-00+0200'],
    ['2026-01-05T23:59:59+01:00', '2026-01-05T23-59-59+0100'],
  ])('evidenceStamp(%s)', (probedAt, stamp) => {
    expect(evidenceStamp(probedAt)).toBe(stamp);
  });

  test('the User-Agent names the project and a contact URL', () => {
    expect(userAgent({ PROBE_CONTACT_URL: 'https://example.org/robot' })).toBe(
      'GuichetsFermes/0.1 (+https://example.org/robot; hourly probe of appointment availability, never books)',
    );
    expect(userAgent({}, 'https://example.org/cli')).toContain('(+https://example.org/cli;');
    expect(userAgent({ PROBE_USER_AGENT: 'Custom/1' })).toBe('Custom/1');
    expect(userAgent({})).toBe('GuichetsFermes/0.1 (hourly probe of appointment availability, never books)');
  });

  test('cookies go back to their host only, and deleted ones are forgotten', () => {
    const jar = new CookieJar();
    jar.store('a.gouv.fr', ['eZSESSID=1; path=/; HttpOnly', 'lang=fr']);
    jar.store('a.gouv.fr', 'lang=; Max-Age=0');
    expect(jar.header('a.gouv.fr')).toBe('eZSESSID=1');
    expect(jar.header('b.gouv.fr')).toBeUndefined();
  });
});

describe('scenarios over time', () => {
  const none = { system: 'legacy-booking' as const, counters: [] };
  const some = { system: 'rdv-prefecture' as const, slots: [] };
  test('a timeline holds each scenario from its instant', () => {
    const scenario = timeline([
      ['2026-02-01T00:00:00+01:00', some],
      ['2026-01-01T00:00:00+01:00', none],
    ]);
    expect(scenario(new Date('2025-12-01T00:00:00Z'))).toBe(none);
    expect(scenario(new Date('2026-01-15T00:00:00Z'))).toBe(none);
    expect(scenario(new Date('2026-02-01T00:00:00+01:00'))).toBe(some);
  });

  test('slots are placed relative to the Paris day and only future ones are offered', () => {
    const now = new Date('2026-05-18T08:00:00Z');
    expect(
      slotInstants(
        [
          { in: 0, at: '09:00' },
          { in: 1, at: '08:00' },
          { in: 0, at: '11:00' },
          { on: '2026-06-01', at: '10:00' },
        ],
        now,
      ).map((slot) => slot.toISOString()),
    ).toEqual(['2026-05-18T09:00:00.000Z', '2026-05-19T06:00:00.000Z', '2026-06-01T08:00:00.000Z']);
  });
});
