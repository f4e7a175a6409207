/**
 * Simulated procedures whose availability changes over months, for the demo
 * and the benchmarks: slot releases on given weekdays, long stretches without
 * any date, a closure, throttling at busy hours, a migration to RDV-Préfecture.
 * Everything is a pure function of the (virtual) time and a seed, so a run is
 * reproducible.
 */
import { daysBetween, parisClock, parisDay } from '../../lib/calendar.ts';
import type { CatalogueEntry } from './catalogue.ts';
import type { LegacyScenario, Scenario, SlotSpec } from './scenario.ts';

/** A deterministic number in [0, 1) from a seed and some keys (FNV-1a, then scaled). */
export function noise(seed: number, ...keys: (string | number)[]): number {
  let hash = 0x811c9dc5 ^ seed;
  for (const char of keys.join('|')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 2 ** 32;
}

const counter = (slots: SlotSpec[], extra: Partial<LegacyScenario> = {}): LegacyScenario => ({
  system: 'legacy-booking',
  counters: [{ id: '1', label: 'Guichet', slots }],
  ...extra,
});

/** Slots `count` of them, `from`…`to` days ahead, chosen by the hour's noise. */
function slotsBetween(seed: number, key: string, hour: number, count: number, from: number, to: number): SlotSpec[] {
  return Array.from({ length: count }, (_, index) => ({
    in: from + Math.floor(noise(seed, key, hour, index) * (to - from + 1)),
    at: `${String(8 + (index % 8)).padStart(2, '0')}:${index % 2 ? '30' : '00'}`,
  }));
}

/** The procedures of the history demo, probed from `start` (a Paris day). */
export function historyCatalogue(seed: number, start: string): CatalogueEntry[] {
  const hourOf = (now: Date) => Math.floor(now.getTime() / 3600_000);
  const dayIndex = (now: Date) => daysBetween(start, parisDay(now));
  const weekday = (now: Date) => new Date(`${parisDay(now)}T00:00:00Z`).getUTCDay();
  const localHour = (now: Date) => Number(parisClock(now).time.slice(0, 2));
  const entry = (
    department: string,
    slug: string,
    id: string,
    label: string,
    scenario: (now: Date) => Scenario,
  ): CatalogueEntry => ({ department, slug, id, label, scenario, expected: { outcome: 'none' } });
  const entries: CatalogueEntry[] = [
    // Slots released on Monday mornings, gone by noon; otherwise nothing.
    entry('93', 'bobigny-admission-exceptionnelle', '41001', 'Monday releases', (now) =>
      weekday(now) === 1 && localHour(now) >= 9 && localHour(now) < 12
        ? counter(slotsBetween(seed, 'a', dayIndex(now), 3, 50, 95))
        : counter([]),
    ),
    // Usually dates within three weeks; one hour in four, nothing.
    entry('92', 'nanterre-renouvellement', '41002', 'mostly open', (now) =>
      noise(seed, 'b', hourOf(now)) < 0.25 ? counter([]) : counter(slotsBetween(seed, 'b', hourOf(now), 2, 3, 21)),
    ),
    // Nothing for the first month, then a single far date now and then.
    entry('93', 'le-raincy-premiere-demande', '41003', 'closed then scarce', (now) =>
      dayIndex(now) < 30
        ? counter([])
        : noise(seed, 'c', hourOf(now)) < 0.1
          ? counter(slotsBetween(seed, 'c', hourOf(now), 1, 70, 120))
          : counter([]),
    ),
    // Two weeks of maintenance in the middle.
    entry('94', 'creteil-titre-sejour', '41004', 'maintenance', (now) =>
      dayIndex(now) >= 40 && dayIndex(now) < 54
        ? counter([], { fault: { kind: 'maintenance' } })
        : counter(noise(seed, 'd', hourOf(now)) < 0.5 ? slotsBetween(seed, 'd', hourOf(now), 2, 25, 60) : []),
    ),
    // Busy hours throttle; the rest of the time, no slot.
    entry('91', 'evry-etudiants', '41005', 'throttled at busy hours', (now) =>
      localHour(now) >= 9 && localHour(now) < 11 && noise(seed, 'e', hourOf(now)) < 0.5
        ? counter([], { fault: { kind: 'status', status: 502 } })
        : counter([]),
    ),
    // The 2025 wording on the /index.php/ address.
    entry('93', 'bobigny-vie-privee', '41006', '2025 wording', (now) =>
      counter(noise(seed, 'f', hourOf(now)) < 0.05 ? slotsBetween(seed, 'f', hourOf(now), 2, 10, 40) : [], {
        wording: '2025',
      }),
    ),
    // Migrated to RDV-Préfecture after two months: the old form redirects away.
    entry('95', 'cergy-naturalisation', '41007', 'migration', (now) =>
      dayIndex(now) < 60
        ? counter(slotsBetween(seed, 'g', dayIndex(now), 2, 30, 80))
        : counter([], { fault: { kind: 'redirect', to: 'other-host' } }),
    ),
    // The national platform: captcha on every session.
    {
      department: '92',
      slug: 'boulogne-titre-sejour',
      id: '3720',
      label: 'RDV-Préfecture',
      scenario: { system: 'rdv-prefecture', slots: [{ in: 10, at: '09:30' }] },
      expected: { outcome: 'captcha' },
    },
  ];
  return entries.map((item) => (item.slug === 'bobigny-vie-privee' ? { ...item, prefix: '/index.php' } : item));
}
