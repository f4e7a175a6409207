/**
 * « Blocked » only when the robot is blocked: every vendor's interstitial is a
 * challenge wherever its markers sit, and an ordinary page carrying a vendor's
 * loader or mention is read as the page it is (issue 8 §2).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { classifyLegacyPage } from '../../src/robot/adapters/legacy-booking-pages.ts';
import { classifyRdvPage } from '../../src/robot/adapters/rdv-prefecture-pages.ts';
import { challengeOf } from '../../src/robot/challenge-page.ts';
import { HttpClient } from '../../src/robot/http-client.ts';
import { ProbeFailure } from '../../src/robot/probe-failure.ts';
import {
  CHALLENGE_VENDORS,
  challengeInterstitial,
  VENDOR_LOADERS,
  withVendorLoader,
} from '../../src/robot/simulator/challenge-pages.ts';
import * as legacy from '../../src/robot/simulator/legacy-pages.ts';
import * as rdv from '../../src/robot/simulator/rdv-pages.ts';
import { statusPage } from '../../src/robot/simulator/error-pages.ts';
import { reply, startTestServer, type TestServer } from './support/test-server.ts';

const ordinaryPages = [
  ['the no-slot page', legacy.noSlotPage('', '1', 'classic'), 'no-slot'],
  ['the conditions page', legacy.conditionsPage('', '1'), 'conditions'],
  ['the counters page', legacy.countersPage('', '1', [{ id: '2', label: 'Guichet' }]), 'counters'],
  ['the calendar page', legacy.calendarPage('', '1', '2'), 'calendar'],
] as const;

describe('an interstitial of each vendor is a challenge', () => {
  test.each(CHALLENGE_VENDORS.map((vendor) => [vendor]))('%s', (vendor) => {
    expect(challengeOf(challengeInterstitial(vendor))).not.toBeNull();
    expect(classifyLegacyPage(challengeInterstitial(vendor), '1').kind).toBe('blocked');
    expect(classifyRdvPage(challengeInterstitial(vendor), '2200').kind).toBe('blocked');
  });

  test.each(CHALLENGE_VENDORS.map((vendor) => [vendor]))('%s after 250 kB of inline style', (vendor) => {
    const page = challengeInterstitial(vendor, 250 * 1024);
    expect(page.length).toBeGreaterThan(250 * 1024);
    expect(classifyLegacyPage(page, '1').kind).toBe('blocked');
  });

  test.each([
    ['Cloudflare, French', 'cloudflare-fr', /v.rification de s.curit. en cours|un instant/],
    ['Bot Fight Mode', 'cloudflare-bot-fight', /cdn-cgi\/bm\/cv/],
    ['the block page', 'cloudflare-blocked', /attention required|sorry, you have been blocked/],
    ['DataDome', 'datadome', /captcha-delivery|var dd=/],
  ] as const)('%s is recognised by what it shows', (_, vendor, sign) => {
    expect(challengeOf(challengeInterstitial(vendor))?.sign).toMatch(sign);
  });
});

describe('an ordinary page with a vendor loader or mention is the page it is', () => {
  const cases = ordinaryPages.flatMap(([name, html, kind]) =>
    VENDOR_LOADERS.map((loader) => [`${name} with ${loader}`, withVendorLoader(html, loader), kind] as const),
  );
  test.each(cases)('%s', (_, html, kind) => {
    expect(challengeOf(html)).toBeNull();
    expect(classifyLegacyPage(html, '1').kind).toBe(kind);
  });

  test.each([
    [
      'the RDV-Préfecture slot page',
      withVendorLoader(rdv.slotPage('2200', [], new Date('2026-05-18T08:00:00Z')), 'cloudflare-jsd'),
      'slot-page',
    ],
    [
      'the RDV-Préfecture landing page',
      withVendorLoader(rdv.landingPage('2200', 'Titre de séjour'), 'turnstile-mention'),
      'landing',
    ],
  ] as const)('%s', (_, html, kind) => {
    expect(classifyRdvPage(html, '2200').kind).toBe(kind);
  });

  test.each([
    ['a 502 page of the proxy with the loader', withVendorLoader(statusPage(502), 'cloudflare-jsd')],
    [
      'an unrelated page of the site mentioning a security check',
      withVendorLoader(legacy.unrelatedPage(), 'turnstile-mention'),
    ],
    [
      'a long page whose title looks like an interstitial',
      `<title>Just a moment...</title><p>${'Texte de la préfecture. '.repeat(200)}</p>`,
    ],
  ])('%s is not a challenge', (_, html) => {
    expect(challengeOf(html)).toBeNull();
  });

  test('a Turnstile widget inside the booking form is a captcha, not a block', () => {
    const page = legacy
      .conditionsPage('', '1')
      .replace('</form>', '<div class="cf-turnstile" data-sitekey="0x4AAA"></div></form>');
    expect(classifyLegacyPage(page, '1').kind).toBe('captcha');
  });
});

describe('the HTTP client reads challenges in full, even past the size cap', () => {
  let server: TestServer;
  const limit = 64 * 1024;
  beforeAll(async () => {
    server = await startTestServer({
      '/padded': reply(200, challengeInterstitial('cloudflare', 250 * 1024)),
      '/oversized': reply(200, challengeInterstitial('imperva', 3 * limit)),
      '/huge-ordinary': reply(
        200,
        legacy.noSlotPage('', '1', 'classic').replace('</main>', `<!-- ${'x'.repeat(10 * limit)} --></main>`),
      ),
      '/jsd': reply(200, withVendorLoader(legacy.noSlotPage('', '1', 'classic'), 'cloudflare-jsd')),
      '/queue': reply(503, challengeInterstitial('queue-fr'), { 'retry-after': '1' }),
    });
  });
  afterAll(() => server.close());

  const outcomeOf = async (path: string, maxBodyBytes?: number) => {
    const client = new HttpClient({
      userAgent: 'test',
      timeoutMs: 5_000,
      intervalMs: 0,
      ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
      sleep: async () => {},
    });
    try {
      const page = await client.session().get(`${server.origin}${path}`);
      return { outcome: 'page', detail: String(page.status) };
    } catch (error) {
      if (error instanceof ProbeFailure) return { outcome: error.outcome, detail: error.detail };
      throw error;
    } finally {
      await client.close();
    }
  };

  test.each([
    ['a Cloudflare interstitial with 250 kB of style first', '/padded', undefined, 'blocked'],
    ['an interstitial larger than the cap', '/oversized', limit, 'blocked'],
    ['an ordinary page larger than the cap', '/huge-ordinary', limit, 'unrecognized'],
    ['an ordinary page with the Cloudflare loader', '/jsd', undefined, 'page'],
    ['a queue page sent with 503', '/queue', undefined, 'blocked'],
  ] as const)('%s: %s', async (_, path, cap, outcome) => {
    expect((await outcomeOf(path, cap)).outcome).toBe(outcome);
  });

  test('the detail names the vendor', async () => {
    expect((await outcomeOf('/padded')).detail).toMatch(/^HTTP 200: anti-bot challenge page \(Cloudflare: /);
  });
});
