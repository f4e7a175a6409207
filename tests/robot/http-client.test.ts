/**
 * The HTTP client against a local server: manners (User-Agent, cookies, one
 * request at a time per host), no redirect followed, and each way a request
 * fails turned into its failure outcome.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeBody, HttpClient, retryWait, type HttpClientOptions } from '../../src/robot/http-client.ts';
import { ProbeFailure } from '../../src/robot/probe-failure.ts';
import { after, reply, startTestServer, type Handler, type TestServer } from './support/test-server.ts';

let server: TestServer;
let other: TestServer;
let flaky = 0;
/** Requests in flight on both servers together, and the most seen at once. */
const shared = { inFlight: 0, max: 0 };
const sharedSlow: Handler = (request, response) => {
  shared.inFlight += 1;
  shared.max = Math.max(shared.max, shared.inFlight);
  response.on('close', () => (shared.inFlight -= 1));
  after(400)(request, response);
};

beforeAll(async () => {
  server = await startTestServer({
    '/ok': reply(200, '<p>ok</p>', { 'set-cookie': ['eZSESSID=abc123; path=/; HttpOnly', 'tracking=1; Max-Age=0'] }),
    '/echo': reply(200, 'echo'),
    '/redirect': reply(302, '', { location: '/booking/create/1/1' }),
    '/forbidden': reply(403, '<h1>Forbidden</h1>'),
    '/error': reply(500, '<html><head><title>500 Internal Server Error</title></head></html>'),
    '/bad-gateway': reply(502, '<title>502 Bad Gateway</title>'),
    '/too-many': reply(429, 'slow down', { 'retry-after': '7' }),
    '/too-many-long': reply(429, 'slow down', { 'retry-after': '3600' }),
    '/too-many-100': reply(429, 'slow down', { 'retry-after': '100' }),
    '/too-many-25': reply(429, 'slow down', { 'retry-after': '25' }),
    '/challenge': reply(
      503,
      '<html><head><title>Just a moment...</title></head><body><script src="/cdn-cgi/challenge-platform/x"></script></body></html>',
    ),
    '/flaky': (_, response) => {
      flaky += 1;
      response.writeHead(flaky === 1 ? 502 : 200, { 'content-type': 'text/html' });
      response.end(flaky === 1 ? '502 Bad Gateway' : 'recovered');
    },
    '/slow': after(4_000),
    '/slowish': after(150),
    '/shared-slow': sharedSlow,
    '/truncated': (_, response) => {
      response.writeHead(200, { 'content-length': '5000', 'content-type': 'text/html' });
      response.write('<html><body>Il n');
      setTimeout(() => response.socket?.destroy(), 20);
    },
    '/big': reply(200, 'x'.repeat(5_000)),
    '/latin': (_, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
      response.end(Buffer.from([0x49, 0x6c, 0x20, 0x6e, 0x92, 0x65, 0x78, 0x69, 0x73, 0x74, 0x65])); // Il n’existe
    },
  });
  other = await startTestServer({ '/shared-slow': sharedSlow, '/echo': reply(200, 'other') });
});

afterAll(async () => {
  await server.close();
  await other.close();
});

function client(options: Partial<HttpClientOptions> = {}): { client: HttpClient; sleeps: number[] } {
  const sleeps: number[] = [];
  const instance = new HttpClient({
    userAgent: 'GuichetsFermes/test (+https://example.org)',
    timeoutMs: 10_000,
    intervalMs: 0,
    sleep: async (ms) => void sleeps.push(ms),
    ...options,
  });
  return { client: instance, sleeps };
}

async function failureOf(promise: Promise<unknown>): Promise<ProbeFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProbeFailure) return error;
    throw error;
  }
  throw new Error('expected a ProbeFailure');
}

describe('manners', () => {
  test('names the robot, asks for French and keeps the session cookie for the same host only', async () => {
    const { client: http } = client();
    const session = http.session();
    await session.get(`${server.origin}/ok`);
    await session.get(`${server.origin}/echo`);
    await session.get(`${other.origin}/echo`);
    await http.close();
    const [first, second] = server.seen.filter((seen) => ['/ok', '/echo'].includes(seen.path)).slice(-2);
    expect(first!.headers['user-agent']).toBe('GuichetsFermes/test (+https://example.org)');
    expect(first!.headers['accept-language']).toMatch(/^fr-FR/);
    expect(second!.headers.cookie).toBe('eZSESSID=abc123');
    expect(other.seen.at(-1)!.headers.cookie).toBeUndefined();
  });

  test('a new session starts without cookies', async () => {
    const { client: http } = client();
    await http.session().get(`${server.origin}/ok`);
    await http.session().get(`${server.origin}/echo`);
    await http.close();
    expect(server.seen.at(-1)!.headers.cookie).toBeUndefined();
  });

  test('does not follow redirects, and resolves their target', async () => {
    const { client: http } = client();
    const page = await http.session().get(`${server.origin}/redirect`);
    await http.close();
    expect(page.status).toBe(302);
    expect(page.location).toBe(`${server.origin}/booking/create/1/1`);
  });

  test('never sends two requests to one host at once, and waits the interval between them', async () => {
    const { client: http, sleeps } = client({ intervalMs: 60_000, timeoutMs: 10_000 });
    await Promise.all([
      http.session().get(`${server.origin}/slowish`),
      http.session().get(`${server.origin}/slowish`),
      http.session().get(`${server.origin}/slowish`),
    ]);
    await http.close();
    expect(server.maxInFlight()).toBe(1);
    expect(sleeps).toHaveLength(2);
    for (const wait of sleeps) expect(wait).toBeGreaterThan(55_000);
  });

  test('asks different hosts at the same time', async () => {
    const { client: http, sleeps } = client({ intervalMs: 60_000, timeoutMs: 10_000 });
    await Promise.all([
      http.session().get(`${server.origin}/shared-slow`),
      http.session().get(`${other.origin}/shared-slow`),
    ]);
    await http.close();
    expect(sleeps).toEqual([]);
    expect(shared.max).toBe(2);
  });
});

describe('failures', () => {
  test.each([
    ['/forbidden', 'blocked', 'HTTP 403 Forbidden'],
    ['/error', 'http_error', 'HTTP 500 (500 Internal Server Error)'],
    ['/missing', 'http_error', 'HTTP 404'],
    ['/challenge', 'blocked', 'HTTP 503: anti-bot challenge page (Cloudflare: "just a moment")'],
    ['/slow', 'timeout', 'no complete answer within 1 s'],
    ['/truncated', 'network_error', 'connection closed before the whole answer arrived (truncated)'],
    ['/big', 'unrecognized', 'page larger than 1 KiB, cut'],
  ])('%s gives %s', async (path, outcome, detail) => {
    const { client: http } = client({ maxBodyBytes: 1024, timeoutMs: path === '/slow' ? 1_000 : 10_000 });
    const failure = await failureOf(http.session().get(`${server.origin}${path}`));
    await http.close();
    expect({ outcome: failure.outcome, detail: failure.detail }).toEqual({ outcome, detail });
  });

  test('an error page is kept as evidence', async () => {
    const { client: http } = client();
    const failure = await failureOf(http.session().get(`${server.origin}/forbidden`));
    await http.close();
    expect(failure.page?.text).toBe('<h1>Forbidden</h1>');
    expect(failure.page?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a probe over its time budget sends no new request', async () => {
    const { client: http } = client({ probeBudgetMs: 100, timeoutMs: 5_000 });
    const session = http.session();
    await session.get(`${server.origin}/slowish`);
    const failure = await failureOf(session.get(`${server.origin}/echo`));
    await http.close();
    expect(failure).toMatchObject({
      outcome: 'timeout',
      detail: 'the probe took more than 0.1 s in all; stopped before GET /echo',
    });
  });

  test('a refused connection is a network error', async () => {
    const { client: http } = client();
    const failure = await failureOf(http.session().get('http://127.0.0.1:1/'));
    await http.close();
    expect(failure).toMatchObject({ outcome: 'network_error', detail: 'connection refused' });
  });
});

describe('throttling: one retry per probe, after Retry-After or a backoff', () => {
  test('a passing 502 is retried once after the backoff', async () => {
    flaky = 0;
    const { client: http, sleeps } = client({ retryBackoffMs: 3_000 });
    const page = await http.session().get(`${server.origin}/flaky`);
    await http.close();
    expect(page.text).toBe('recovered');
    expect(sleeps).toEqual([3_000]);
  });

  test('Retry-After is honoured, then the probe is throttled', async () => {
    const { client: http, sleeps } = client();
    const failure = await failureOf(http.session().get(`${server.origin}/too-many`));
    await http.close();
    expect(sleeps).toEqual([7_000]);
    expect(failure).toMatchObject({ outcome: 'throttled', detail: 'HTTP 429, again after a retry 7 s later' });
  });

  test('a Retry-After longer than the robot waits is not waited for', async () => {
    const { client: http, sleeps } = client();
    const failure = await failureOf(http.session().get(`${server.origin}/too-many-long`));
    await http.close();
    expect(sleeps).toEqual([]);
    expect(failure.outcome).toBe('throttled');
  });

  test.each([
    ['100 s, with the default 5-minute budget', '/too-many-100', {}, []],
    ['25 s, with the default 5-minute budget', '/too-many-25', {}, [25_000]],
    ['25 s, with a 2-minute budget (a tenth is 12 s)', '/too-many-25', { probeBudgetMs: 120_000 }, []],
    [
      '25 s, even when the option allows 10 minutes',
      '/too-many-25',
      { maxRetryWaitMs: 600_000, probeBudgetMs: 120_000 },
      [],
    ],
  ] as const)('Retry-After %s', async (_, path, options, expected) => {
    const { client: http, sleeps } = client(options);
    const failure = await failureOf(http.session().get(`${server.origin}${path}`));
    await http.close();
    expect(sleeps).toEqual(expected);
    expect(failure.outcome).toBe('throttled');
  });

  test('a probe retries only once in all', async () => {
    const { client: http, sleeps } = client();
    const session = http.session();
    await failureOf(session.get(`${server.origin}/bad-gateway`));
    const second = await failureOf(session.get(`${server.origin}/bad-gateway`));
    await http.close();
    expect(sleeps).toHaveLength(1);
    expect(second).toMatchObject({ outcome: 'throttled', detail: 'HTTP 502 (502 Bad Gateway)' });
  });

  test.each([
    [{ 'retry-after': '120' }, 120_000],
    [{ 'retry-after': new Date(Date.parse('2026-05-18T08:00:30Z')).toUTCString() }, 30_000],
    [{ 'retry-after': 'soon' }, 5_000],
    [{}, 5_000],
  ])('retryWait(%o)', (headers, expected) => {
    expect(retryWait({ headers }, 5_000, Date.parse('2026-05-18T08:00:00Z'))).toBe(expected);
  });
});

describe('decoding', () => {
  test('a windows-1252 page keeps its typographic apostrophe', async () => {
    const { client: http } = client();
    const page = await http.session().get(`${server.origin}/latin`);
    await http.close();
    expect(page.text).toBe('Il n’existe');
  });

  test.each([
    ['text/html', '<meta charset="iso-8859-1"><p>\u00e9</p>', 'latin1', '<meta charset="iso-8859-1"><p>é</p>'],
    ['text/html; charset=UTF-8', '<p>é</p>', 'utf8', '<p>é</p>'],
    ['text/html; charset=unknown-charset', '<p>é</p>', 'utf8', '<p>é</p>'],
  ])('%s', (contentType, text, encoding, expected) => {
    expect(decodeBody(Buffer.from(text, encoding as BufferEncoding), contentType)).toBe(expected);
  });
});
