/**
 * The procedures of `npm start`: a simulated period over real department
 * codes, with the situations a visitor should recognise (a prefecture that
 * never opens, slots released on some weekday mornings, a service that
 * degrades over the months, one often down, a week of maintenance, the
 * captcha platform, dates always months away, a move to another platform).
 * Every name says it is a demonstration; none of it is a real measurement.
 * Everything is a pure function of the virtual time, the period and a seed.
 */
import { formatCsv } from '../../lib/csv.ts';
import { addDays, daysBetween, parisClock, parisDay } from '../../lib/calendar.ts';
import { entryUrl, systemOf, type CatalogueEntry } from './catalogue.ts';
import { noise } from './history.ts';
import type { LegacyScenario, Scenario, SlotSpec } from './scenario.ts';

/** A simulated procedure of the demonstration, with its registry columns. */
export interface DemonstrationProcedure extends CatalogueEntry {
  /** The registry's `prefecture` column (says « démonstration »). */
  prefecture: string;
  /** The registry's `procedure` column (names the scenario). */
  procedure: string;
  /** First Paris day probed, or '' (the registry's `since`). */
  since: string;
  /** Last Paris day probed, or '' (the registry's `until`). */
  until: string;
}

/** The simulated period: `days` Paris days from `start`. */
export interface DemonstrationPeriod {
  start: string;
  days: number;
  seed: number;
}

const counter = (slots: SlotSpec[], extra: Partial<LegacyScenario> = {}): LegacyScenario => ({
  system: 'legacy-booking',
  counters: [{ id: '1', label: 'Guichet titres de séjour', slots }],
  ...extra,
});

/** `count` slots between `from` and `to` days ahead, chosen by the noise of `keys`. */
function slotsBetween(seed: number, keys: (string | number)[], count: number, from: number, to: number): SlotSpec[] {
  return Array.from({ length: count }, (_, index) => ({
    in: from + Math.floor(noise(seed, ...keys, index) * (to - from + 1)),
    at: `${String(8 + (index % 8)).padStart(2, '0')}:${index % 2 ? '30' : '00'}`,
  }));
}

/** The demonstration's procedures for a period. */
export function demonstrationCatalogue({ start, days, seed }: DemonstrationPeriod): DemonstrationProcedure[] {
  const hourOf = (now: Date) => Math.floor(now.getTime() / 3600_000);
  const dayIndex = (now: Date) => daysBetween(start, parisDay(now));
  /** How far into the period, 0 at the start, 1 at the end. */
  const progress = (now: Date) => Math.min(1, Math.max(0, dayIndex(now) / Math.max(1, days)));
  const weekday = (now: Date) => new Date(`${parisDay(now)}T00:00:00Z`).getUTCDay();
  const localHour = (now: Date) => Number(parisClock(now).time.slice(0, 2));
  const chance = (key: string, now: Date) => noise(seed, key, hourOf(now));
  const maintenanceFrom = Math.floor(days * 0.55);
  const migrationDay = Math.floor(days * 0.6);
  // Volunteers update the registry three days after the old form started redirecting.
  const registryUpdated = addDays(start, migrationDay + 3);
  const entry = (
    department: string,
    slug: string,
    id: string,
    prefecture: string,
    procedure: string,
    label: string,
    scenario: (now: Date) => Scenario,
    extra: Partial<DemonstrationProcedure> = {},
  ): DemonstrationProcedure => ({
    department,
    slug,
    id,
    label,
    scenario,
    expected: { outcome: 'none' },
    prefecture: `${prefecture} (démonstration)`,
    procedure: `${procedure} — scénario simulé «\u202f${label}\u202f»`,
    since: '',
    until: '',
    ...extra,
  });
  return [
    entry(
      '976',
      'mamoudzou-premiere-demande',
      '51001',
      'Préfecture de Mayotte',
      'Première demande de titre de séjour',
      'ne s’ouvre jamais',
      () => counter([]),
    ),
    entry(
      '93',
      'bobigny-admission-exceptionnelle',
      '51002',
      'Préfecture de la Seine-Saint-Denis',
      'Admission exceptionnelle au séjour',
      'créneaux certains mardis et jeudis matin',
      (now) =>
        [2, 4].includes(weekday(now)) &&
        localHour(now) >= 9 &&
        localHour(now) < 11 &&
        noise(seed, 'b-week', Math.floor(dayIndex(now) / 7)) < 0.6
          ? counter(slotsBetween(seed, ['b', dayIndex(now)], 3, 20, 60))
          : counter([]),
    ),
    entry(
      '69',
      'lyon-renouvellement',
      '51003',
      'Préfecture du Rhône',
      'Renouvellement de titre de séjour',
      'se dégrade au fil des mois',
      (now) => {
        const p = progress(now);
        return chance('c', now) < 0.85 * (1 - p) + 0.03
          ? counter(slotsBetween(seed, ['c', hourOf(now)], 2, 5 + Math.round(p * 60), 20 + Math.round(p * 100)))
          : counter([]);
      },
    ),
    entry(
      '13',
      'marseille-etudiants',
      '51004',
      'Préfecture des Bouches-du-Rhône',
      'Titre de séjour étudiant',
      'souvent en panne',
      (now) => {
        const draw = chance('d', now);
        if (draw < 0.3) return counter([], { fault: { kind: 'status', status: 502 } });
        if (draw < 0.4) return counter([], { fault: { kind: 'status', status: 500 } });
        if (draw < 0.45) return counter([], { fault: { kind: 'challenge' } });
        return counter(draw < 0.6 ? slotsBetween(seed, ['d', hourOf(now)], 2, 10, 45) : []);
      },
    ),
    entry(
      '94',
      'creteil-titre-sejour',
      '51005',
      'Préfecture du Val-de-Marne',
      'Première demande de titre de séjour',
      'fermée une semaine pour maintenance',
      (now) =>
        dayIndex(now) >= maintenanceFrom && dayIndex(now) < maintenanceFrom + 7
          ? counter([], { fault: { kind: 'maintenance' } })
          : counter(chance('e', now) < 0.45 ? slotsBetween(seed, ['e', hourOf(now)], 2, 25, 60) : []),
    ),
    {
      ...entry(
        '92',
        'nanterre-rdv-prefecture',
        '5106',
        'Préfecture des Hauts-de-Seine',
        'Remise de titre de séjour',
        'derrière le captcha de RDV-Préfecture',
        () => ({ system: 'rdv-prefecture', slots: [{ in: 12, at: '09:30' }] }),
      ),
      expected: { outcome: 'captcha' },
    },
    entry(
      '974',
      'saint-denis-titre-sejour',
      '51007',
      'Préfecture de La Réunion',
      'Renouvellement de titre de séjour',
      'dates toujours lointaines',
      (now) => counter(chance('g', now) < 0.7 ? slotsBetween(seed, ['g', hourOf(now)], 2, 95, 160) : []),
    ),
    entry(
      '33',
      'bordeaux-salarie',
      '51008',
      'Préfecture de la Gironde',
      'Titre de séjour salarié',
      'passe sur une autre plateforme',
      (now) =>
        dayIndex(now) < migrationDay
          ? counter(chance('h', now) < 0.4 ? slotsBetween(seed, ['h', hourOf(now)], 2, 10, 40) : [])
          : counter([], { fault: { kind: 'redirect', to: 'other-host' } }),
      { until: addDays(registryUpdated, -1) },
    ),
    {
      ...entry(
        '33',
        'bordeaux-salarie-rdv-prefecture',
        '5109',
        'Préfecture de la Gironde',
        'Titre de séjour salarié',
        'après le passage sur RDV-Préfecture',
        () => ({ system: 'rdv-prefecture', slots: [{ in: 20, at: '10:00' }] }),
        { since: registryUpdated },
      ),
      expected: { outcome: 'captcha' },
    },
    entry(
      '971',
      'pointe-a-pitre-renouvellement',
      '51010',
      'Préfecture de la Guadeloupe',
      'Renouvellement de titre de séjour',
      'le plus souvent ouvert',
      (now) => counter(chance('j', now) < 0.75 ? slotsBetween(seed, ['j', hourOf(now)], 2, 3, 21) : []),
    ),
    entry(
      '31',
      'toulouse-vie-privee',
      '51011',
      'Préfecture de la Haute-Garonne',
      'Titre de séjour vie privée et familiale',
      'dates rares',
      (now) => counter(chance('k', now) < 0.08 ? slotsBetween(seed, ['k', hourOf(now)], 1, 60, 120) : []),
    ),
    {
      ...entry(
        '67',
        'strasbourg-etudiants',
        '51012',
        'Préfecture du Bas-Rhin',
        'Titre de séjour étudiant',
        'libellé 2025',
        (now) =>
          counter(chance('l', now) < 0.15 ? slotsBetween(seed, ['l', hourOf(now)], 2, 10, 40) : [], {
            wording: '2025',
          }),
      ),
      prefix: '/index.php',
    },
    entry(
      '59',
      'lille-premiere-demande',
      '51013',
      'Préfecture du Nord',
      'Première demande de titre de séjour',
      'surchargée aux heures d’affluence',
      (now) =>
        localHour(now) >= 9 && localHour(now) < 11 && chance('m', now) < 0.6
          ? counter([], { fault: { kind: 'status', status: 502 } })
          : counter(chance('m2', now) < 0.1 ? slotsBetween(seed, ['m', hourOf(now)], 2, 15, 50) : []),
    ),
    entry(
      '75',
      'paris-admission-travail',
      '51014',
      'Préfecture de police de Paris',
      'Admission exceptionnelle au séjour (travail)',
      'bloque le robot quelques semaines',
      (now) =>
        progress(now) >= 0.3 && progress(now) < 0.42
          ? counter([], { fault: { kind: 'status', status: 403 } })
          : counter(chance('n', now) < 0.3 ? slotsBetween(seed, ['n', hourOf(now)], 2, 30, 70) : []),
    ),
  ];
}

/** The demonstration's `procedures.csv`, each procedure on its own simulated host. */
export function demonstrationRegistry(entries: readonly DemonstrationProcedure[], origins: readonly string[]): string {
  const header = ['department', 'slug', 'prefecture', 'procedure', 'system', 'url', 'planning', 'since', 'until'];
  const rows = entries.map((entry, index) => [
    entry.department,
    entry.slug,
    entry.prefecture,
    entry.procedure,
    systemOf(entry),
    entryUrl(entry, origins[index % origins.length]!),
    entry.planning ?? '',
    entry.since,
    entry.until,
  ]);
  return formatCsv([header, ...rows]);
}
