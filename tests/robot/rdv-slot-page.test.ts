/**
 * RDV-Préfecture's slot page, end to end against the simulator. The robot
 * never solves a captcha: here THE TEST PLAYS THE PERSON. It opens the terms
 * page, types the simulator's captcha answer as a person reading the image
 * would, and hands the session cookie it got to the robot's HTTP session; the
 * robot then only reads the slot page, through `readSlotPage` (the seam the
 * adapter uses once a slot page is in front of it). Slots, none and
 * « prochaine disponibilité » each give their outcome.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { request } from 'undici';
import { readSlotPage } from '../../src/robot/adapters/rdv-prefecture.ts';
import { HttpClient } from '../../src/robot/http-client.ts';
import { ProbeFailure } from '../../src/robot/probe-failure.ts';
import { Simulator, SIMULATED_CAPTCHA_ANSWER } from '../../src/robot/simulator/server.ts';
import { PROBE_DAY, PROBE_TIME } from './support/round-fixture.ts';
import { addDays } from '../../src/lib/calendar.ts';

let simulator: Simulator;
let origin: string;

beforeAll(async () => {
  simulator = new Simulator({ clock: () => PROBE_TIME });
  simulator.addRdv('5001', {
    system: 'rdv-prefecture',
    slots: [
      { in: 2, at: '09:30' },
      { in: 3, at: '14:00' },
    ],
  });
  simulator.addRdv('5002', { system: 'rdv-prefecture', slots: [] });
  simulator.addRdv('5003', { system: 'rdv-prefecture', slots: [{ in: 15, at: '10:00' }] });
  [origin] = (await simulator.listen(1)) as [string];
});

afterAll(async () => {
  await simulator.close();
});

/** What a person does in a browser: open the terms, type the captcha they read, submit. Returns the session cookie. */
async function personPassesCaptcha(demarcheId: string, answer: string): Promise<{ cookie: string; location: string }> {
  const terms = await request(`${origin}/rdvpref/reservation/demarche/${demarcheId}/cgu/`);
  await terms.body.text();
  const cookie = String(terms.headers['set-cookie']).split(';')[0]!;
  const submitted = await request(`${origin}/rdvpref/reservation/demarche/${demarcheId}/_validerCaptcha`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ captchaUsercode: answer, captchaId: 'sim' }).toString(),
  });
  await submitted.body.text();
  return { cookie, location: String(submitted.headers.location) };
}

/** The robot reads the slot page with the person's session, and nothing else. */
async function robotReadsSlotPage(demarcheId: string, cookie: string) {
  const client = new HttpClient({ userAgent: 'GuichetsFermes/test', timeoutMs: 5_000, intervalMs: 0 });
  try {
    const session = client.session();
    session.cookies.store(new URL(origin).host, `${cookie}; Path=/rdvpref`);
    const page = await session.get(`${origin}/rdvpref/reservation/demarche/${demarcheId}/creneau/`);
    return {
      page,
      result: (() => {
        try {
          return readSlotPage(page, PROBE_DAY);
        } catch (error) {
          if (error instanceof ProbeFailure)
            return { outcome: error.outcome, detail: error.detail, firstDate: '', secondDate: '' };
          throw error;
        }
      })(),
    };
  } finally {
    await client.close();
  }
}

describe('the slot page, once a person has passed the captcha', () => {
  test('the captcha the person typed was accepted: the site sends on to the slot page', async () => {
    expect((await personPassesCaptcha('5001', SIMULATED_CAPTCHA_ANSWER)).location).toMatch(/\/creneau\/$/);
    expect((await personPassesCaptcha('5001', 'WRONG')).location).toMatch(/\/cgu\/\?error=invalidCaptcha$/);
  });

  test.each([
    [
      'slots this week',
      '5001',
      { outcome: 'slots', firstDate: addDays(PROBE_DAY, 2), secondDate: addDays(PROBE_DAY, 3) },
      /^first slot 2026-05-20 09:30, second 2026-05-21 14:00; published /,
    ],
    [
      'no slot',
      '5002',
      { outcome: 'none', firstDate: '', secondDate: '' },
      /^no slot \(datePremiereDispo empty\); published .*, next /,
    ],
    [
      'none this week, « prochaine disponibilité » later',
      '5003',
      { outcome: 'slots', firstDate: addDays(PROBE_DAY, 15), secondDate: '' },
      /^first slot 2026-06-02; next availability 02\/06\/2026, later slots not read/,
    ],
  ] as const)('%s', async (_, demarcheId, expected, detail) => {
    const { cookie } = await personPassesCaptcha(demarcheId, SIMULATED_CAPTCHA_ANSWER);
    const { page, result } = await robotReadsSlotPage(demarcheId, cookie);
    expect(page.status).toBe(200);
    expect({ outcome: result.outcome, firstDate: result.firstDate, secondDate: result.secondDate }).toEqual(expected);
    expect(result.detail).toMatch(detail);
  });

  test('without the person, the slot page sends the robot back to the terms', async () => {
    const client = new HttpClient({ userAgent: 'GuichetsFermes/test', timeoutMs: 5_000, intervalMs: 0 });
    const page = await client.session().get(`${origin}/rdvpref/reservation/demarche/5002/creneau/`);
    await client.close();
    expect(page.status).toBe(302);
    expect(page.location).toMatch(/\/cgu\/$/);
  });

  test.each([
    ['an unreadable state', '<html><body><p>Aucun créneau</p></body></html>', 'unrecognized'],
    [
      'a slot before the probe day',
      `<script id="vui-init-data" type="application/json">${JSON.stringify({ vueData: { critere: { datePremiereDispo: '01/05/2026' }, tranches: [{ trhId: 1, dateLocale: '01/05/2026', minutesDebut: 600 }] } })}</script>`,
      'unrecognized',
    ],
  ])('%s is %s', (_, html, outcome) => {
    const page = {
      method: 'GET' as const,
      url: `${origin}/x`,
      status: 200,
      location: null,
      contentType: 'text/html',
      headers: {},
      bytes: Buffer.from(html),
      text: html,
      sha256: '0'.repeat(64),
      fetchedAt: PROBE_TIME,
      cutAtLimit: false,
    };
    expect(() => readSlotPage(page, PROBE_DAY)).toThrow(expect.objectContaining({ outcome }) as Error);
  });
});
