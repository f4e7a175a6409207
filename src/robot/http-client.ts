/**
 * The robot's HTTP access to prefecture sites, with undici. It is deliberately
 * plain: no redirect is followed (adapters decide whether a redirect means
 * `moved` or `session_lost`), every request has a deadline, bodies are capped,
 * each probe has its own cookie jar, and one host is never asked two things at
 * once nor twice within the interval. Failures that do not depend on the
 * booking system (timeouts, network errors, HTTP errors, throttling, blocking)
 * become a ProbeFailure here, with the page kept when there is one.
 */
import { createHash } from 'node:crypto';
import { Agent, request } from 'undici';
import { CookieJar } from './cookie-jar.ts';
import { HostGate, realSleep, type Sleep } from './host-gate.ts';
import { challengeOf } from './page-signals.ts';
import { shortDetail } from './page-text.ts';
import { ProbeFailure } from './probe-failure.ts';

/** The most of a page the robot reads: a prefecture page is far smaller. */
const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Of a body longer than the cap, the robot still reads (without keeping it in
 * the evidence) up to this many more bytes, and keeps the last TAIL_BYTES of
 * them: an interstitial's markers may sit after hundreds of kilobytes of
 * inline style, and the cap must not be what hides them. Memory stays bounded.
 */
const TAIL_BYTES = 256 * 1024;
const DRAIN_FACTOR = 4;

/** Statuses a site uses to say "too many requests": one retry, then `throttled`. */
const THROTTLE_STATUSES = new Set([429, 502, 503]);

export interface HttpClientOptions {
  /** Names the project and a contact URL, so that a site's operator can reach us. */
  userAgent: string;
  /** Deadline of one request, headers and body included. */
  timeoutMs: number;
  /** Least time between two requests to the same host. */
  intervalMs: number;
  maxBodyBytes?: number;
  /** Wait before the single retry of a throttled request when the site gives no Retry-After. */
  retryBackoffMs?: number;
  /**
   * A Retry-After longer than this is not waited for: the probe records
   * `throttled`. Whatever is given, the robot never waits more than a tenth of
   * the probe's time budget, nor past the budget.
   */
  maxRetryWaitMs?: number;
  /** Most time one probe may take in all; past it, no new request is sent and the probe records `timeout`. */
  probeBudgetMs?: number;
  /** Injectable for tests and virtual time. */
  sleep?: Sleep;
  /** Time source for the evidence (when each page was fetched). */
  clock?: () => Date;
}

/** One answer from a site, as received. */
export interface FetchedPage {
  method: 'GET' | 'POST';
  url: string;
  status: number;
  /** Absolute redirect target, when the answer is a redirect with a Location. */
  location: string | null;
  contentType: string;
  /** Response headers, as undici gives them (names in lower case). */
  headers: Record<string, string | string[] | undefined>;
  /** The body bytes exactly as received (after transfer decoding): what the evidence keeps and hashes. */
  bytes: Buffer;
  /** The body decoded with its declared charset. */
  text: string;
  /** SHA-256 of `bytes`, hex. */
  sha256: string;
  fetchedAt: Date;
  /** The body was longer than the limit and was cut. */
  cutAtLimit: boolean;
  /** Of a cut body, the last bytes read past the limit (decoded), for the challenge check only; "" otherwise. */
  tail?: string;
}

/** One request of a probe, for the evidence manifest. */
export interface TraceEntry {
  method: 'GET' | 'POST';
  url: string;
  at: string;
  status?: number;
  error?: string;
  milliseconds: number;
}

/** Shared by every probe of a round: the connection pool and the per-host gate. */
export class HttpClient {
  readonly options: Required<HttpClientOptions>;
  private readonly agent: Agent;
  private readonly gate: HostGate;

  constructor(options: HttpClientOptions) {
    this.options = {
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      retryBackoffMs: Math.max(3_000, 2 * options.intervalMs),
      maxRetryWaitMs: 30_000,
      probeBudgetMs: 300_000,
      sleep: realSleep,
      clock: () => new Date(),
      // An option given as undefined keeps its default.
      ...(Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as HttpClientOptions),
    };
    this.agent = new Agent({
      connections: 1,
      pipelining: 1,
      connectTimeout: this.options.timeoutMs,
      headersTimeout: this.options.timeoutMs,
      bodyTimeout: this.options.timeoutMs,
    });
    this.gate = new HostGate(this.options.intervalMs, this.options.sleep);
  }

  /** A new session: its own cookies, its own single throttling retry. */
  session(): ProbeSession {
    return new ProbeSession(this);
  }

  async close(): Promise<void> {
    await this.agent.destroy();
  }

  /** One request through the host gate; no redirect followed, no status check. */
  async send(
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    trace: TraceEntry[],
  ): Promise<FetchedPage> {
    const host = new URL(url).host;
    return this.gate.run(host, async () => {
      const started = Date.now();
      const fetchedAt = this.options.clock();
      const entry: TraceEntry = { method, url, at: fetchedAt.toISOString(), milliseconds: 0 };
      trace.push(entry);
      const signal = AbortSignal.timeout(this.options.timeoutMs);
      try {
        const response = await request(url, {
          method,
          headers: {
            'user-agent': this.options.userAgent,
            accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
            'accept-language': 'fr-FR,fr;q=0.9',
            ...headers,
          },
          body: body ?? null,
          signal,
          dispatcher: this.agent,
        });
        const { bytes, cutAtLimit, tail } = await readCapped(response.body, this.options.maxBodyBytes);
        entry.status = response.statusCode;
        const contentType = headerValue(response.headers['content-type']) ?? '';
        const location = headerValue(response.headers.location);
        const page: FetchedPage = {
          method,
          url,
          status: response.statusCode,
          location: location ? resolveUrl(location, url) : null,
          contentType,
          headers: response.headers,
          bytes,
          text: decodeBody(bytes, contentType),
          sha256: createHash('sha256').update(bytes).digest('hex'),
          fetchedAt,
          cutAtLimit,
          tail: decodeBody(tail, contentType),
        };
        return page;
      } catch (error) {
        const failure = failureOfError(error, this.options.timeoutMs);
        entry.error = failure.detail;
        throw failure;
      } finally {
        entry.milliseconds = Date.now() - started;
      }
    });
  }
}

/**
 * The requests of one probe. It keeps the cookies, the trace of every request
 * and every page received, and applies the status rules common to all sites.
 */
export class ProbeSession {
  readonly cookies = new CookieJar();
  readonly trace: TraceEntry[] = [];
  private retried = false;
  private readonly started = Date.now();

  constructor(private readonly client: HttpClient) {}

  get(url: string): Promise<FetchedPage> {
    return this.fetch('GET', url);
  }

  /** POSTs a form, urlencoded as a browser does (spaces as `+`). */
  post(url: string, form: Record<string, string>): Promise<FetchedPage> {
    return this.fetch('POST', url, new URLSearchParams(form).toString());
  }

  /**
   * Sends a request and returns a 2xx or 3xx answer. 403 and challenge pages
   * throw `blocked`; 429, 502 and 503 are retried once per probe after the
   * site's Retry-After (or a backoff), then throw `throttled`; any other
   * error status throws `http_error`.
   */
  async fetch(method: 'GET' | 'POST', url: string, body?: string): Promise<FetchedPage> {
    let page = await this.sendOnce(method, url, body);
    let waited: number | null = null;
    if (THROTTLE_STATUSES.has(page.status) && !pageChallenge(page) && !this.retried) {
      const wait = retryWait(page, this.client.options.retryBackoffMs, Date.now());
      if (wait <= this.longestRetryWait()) {
        this.retried = true;
        waited = wait;
        await this.client.options.sleep(wait);
        page = await this.sendOnce(method, url, body);
      } else {
        throw new ProbeFailure(
          'throttled',
          `HTTP ${page.status}, Retry-After ${formatSeconds(wait)} s is longer than the robot waits`,
          page,
        );
      }
    }
    if (page.status === 403) throw new ProbeFailure('blocked', `HTTP 403 Forbidden${challengeNote(page)}`, page);
    const challenge = pageChallenge(page);
    if (challenge)
      throw new ProbeFailure(
        'blocked',
        shortDetail(`HTTP ${page.status}: anti-bot challenge page (${challenge.vendor}: "${challenge.sign}")`),
        page,
      );
    if (THROTTLE_STATUSES.has(page.status)) {
      const retry = waited === null ? '' : `, again after a retry ${formatSeconds(waited)} s later`;
      throw new ProbeFailure('throttled', `HTTP ${page.status}${statusTitle(page)}${retry}`, page);
    }
    if (page.status >= 400 || page.status < 200)
      throw new ProbeFailure('http_error', `HTTP ${page.status}${statusTitle(page)}`, page);
    if (page.cutAtLimit) {
      throw new ProbeFailure(
        'unrecognized',
        `page larger than ${Math.round(this.client.options.maxBodyBytes / 1024)} KiB, cut`,
        page,
      );
    }
    return page;
  }

  /** The longest Retry-After worth waiting: the option, at most a tenth of the probe budget, never past the budget. */
  private longestRetryWait(): number {
    const { maxRetryWaitMs, probeBudgetMs } = this.client.options;
    const left = probeBudgetMs - (Date.now() - this.started);
    return Math.min(maxRetryWaitMs, probeBudgetMs / 10, left);
  }

  private async sendOnce(method: 'GET' | 'POST', url: string, body: string | undefined): Promise<FetchedPage> {
    const budget = this.client.options.probeBudgetMs;
    if (Date.now() - this.started > budget)
      throw new ProbeFailure(
        'timeout',
        `the probe took more than ${formatSeconds(budget)} s in all; stopped before ${method} ${new URL(url).pathname}`.slice(
          0,
          200,
        ),
      );
    const host = new URL(url).host;
    const headers: Record<string, string> = {};
    const cookie = this.cookies.header(host);
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const page = await this.client.send(method, url, headers, body, this.trace);
    this.cookies.store(host, page.headers['set-cookie']);
    return page;
  }
}

/**
 * Reads a body up to `limit` bytes. Past it the body is cut: the robot reads
 * on, up to DRAIN_FACTOR × limit, keeping only the last TAIL_BYTES (so that a
 * challenge marker at the end is seen), then drops the rest and closes the
 * connection.
 */
async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): void },
  limit: number,
): Promise<{ bytes: Buffer; cutAtLimit: boolean; tail: Buffer }> {
  const chunks: Buffer[] = [];
  let length = 0;
  let tail: Buffer = Buffer.alloc(0);
  let cut = false;
  for await (const chunk of body) {
    if (!cut && length + chunk.length <= limit) {
      chunks.push(chunk);
      length += chunk.length;
      continue;
    }
    if (!cut) {
      chunks.push(chunk.subarray(0, limit - length));
      tail = chunk.subarray(limit - length);
      cut = true;
    } else {
      tail = Buffer.concat([tail, chunk]);
    }
    length += chunk.length;
    if (tail.length > TAIL_BYTES) tail = tail.subarray(tail.length - TAIL_BYTES);
    if (length >= DRAIN_FACTOR * limit) break;
  }
  if (cut) body.destroy();
  return { bytes: Buffer.concat(chunks), cutAtLimit: cut, tail: Buffer.from(tail) };
}

/** The challenge a page is; a cut page is judged on what was kept and on the end that was read past the cap. */
function pageChallenge(page: FetchedPage) {
  return (
    challengeOf(page.text) ??
    (page.cutAtLimit && page.tail ? challengeOf(`${page.text.slice(0, 64 * 1024)}${page.tail}`) : null)
  );
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Resolves a Location against the request URL; an unparsable one is kept as written. */
function resolveUrl(location: string, base: string): string {
  try {
    return new URL(location, base).toString();
  } catch {
    return location;
  }
}

/**
 * Decodes a body with the charset of its Content-Type, or of a `<meta>` in
 * its first bytes, else UTF-8: older prefecture sites served ISO-8859-1, where
 * the apostrophe of the no-slot message is a different byte.
 */
export function decodeBody(bytes: Buffer, contentType: string): string {
  const declared =
    /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(bytes.subarray(0, 2048).toString('latin1'))?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/**
 * How long to wait before retrying a throttled request: the Retry-After
 * header (seconds or an HTTP date) when present, else the backoff.
 */
export function retryWait(page: Pick<FetchedPage, 'headers'>, backoffMs: number, nowMs: number): number {
  const header = headerValue(page.headers['retry-after'])?.trim();
  if (header) {
    if (/^\d+$/.test(header)) return Number(header) * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  return backoffMs;
}

/** The title of an error page, e.g. " (502 Bad Gateway)", to make details readable. */
function statusTitle(page: FetchedPage): string {
  const title =
    /<title[^>]*>([^<]{1,80})<\/title>/i.exec(page.text)?.[1] ?? /<h1[^>]*>([^<]{1,80})<\/h1>/i.exec(page.text)?.[1];
  return title ? ` (${shortDetail(title)})` : '';
}

function challengeNote(page: FetchedPage): string {
  return pageChallenge(page) ? ', anti-bot challenge page' : '';
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);
const NETWORK_MESSAGES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'host not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed while sending',
  UND_ERR_SOCKET: 'connection closed before the whole answer arrived (truncated)',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'body length does not match Content-Length (truncated)',
  UND_ERR_CLOSED: 'connection closed',
};

/** Turns a request error into `timeout` or `network_error`, with a short detail. */
function failureOfError(error: unknown, timeoutMs: number): ProbeFailure {
  if (error instanceof ProbeFailure) return error;
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.code ?? err.cause?.code ?? '';
  if (err.name === 'TimeoutError' || TIMEOUT_CODES.has(code)) {
    return new ProbeFailure('timeout', `no complete answer within ${formatSeconds(timeoutMs)} s`);
  }
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('ERR_SSL')) {
    return new ProbeFailure('network_error', shortDetail(`TLS error ${code}`));
  }
  const known = NETWORK_MESSAGES[code];
  return new ProbeFailure(
    'network_error',
    shortDetail(known ?? `${code || err.name || 'error'}: ${err.message ?? String(error)}`),
  );
}

/** Seconds to a tenth, so that a sub-second budget never reads « more than 0 s ». */
function formatSeconds(milliseconds: number): string {
  return String(Math.round(milliseconds / 100) / 10);
}
