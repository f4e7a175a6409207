/**
 * A local HTTP server that plays the legacy booking module and RDV-Préfecture
 * as faithfully as booking-systems.md allows, one scenario per form or
 * demarche id. It listens on 127.0.0.1 only, on ephemeral ports; several ports
 * make several simulated hosts. Its time is injectable, so that a virtual
 * clock can run months of history through it.
 *
 * It records every request, so that tests can check the robot's manners: one
 * request at a time per host, the User-Agent, and no step that books or holds
 * a slot.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mondayOf, addDays, parisDay } from '../../lib/calendar.ts';
import { challengeInterstitial, withVendorLoader } from './challenge-pages.ts';
import { challengePage, statusPage } from './error-pages.ts';
import { noSlotVariantPage } from './no-slot-variants.ts';
import * as legacy from './legacy-pages.ts';
import * as rdv from './rdv-pages.ts';
import {
  scenarioAt,
  slotInstants,
  type Fault,
  type LegacyScenario,
  type RdvScenario,
  type Scenario,
  type ScenarioSource,
} from './scenario.ts';

/** The code the simulated captcha accepts (for tests of a human-in-the-loop flow; the robot never sends one). */
export const SIMULATED_CAPTCHA_ANSWER = 'SIMUL8';

export interface SimulatorOptions {
  /** The simulator's time; defaults to the real clock. */
  clock?: () => Date;
}

/** One request as the simulator saw it. */
export interface SimulatedRequest {
  port: number;
  method: string;
  path: string;
  userAgent: string;
  cookie: string;
  /** Requests in flight on this port when this one arrived (itself included). */
  inFlightOnPort: number;
  /** Requests in flight on all ports when this one arrived. */
  inFlight: number;
}

interface LegacySession {
  conditions: boolean;
  planning: string | null;
  nextStepDone: boolean;
}

interface RdvSession {
  captchaPassed: boolean;
}

type Reply = {
  status: number;
  body?: string | Buffer;
  headers?: Record<string, string | string[]>;
  charset?: string;
  truncate?: boolean;
};

export class Simulator {
  readonly requests: SimulatedRequest[] = [];
  private readonly clock: () => Date;
  private readonly legacyScenarios = new Map<string, ScenarioSource>();
  private readonly rdvScenarios = new Map<string, { source: ScenarioSource; name: string }>();
  private readonly legacySessions = new Map<string, LegacySession>();
  private readonly rdvSessions = new Map<string, RdvSession>();
  /** How many more times a `times`-limited fault fires, per scenario key. */
  private readonly faultBudget = new Map<string, number>();
  private readonly servers: http.Server[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlightByPort = new Map<number, number>();
  private inFlight = 0;

  constructor(options: SimulatorOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** Plays a legacy form `formId` (all its counters) with this scenario. */
  addLegacy(formId: string, source: ScenarioSource): this {
    this.legacyScenarios.set(formId, source);
    return this;
  }

  /** Plays an RDV-Préfecture demarche with this scenario. */
  addRdv(demarcheId: string, source: ScenarioSource, name = 'Demande de titre de séjour'): this {
    this.rdvScenarios.set(demarcheId, { source, name });
    return this;
  }

  /** Starts `count` servers (simulated hosts) on 127.0.0.1; returns their origins. */
  async listen(count = 1): Promise<string[]> {
    const origins: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const server = http.createServer((request, response) => void this.handle(request, response));
      server.keepAliveTimeout = 2_000;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      this.servers.push(server);
      origins.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }
    return origins;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
    this.servers.length = 0;
  }

  /** Forgets sessions and fault budgets, e.g. between two simulated hours. */
  reset(): void {
    this.legacySessions.clear();
    this.rdvSessions.clear();
    this.faultBudget.clear();
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const port = request.socket.localPort ?? 0;
    const onPort = (this.inFlightByPort.get(port) ?? 0) + 1;
    this.inFlightByPort.set(port, onPort);
    this.inFlight += 1;
    this.requests.push({
      port,
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      userAgent: request.headers['user-agent'] ?? '',
      cookie: request.headers.cookie ?? '',
      inFlightOnPort: onPort,
      inFlight: this.inFlight,
    });
    try {
      const body = await readBody(request);
      const reply = await this.route(request, body, port);
      send(response, reply);
    } catch (error) {
      send(response, {
        status: 500,
        body: statusPage(500),
        headers: { 'x-simulator-error': String(error).slice(0, 200) },
      });
    } finally {
      this.inFlightByPort.set(port, (this.inFlightByPort.get(port) ?? 1) - 1);
      this.inFlight -= 1;
    }
  }

  private async route(request: http.IncomingMessage, body: string, port: number): Promise<Reply> {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const path = decodeURIComponent(url.pathname);
    const method = request.method ?? 'GET';
    const cookies = parseCookies(request.headers.cookie ?? '');
    const booking = /^(\/index\.php)?\/booking\/create\/(\d+)(?:\/(\d+)(?:\/(\d+))?)?\/?$/.exec(path);
    if (booking) {
      const [, prefix = '', formId, step = '0'] = booking;
      const source = this.legacyScenarios.get(formId!);
      if (!source) return notFound();
      return this.withFaults(`legacy:${formId}`, scenarioAt(source, this.clock()), 'booking', port, () =>
        this.legacyStep(legacyScenario(source, this.clock()), prefix, formId!, Number(step), method, body, cookies),
      );
    }
    const planning = /^(\/index\.php)?\/ezjscore\/call\/bookingserver::planning::assign::(\d+)::(\d+)::(-?\d+)$/.exec(
      path,
    );
    if (planning) {
      const [, prefix = '', formId, planningId, offset] = planning;
      const source = this.legacyScenarios.get(formId!);
      if (!source) return notFound();
      return this.withFaults(`legacy:${formId}`, scenarioAt(source, this.clock()), 'planning', port, () =>
        this.planningWeek(legacyScenario(source, this.clock()), prefix, formId!, planningId!, Number(offset)),
      );
    }
    const demarche = /^\/rdvpref\/reservation\/demarche\/(\d+)\/(?:(cgu|_validerCaptcha|creneau)\/?)?$/.exec(path);
    if (demarche) {
      const [, id, page = ''] = demarche;
      const entry = this.rdvScenarios.get(id!);
      if (!entry) return notFound();
      const scenario = scenarioAt(entry.source, this.clock());
      if (scenario.system !== 'rdv-prefecture') return notFound();
      return this.withFaults(`rdv:${id}`, scenario, page === '' ? 'booking' : 'inner', port, () =>
        this.rdvPage(scenario, id!, entry.name, page, url, method, body, cookies),
      );
    }
    if (path.startsWith('/Actualites')) return html(200, legacy.unrelatedPage());
    return notFound();
  }

  /** Applies a scenario's fault to a request, or lets `normal` answer. */
  private async withFaults(
    key: string,
    scenario: Scenario,
    where: 'booking' | 'planning' | 'inner',
    port: number,
    normal: () => Reply,
  ): Promise<Reply> {
    const fault: Fault | undefined = scenario.fault;
    if (!fault) return normal();
    switch (fault.kind) {
      case 'slow':
        await this.delay(fault.delayMs);
        return normal();
      case 'status': {
        if ((fault.on ?? 'all') === 'planning' && where !== 'planning') return normal();
        if (fault.times !== undefined) {
          const left = this.faultBudget.get(key) ?? fault.times;
          if (left <= 0) return normal();
          this.faultBudget.set(key, left - 1);
        }
        return {
          ...html(fault.status, statusPage(fault.status)),
          headers: fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter },
        };
      }
      case 'challenge':
        return html(
          fault.status ?? 503,
          fault.vendor ? challengeInterstitial(fault.vendor, fault.padding) : challengePage(),
        );
      case 'vendor-loader': {
        const reply = normal();
        return typeof reply.body === 'string' && reply.body.length > 0
          ? { ...reply, body: withVendorLoader(reply.body, fault.loader) }
          : reply;
      }
      case 'closed':
        return where === 'planning'
          ? normal()
          : html(200, scenario.system === 'rdv-prefecture' ? rdv.platformClosedPage() : legacy.closedPage());
      case 'maintenance':
        return where === 'planning' ? normal() : html(200, legacy.maintenancePage());
      case 'overloaded':
        return where === 'planning' ? normal() : html(200, legacy.overloadedPage());
      case 'redirect':
        if (where !== 'booking') return normal();
        return redirect(
          fault.to === 'other-host'
            ? `http://127.0.0.2:${port}/booking/create/1/0`
            : fault.to === 'other-demarche'
              ? '/rdvpref/reservation/demarche/1/'
              : '/Actualites/Le-site-evolue',
        );
      case 'truncated': {
        const reply = normal();
        return { ...reply, truncate: true };
      }
      case 'huge': {
        const reply = normal();
        return typeof reply.body === 'string'
          ? { ...reply, body: reply.body.replace('</main>', `<!-- ${'x'.repeat(3 * 1024 * 1024)} --></main>`) }
          : reply;
      }
      default:
        return normal();
    }
  }

  private delay(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, milliseconds);
      this.timers.add(timer);
    });
  }

  /** The booking flow of a legacy form: session in `eZSESSID`, each POST answered by a 302. */
  private legacyStep(
    scenario: LegacyScenario,
    prefix: string,
    formId: string,
    step: number,
    method: string,
    body: string,
    cookies: Map<string, string>,
  ): Reply {
    const fault = scenario.fault?.kind;
    const base = `${prefix}/booking/create/${formId}`;
    const charset = scenario.charset ?? 'utf-8';
    const known = cookies.get('eZSESSID');
    let sessionId = fault !== 'session-lost' && known && this.legacySessions.has(known) ? known : null;
    const headers: Record<string, string | string[]> = {};
    if (sessionId === null) {
      sessionId = randomBytes(13).toString('hex');
      this.legacySessions.set(sessionId, { conditions: false, planning: null, nextStepDone: false });
      headers['set-cookie'] = `eZSESSID=${sessionId}; path=/; HttpOnly`;
    }
    const session = this.legacySessions.get(sessionId)!;
    const page = (content: string): Reply => ({ ...withHeaders(html(200, content), headers), charset });
    const go = (target: number): Reply => withHeaders(redirect(`${base}/${target}`), headers);
    const form = new URLSearchParams(body);
    const counter = scenario.counters.find((candidate) => candidate.id === session.planning);
    const counterHasSlots = counter
      ? slotInstants(counter.slots, this.clock()).length > 0 || counter.calendarWhenEmpty === true
      : false;
    const resultStep = counterHasSlots ? 4 : 2;

    switch (step) {
      case 0:
        if (method === 'POST') {
          if (form.get('condition') !== 'on') return go(0);
          session.conditions = true;
          if (scenario.flow === 'direct-calendar') {
            session.planning = scenario.counters[0]!.id;
            return go(
              slotInstants(scenario.counters[0]!.slots, this.clock()).length > 0 ||
                scenario.counters[0]!.calendarWhenEmpty
                ? 4
                : 2,
            );
          }
          return go(1);
        }
        return page(legacy.conditionsPage(prefix, formId, { captcha: fault === 'captcha' }));
      case 1:
        if (!session.conditions) return go(0);
        if (method === 'POST') {
          const chosen = scenario.counters.find((candidate) => candidate.id === form.get('planning'));
          if (!chosen) return go(1);
          session.planning = chosen.id;
          const hasSlots = slotInstants(chosen.slots, this.clock()).length > 0 || chosen.calendarWhenEmpty === true;
          return go(scenario.flow === 'extra-step' ? 3 : hasSlots ? 4 : 2);
        }
        return page(
          fault === 'changed-layout'
            ? legacy.changedLayoutCountersPage(prefix, formId, scenario.counters)
            : legacy.countersPage(prefix, formId, scenario.counters),
        );
      case 2:
        if (!session.planning) return go(session.conditions ? 1 : 0);
        if (scenario.fault?.kind === 'no-slot-variant')
          return page(noSlotVariantPage(scenario.fault.variant, prefix, formId));
        return page(
          legacy.noSlotPage(prefix, formId, scenario.wording ?? 'classic', { cut: fault === 'truncated-html' }),
        );
      case 3:
        if (!session.planning) return go(session.conditions ? 1 : 0);
        if (method === 'POST') {
          session.nextStepDone = true;
          return go(resultStep);
        }
        return page(legacy.nextStepPage(prefix, formId));
      case 4:
        if (!session.planning) return go(session.conditions ? 1 : 0);
        if (!counterHasSlots) return go(2);
        if (method === 'POST') return go(6); // "Première plage horaire libre": the robot must never send it.
        return page(legacy.calendarPage(prefix, formId, session.planning));
      default:
        // Steps 5 (chosen slot), 6 (captcha), 8, 9: booking itself. The robot never comes here.
        return page(
          legacy.sitePage(
            'Prise de rendez-vous',
            '<div id="inner_Booking"><h2>Confirmation</h2><form id="FormBookingCreate"><div class="g-recaptcha"></div></form></div>',
          ),
        );
    }
  }

  /** A planning week: day zero is the Monday of the current week, or `dayZeroWeeksAgo` earlier. */
  private planningWeek(
    scenario: LegacyScenario,
    prefix: string,
    formId: string,
    planningId: string,
    offset: number,
  ): Reply {
    const counter = scenario.counters.find((candidate) => candidate.id === planningId);
    if (!counter) return html(200, '');
    const now = this.clock();
    const dayZero = addDays(mondayOf(parisDay(now)), -7 * (scenario.dayZeroWeeksAgo ?? 0));
    const weekStart = addDays(dayZero, offset);
    const weekEnd = addDays(weekStart, 6);
    const slots = slotInstants(counter.slots, now).filter(
      (slot) => parisDay(slot) >= weekStart && parisDay(slot) <= weekEnd,
    );
    return {
      ...html(200, legacy.planningWeekFragment(prefix, formId, weekStart, slots, scenario.weekLocale ?? 'fr')),
      charset: scenario.charset ?? 'utf-8',
    };
  }

  /** RDV-Préfecture: landing → cgu (captcha) → _validerCaptcha → creneau; creneau without a passed captcha goes back to cgu. */
  private rdvPage(
    scenario: RdvScenario,
    id: string,
    name: string,
    page: string,
    url: URL,
    method: string,
    body: string,
    cookies: Map<string, string>,
  ): Reply {
    const base = `/rdvpref/reservation/demarche/${id}/`;
    const known = cookies.get('JSESSIONID');
    let sessionId = known && this.rdvSessions.has(known) && scenario.fault?.kind !== 'session-lost' ? known : null;
    const headers: Record<string, string | string[]> = {};
    if (sessionId === null) {
      sessionId = randomBytes(16).toString('hex').toUpperCase();
      this.rdvSessions.set(sessionId, { captchaPassed: false });
      headers['set-cookie'] = `JSESSIONID=${sessionId}; Path=/rdvpref; Secure; HttpOnly`;
    }
    const session = this.rdvSessions.get(sessionId)!;
    switch (page) {
      case '':
        return withHeaders(html(200, rdv.landingPage(id, name)), headers);
      case 'cgu':
        return withHeaders(
          html(
            200,
            rdv.termsPage(
              id,
              randomBytes(24).toString('base64url'),
              url.searchParams.get('error') === 'invalidCaptcha',
              SIMULATED_CAPTCHA_ANSWER,
            ),
          ),
          headers,
        );
      case '_validerCaptcha': {
        if (method !== 'POST') return withHeaders(redirect(`${base}cgu/`), headers);
        session.captchaPassed = new URLSearchParams(body).get('captchaUsercode') === SIMULATED_CAPTCHA_ANSWER;
        return withHeaders(
          redirect(session.captchaPassed ? `${base}creneau/` : `${base}cgu/?error=invalidCaptcha`),
          headers,
        );
      }
      case 'creneau':
        if (!session.captchaPassed) return withHeaders(redirect(`${base}cgu/`), headers);
        return withHeaders(
          html(200, rdv.slotPage(id, slotInstants(scenario.slots, this.clock()), this.clock())),
          headers,
        );
      default:
        return notFound();
    }
  }
}

function legacyScenario(source: ScenarioSource, now: Date): LegacyScenario {
  const scenario = scenarioAt(source, now);
  if (scenario.system !== 'legacy-booking') throw new Error('an RDV-Préfecture scenario registered as a legacy form');
  return scenario;
}

function withHeaders(reply: Reply, headers: Record<string, string | string[]>): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

function html(status: number, body: string): Reply {
  return { status, body };
}

function redirect(location: string): Reply {
  return { status: 302, body: '', headers: { location } };
}

function notFound(): Reply {
  return html(404, statusPage(404));
}

function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0) cookies.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  return cookies;
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Encodes text in windows-1252, where the typographic apostrophe is byte 0x92. */
function encodeWindows1252(text: string): Buffer {
  const special: Record<string, number> = {
    '’': 0x92,
    '‘': 0x91,
    '…': 0x85,
    œ: 0x9c,
    Œ: 0x8c,
    '€': 0x80,
    '«': 0xab,
    '»': 0xbb,
  };
  return Buffer.from([...text].map((char) => special[char] ?? (char.charCodeAt(0) < 256 ? char.charCodeAt(0) : 0x3f)));
}

function send(response: http.ServerResponse, reply: Reply): void {
  if (response.destroyed) return;
  const charset = reply.charset ?? 'utf-8';
  const text = reply.body ?? '';
  const bytes =
    typeof text === 'string'
      ? charset === 'windows-1252'
        ? encodeWindows1252(text.replace('charset="utf-8"', 'charset="windows-1252"'))
        : Buffer.from(text, 'utf8')
      : text;
  const headers: Record<string, string | string[] | number> = {
    'content-type': `text/html; charset=${charset}`,
    ...reply.headers,
  };
  if (reply.truncate) {
    // Announce the whole page, send a third of it, and hang up.
    response.writeHead(reply.status, { ...headers, 'content-length': bytes.length });
    response.write(bytes.subarray(0, Math.floor(bytes.length / 3)));
    setTimeout(() => response.socket?.destroy(), 10);
    return;
  }
  response.writeHead(reply.status, { ...headers, 'content-length': bytes.length });
  response.end(bytes);
}
