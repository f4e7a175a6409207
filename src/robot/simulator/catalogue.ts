/**
 * The standard scenarios of the simulator, one simulated procedure each, with
 * the outcome the robot must record. Tests, the demo and the benchmark all
 * use this list, and `registryFor` turns it into a `procedures.csv` whose URLs
 * point at the simulator's hosts.
 */
import { formatCsv } from '../../lib/csv.ts';
import type { Outcome } from '../../lib/outcome.ts';
import { NO_SLOT_VARIANTS } from './no-slot-variants.ts';
import type { LegacyScenario, Scenario, ScenarioSource, SlotSpec } from './scenario.ts';
import type { Simulator } from './server.ts';

export interface CatalogueEntry {
  department: string;
  slug: string;
  /** Form id (legacy) or demarche id (RDV-Préfecture). */
  id: string;
  /** Path prefix of legacy URLs: `` or `/index.php`. */
  prefix?: string;
  /** The registry's `planning` column. */
  planning?: string;
  scenario: ScenarioSource;
  /** What the robot must record; dates in days after the probe day. */
  expected: { outcome: Outcome; first?: number; second?: number };
  /** A short description for reports. */
  label: string;
}

/** A legacy form with one counter offering `slots`. */
const one = (slots: SlotSpec[], extra: Partial<Omit<LegacyScenario, 'system' | 'counters'>> = {}): LegacyScenario => ({
  system: 'legacy-booking',
  counters: [{ id: '1', label: 'Guichet titres de séjour', slots }],
  ...extra,
});

/** Counters of the several-counters scenario: the first has nothing, the second has slots. */
const severalCounters: Scenario = {
  system: 'legacy-booking',
  counters: [
    { id: '21001', label: 'Guichet 1 - premières demandes', slots: [] },
    {
      id: '21002',
      label: 'Guichet 2 - renouvellements',
      slots: [
        { in: 4, at: '09:00' },
        { in: 6, at: '10:30' },
      ],
    },
    { id: '21003', label: 'Guichet 3 - étudiants', slots: [{ in: 40, at: '14:00' }] },
  ],
};

/**
 * « Blocked » only when the robot is blocked (issue 8 §2): each vendor's
 * interstitial, whatever its status, is `blocked`; ordinary pages carrying a
 * vendor's loader or mention are read as the pages they are.
 */
const CHALLENGE_SCENARIOS: readonly CatalogueEntry[] = [
  {
    department: '69',
    slug: 'defi-cloudflare-style',
    id: '41001',
    scenario: one([], { fault: { kind: 'challenge', vendor: 'cloudflare', padding: 250 * 1024 } }),
    expected: { outcome: 'blocked' },
    label: 'Cloudflare challenge after 250 kB of inline style',
  },
  {
    department: '69',
    slug: 'defi-verification-en-cours',
    id: '41002',
    scenario: one([], { fault: { kind: 'challenge', vendor: 'cloudflare-fr', status: 200 } }),
    expected: { outcome: 'blocked' },
    label: '« Vérification de sécurité en cours » (200)',
  },
  {
    department: '69',
    slug: 'defi-bot-fight',
    id: '41003',
    scenario: one([], { fault: { kind: 'challenge', vendor: 'cloudflare-bot-fight', status: 200 } }),
    expected: { outcome: 'blocked' },
    label: 'Cloudflare Bot Fight Mode page',
  },
  {
    department: '69',
    slug: 'defi-bloque',
    id: '41004',
    scenario: one([], { fault: { kind: 'challenge', vendor: 'cloudflare-blocked', status: 200 } }),
    expected: { outcome: 'blocked' },
    label: '« Sorry, you have been blocked » (200)',
  },
  {
    department: '69',
    slug: 'defi-turnstile',
    id: '41005',
    scenario: one([], { fault: { kind: 'challenge', vendor: 'turnstile', status: 200 } }),
    expected: { outcome: 'blocked' },
    label: 'Turnstile interstitial',
  },
  {
    department: '69',
    slug: 'defi-queue-it',
    id: '41006',
    scenario: one([], { fault: { kind: 'challenge', vendor: 'queue-it', status: 200 } }),
    expected: { outcome: 'blocked' },
    label: 'Queue-it waiting room',
  },
  {
    department: '69',
    slug: 'defi-file-attente',
    id: '41007',
    scenario: one([], { fault: { kind: 'challenge', vendor: 'queue-fr', status: 503 } }),
    expected: { outcome: 'blocked' },
    label: '« file d’attente » page sent with 503',
  },
  {
    department: '69',
    slug: 'defi-imperva',
    id: '41008',
    scenario: one([], { fault: { kind: 'challenge', vendor: 'imperva', status: 200 } }),
    expected: { outcome: 'blocked' },
    label: 'Imperva interstitial',
  },
  {
    department: '69',
    slug: 'defi-akamai',
    id: '41009',
    scenario: one([], { fault: { kind: 'challenge', vendor: 'akamai', status: 200 } }),
    expected: { outcome: 'blocked' },
    label: 'Akamai « Access Denied »',
  },
  {
    department: '69',
    slug: 'defi-datadome',
    id: '41010',
    scenario: one([], { fault: { kind: 'challenge', vendor: 'datadome', status: 200 } }),
    expected: { outcome: 'blocked' },
    label: 'DataDome interstitial',
  },
  {
    department: '69',
    slug: 'rdvpref-defi-turnstile',
    id: '41011',
    scenario: { system: 'rdv-prefecture', slots: [], fault: { kind: 'challenge', vendor: 'turnstile', status: 200 } },
    expected: { outcome: 'blocked' },
    label: 'RDV-Préfecture behind Turnstile',
  },
  {
    department: '69',
    slug: 'chargeur-cloudflare-aucun',
    id: '41020',
    scenario: one([], { fault: { kind: 'vendor-loader', loader: 'cloudflare-jsd' } }),
    expected: { outcome: 'none' },
    label: 'Cloudflare loader on every page, no slot',
  },
  {
    department: '69',
    slug: 'chargeur-cloudflare-creneaux',
    id: '41021',
    scenario: one(
      [
        { in: 3, at: '09:00' },
        { in: 4, at: '09:00' },
      ],
      { fault: { kind: 'vendor-loader', loader: 'cloudflare-jsd' } },
    ),
    expected: { outcome: 'slots', first: 3, second: 4 },
    label: 'Cloudflare loader on every page, slots',
  },
  {
    department: '69',
    slug: 'chargeur-datadome',
    id: '41022',
    scenario: one([], { fault: { kind: 'vendor-loader', loader: 'datadome-tag' } }),
    expected: { outcome: 'none' },
    label: 'DataDome tag on every page',
  },
  {
    department: '69',
    slug: 'chargeur-akamai',
    id: '41023',
    scenario: one([{ in: 5, at: '10:00' }], { fault: { kind: 'vendor-loader', loader: 'akamai-script' } }),
    expected: { outcome: 'slots', first: 5 },
    label: 'Akamai script on every page',
  },
  {
    department: '69',
    slug: 'mention-turnstile',
    id: '41024',
    scenario: one([], { fault: { kind: 'vendor-loader', loader: 'turnstile-mention' } }),
    expected: { outcome: 'none' },
    label: 'a page mentioning Cloudflare and Turnstile',
  },
];

/**
 * « No slot » only when it is the page's answer (issue 8 §1): one scenario per
 * class of availability page, each with the outcome it must give.
 */
const NO_SLOT_SCENARIOS: readonly CatalogueEntry[] = NO_SLOT_VARIANTS.map(({ variant, outcome, label }, index) => ({
  department: '33',
  slug: `reponse-${variant}`,
  id: String(42_001 + index),
  scenario: one([], { fault: { kind: 'no-slot-variant', variant } }),
  expected: { outcome },
  label,
}));

export const SCENARIO_CATALOGUE: readonly CatalogueEntry[] = [
  {
    department: '93',
    slug: 'aucun-creneau',
    id: '11343',
    scenario: one([]),
    expected: { outcome: 'none' },
    label: 'no slot',
  },
  {
    department: '93',
    slug: 'deux-creneaux',
    id: '11350',
    scenario: one([
      { in: 3, at: '09:30' },
      { in: 10, at: '14:00' },
      { in: 12, at: '08:45' },
    ]),
    expected: { outcome: 'slots', first: 3, second: 10 },
    label: 'slots at given dates',
  },
  {
    department: '93',
    slug: 'meme-jour',
    id: '11351',
    scenario: one([
      { in: 5, at: '09:15' },
      { in: 5, at: '09:00' },
    ]),
    expected: { outcome: 'slots', first: 5, second: 5 },
    label: 'two slots on one day',
  },
  {
    department: '92',
    slug: 'un-creneau',
    id: '12491',
    scenario: one([{ in: 20, at: '11:00' }]),
    expected: { outcome: 'slots', first: 20 },
    label: 'one slot',
  },
  {
    department: '92',
    slug: 'creneaux-lointains',
    id: '13525',
    scenario: one([
      { in: 70, at: '09:00' },
      { in: 71, at: '09:00' },
    ]),
    expected: { outcome: 'slots', first: 70, second: 71 },
    label: 'dates beyond two months',
  },
  {
    department: '92',
    slug: 'guichet-vide',
    id: '21000',
    planning: '21001',
    scenario: severalCounters,
    expected: { outcome: 'none' },
    label: 'several counters: the empty one',
  },
  {
    department: '92',
    slug: 'guichet-ouvert',
    id: '21000',
    planning: '21002',
    scenario: severalCounters,
    expected: { outcome: 'slots', first: 4, second: 6 },
    label: 'several counters: the open one',
  },
  {
    department: '92',
    slug: 'guichet-etudiants',
    id: '21000',
    planning: '21003',
    scenario: severalCounters,
    expected: { outcome: 'slots', first: 40 },
    label: 'several counters: one far slot',
  },
  {
    department: '92',
    slug: 'guichet-non-choisi',
    id: '21000',
    scenario: severalCounters,
    expected: { outcome: 'unrecognized' },
    label: 'several counters, registry names none',
  },
  {
    department: '92',
    slug: 'guichet-disparu',
    id: '21000',
    planning: '29999',
    scenario: severalCounters,
    expected: { outcome: 'unrecognized' },
    label: 'registry counter no longer offered',
  },
  {
    department: '95',
    slug: 'calendrier-direct',
    id: '11360',
    planning: '1',
    scenario: one(
      [
        { in: 2, at: '10:00' },
        { in: 9, at: '10:00' },
      ],
      { flow: 'direct-calendar' },
    ),
    expected: { outcome: 'slots', first: 2, second: 9 },
    label: 'conditions lead straight to the calendar',
  },
  {
    department: '95',
    slug: 'etape-intermediaire',
    id: '11361',
    scenario: one(
      [
        { in: 15, at: '10:00' },
        { in: 16, at: '10:00' },
      ],
      { flow: 'extra-step' },
    ),
    expected: { outcome: 'slots', first: 15, second: 16 },
    label: 'an intermediate step',
  },
  {
    department: '95',
    slug: 'etape-intermediaire-vide',
    id: '11362',
    scenario: one([], { flow: 'extra-step' }),
    expected: { outcome: 'none' },
    label: 'an intermediate step, then no slot',
  },
  {
    department: '95',
    slug: 'semaine-en-anglais',
    id: '11363',
    scenario: one(
      [
        { in: 8, at: '09:00' },
        { in: 22, at: '09:00' },
      ],
      { weekLocale: 'en' },
    ),
    expected: { outcome: 'slots', first: 8, second: 22 },
    label: 'English week header',
  },
  {
    department: '95',
    slug: 'origine-decalee',
    id: '11364',
    scenario: one(
      [
        { in: 8, at: '09:00' },
        { in: 9, at: '09:00' },
      ],
      { dayZeroWeeksAgo: 30 },
    ),
    expected: { outcome: 'slots', first: 8, second: 9 },
    label: 'planning day zero in the past',
  },
  {
    department: '93',
    slug: 'libelle-2025',
    id: '9845',
    prefix: '/index.php',
    scenario: one([], { wording: '2025' }),
    expected: { outcome: 'none' },
    label: '2025 wording of the no-slot message',
  },
  {
    department: '93',
    slug: 'encodage-windows-1252',
    id: '9846',
    scenario: one([], { wording: '2025', charset: 'windows-1252' }),
    expected: { outcome: 'none' },
    label: 'windows-1252 page',
  },
  {
    department: '91',
    slug: 'page-fermee',
    id: '23014',
    scenario: one([], { fault: { kind: 'closed' } }),
    expected: { outcome: 'closed' },
    label: 'closed page',
  },
  {
    department: '91',
    slug: 'maintenance',
    id: '23015',
    scenario: one([], { fault: { kind: 'maintenance' } }),
    expected: { outcome: 'closed' },
    label: 'maintenance page',
  },
  {
    department: '91',
    slug: 'surcharge-502',
    id: '23016',
    scenario: one([], { fault: { kind: 'status', status: 502 } }),
    expected: { outcome: 'throttled' },
    label: '502 throttling',
  },
  {
    department: '91',
    slug: 'surcharge-502-passagere',
    id: '23017',
    scenario: one([], { fault: { kind: 'status', status: 502, times: 1 } }),
    expected: { outcome: 'none' },
    label: 'one 502, then the answer (retried once)',
  },
  {
    department: '91',
    slug: 'trop-de-requetes',
    id: '23018',
    scenario: one([], { fault: { kind: 'status', status: 429, retryAfter: '1' } }),
    expected: { outcome: 'throttled' },
    label: '429 with Retry-After',
  },
  {
    department: '91',
    slug: 'planning-502',
    id: '23019',
    scenario: one([{ in: 3, at: '09:00' }], { fault: { kind: 'status', status: 502, on: 'planning' } }),
    expected: { outcome: 'throttled' },
    label: '502 on the planning weeks',
  },
  {
    department: '91',
    slug: 'service-surcharge',
    id: '23020',
    scenario: one([], { fault: { kind: 'overloaded' } }),
    expected: { outcome: 'throttled' },
    label: '"Service surchargé" page',
  },
  {
    department: '94',
    slug: 'acces-interdit',
    id: '14066',
    scenario: one([], { fault: { kind: 'status', status: 403 } }),
    expected: { outcome: 'blocked' },
    label: '403',
  },
  {
    department: '94',
    slug: 'defi-anti-robot',
    id: '14067',
    scenario: one([], { fault: { kind: 'challenge' } }),
    expected: { outcome: 'blocked' },
    label: 'anti-bot challenge page',
  },
  {
    department: '94',
    slug: 'reponse-lente',
    id: '14068',
    scenario: one([], { fault: { kind: 'slow', delayMs: 5_000 } }),
    expected: { outcome: 'timeout' },
    label: 'a slow answer',
  },
  {
    department: '94',
    slug: 'captcha-ajoute',
    id: '14069',
    scenario: one([], { fault: { kind: 'captcha' } }),
    expected: { outcome: 'captcha' },
    label: 'a captcha added',
  },
  {
    department: '94',
    slug: 'mise-en-page-changee',
    id: '14070',
    scenario: one([{ in: 3, at: '09:00' }], { fault: { kind: 'changed-layout' } }),
    expected: { outcome: 'unrecognized' },
    label: 'a changed layout',
  },
  {
    department: '94',
    slug: 'calendrier-vide',
    id: '14071',
    scenario: {
      system: 'legacy-booking',
      counters: [{ id: '1', label: 'Guichet', slots: [], calendarWhenEmpty: true }],
    },
    expected: { outcome: 'unrecognized' },
    label: 'calendar without any free slot',
  },
  {
    department: '94',
    slug: 'page-tronquee',
    id: '14072',
    scenario: one([], { fault: { kind: 'truncated-html' } }),
    expected: { outcome: 'unrecognized' },
    label: 'a page cut before the message',
  },
  {
    department: '94',
    slug: 'page-enorme',
    id: '14073',
    scenario: one([], { fault: { kind: 'huge' } }),
    expected: { outcome: 'unrecognized' },
    label: 'a page over 2 MB',
  },
  {
    department: '75',
    slug: 'redirection-autre-site',
    id: '885',
    scenario: one([], { fault: { kind: 'redirect', to: 'other-host' } }),
    expected: { outcome: 'moved' },
    label: 'redirect to another host',
  },
  {
    department: '75',
    slug: 'redirection-sans-rapport',
    id: '876',
    scenario: one([], { fault: { kind: 'redirect', to: 'unrelated-page' } }),
    expected: { outcome: 'moved' },
    label: 'redirect to an unrelated page',
  },
  {
    department: '75',
    slug: 'reponse-tronquee',
    id: '948',
    scenario: one([], { fault: { kind: 'truncated' } }),
    expected: { outcome: 'network_error' },
    label: 'a truncated body',
  },
  {
    department: '75',
    slug: 'session-perdue',
    id: '953',
    scenario: one([], { fault: { kind: 'session-lost' } }),
    expected: { outcome: 'session_lost' },
    label: 'a lost session',
  },
  {
    department: '75',
    slug: 'erreur-serveur',
    id: '957',
    scenario: one([], { fault: { kind: 'status', status: 500 } }),
    expected: { outcome: 'http_error' },
    label: 'HTTP 500',
  },
  {
    department: '75',
    slug: 'formulaire-supprime',
    id: '989',
    scenario: one([], { fault: { kind: 'status', status: 404 } }),
    expected: { outcome: 'http_error' },
    label: 'HTTP 404',
  },
  {
    department: '91',
    slug: 'rdvpref-captcha',
    id: '2200',
    scenario: { system: 'rdv-prefecture', slots: [{ in: 3, at: '09:30' }] },
    expected: { outcome: 'captcha' },
    label: 'RDV-Préfecture captcha',
  },
  {
    department: '91',
    slug: 'rdvpref-deplacee',
    id: '2220',
    scenario: { system: 'rdv-prefecture', slots: [], fault: { kind: 'redirect', to: 'other-demarche' } },
    expected: { outcome: 'moved' },
    label: 'RDV-Préfecture redirect to another demarche',
  },
  {
    department: '91',
    slug: 'rdvpref-fermee',
    id: '2085',
    scenario: { system: 'rdv-prefecture', slots: [], fault: { kind: 'closed' } },
    expected: { outcome: 'closed' },
    label: 'RDV-Préfecture closed',
  },
  {
    department: '91',
    slug: 'rdvpref-interdit',
    id: '2201',
    scenario: { system: 'rdv-prefecture', slots: [], fault: { kind: 'status', status: 403 } },
    expected: { outcome: 'blocked' },
    label: 'RDV-Préfecture 403',
  },
  ...CHALLENGE_SCENARIOS,
  ...NO_SLOT_SCENARIOS,
];

/** Registers every entry's scenario with the simulator (entries sharing a form share its scenario). */
export function registerCatalogue(simulator: Simulator, entries: readonly CatalogueEntry[]): void {
  for (const entry of entries) {
    if (systemOf(entry) === 'rdv-prefecture') simulator.addRdv(entry.id, entry.scenario);
    else simulator.addLegacy(entry.id, entry.scenario);
  }
}

/** The system of an entry. */
export function systemOf(entry: CatalogueEntry): Scenario['system'] {
  return typeof entry.scenario === 'function' ? entry.scenario(new Date()).system : entry.scenario.system;
}

/** The booking URL of an entry on a simulated host. */
export function entryUrl(entry: CatalogueEntry, origin: string): string {
  return systemOf(entry) === 'rdv-prefecture'
    ? `${origin}/rdvpref/reservation/demarche/${entry.id}/`
    : `${origin}${entry.prefix ?? ''}/booking/create/${entry.id}${entry.prefix ? '/0' : ''}`;
}

/**
 * A `procedures.csv` for entries on the simulator's hosts: entry i goes to
 * `origins[i % origins.length]`, unless `hostOf` says otherwise.
 */
export function registryFor(
  entries: readonly CatalogueEntry[],
  origins: readonly string[],
  hostOf: (entry: CatalogueEntry, index: number) => number = (_, index) => index,
): string {
  const header = ['department', 'slug', 'prefecture', 'procedure', 'system', 'url', 'planning'];
  const rows = entries.map((entry, index) => [
    entry.department,
    entry.slug,
    `Préfecture simulée (${entry.label})`,
    `Titre de séjour, scénario « ${entry.label} »`,
    systemOf(entry),
    entryUrl(entry, origins[hostOf(entry, index) % origins.length]!),
    entry.planning ?? '',
  ]);
  return formatCsv([header, ...rows]);
}
