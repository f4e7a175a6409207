/**
 * Failure branches of the legacy adapter that the simulator's standard
 * scenarios do not reach: each must give its failure outcome, never `none`.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseRegistry } from '../../src/lib/registry.ts';
import { probeLegacyBooking } from '../../src/robot/adapters/legacy-booking.ts';
import { HttpClient } from '../../src/robot/http-client.ts';
import { ProbeFailure } from '../../src/robot/probe-failure.ts';
import { calendarPage, sitePage } from '../../src/robot/simulator/legacy-pages.ts';
import { PROBE_TIME } from './support/round-fixture.ts';
import { reply, startTestServer, type TestServer } from './support/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    '/booking/create/1': reply(
      200,
      sitePage('Erreur', '<div id="inner_Booking"><p>Votre session a expiré. Veuillez recommencer.</p></div>'),
    ),
    '/booking/create/2': reply(200, calendarPage('', '2', '7')),
    '/ezjscore/call/bookingserver::planning::assign::2::7::0': reply(302, '', { location: '/connexion' }),
    '/booking/create/3': reply(302, ''),
    '/booking/create/4': reply(302, '', { location: 'http://[bad' }),
    '/booking/create/5': reply(302, '', { location: 'ftp://example.org/booking' }),
    '/booking/create/6': reply(200, calendarPage('', '6', '8').replace(/bookingserver::planning::assign::6::8::/g, '')),
  });
});

afterAll(() => server.close());

async function outcomeOf(path: string, planning = ''): Promise<{ outcome: string; detail: string }> {
  const [procedure] = parseRegistry(
    `department,slug,prefecture,procedure,system,url,planning\n93,x,P,Q,legacy-booking,${server.origin}${path},${planning}\n`,
    'procedures.csv',
  );
  const client = new HttpClient({ userAgent: 'GuichetsFermes/test', timeoutMs: 5_000, intervalMs: 0 });
  try {
    const result = await probeLegacyBooking({
      procedure: procedure!,
      session: client.session(),
      startedAt: PROBE_TIME,
      maxWeeks: 4,
    });
    return { outcome: result.outcome, detail: result.detail };
  } catch (error) {
    if (error instanceof ProbeFailure) return { outcome: error.outcome, detail: error.detail };
    throw error;
  } finally {
    await client.close();
  }
}

describe('legacy adapter failures', () => {
  test.each([
    ['an expired session notice', '/booking/create/1', '', 'session_lost', /session a expire/],
    [
      'the planning endpoint redirecting within the site',
      '/booking/create/2',
      '',
      'unrecognized',
      /planning endpoint redirected to \/connexion/,
    ],
    ['a redirect without Location', '/booking/create/3', '', 'http_error', /without a Location/],
    ['a redirect to an unreadable address', '/booking/create/4', '', 'moved', /unreadable address/],
    ['a redirect to another protocol', '/booking/create/5', '', 'moved', /ftp: address/],
    [
      'a calendar without a planning id, none in the registry',
      '/booking/create/6',
      '',
      'unrecognized',
      /without a counter id/,
    ],
  ])('%s', async (_, path, planning, outcome, detail) => {
    const result = await outcomeOf(path, planning);
    expect(result.outcome).toBe(outcome);
    expect(result.detail).toMatch(detail);
  });

  test('a registry URL that is not a booking address', async () => {
    expect(await outcomeOf('/rendez-vous/1')).toMatchObject({
      outcome: 'unrecognized',
      detail: expect.stringMatching(/not a \/booking\/create/),
    });
  });
});
