/**
 * What the tile map of the home page shows: the colour scale of its five
 * classes and each department's tile (link, accessible name, look). The
 * component only lays the tiles out (`components/TileMap.astro`).
 */
import { DEPARTMENTS, department, type Department } from '../lib/departments.ts';
import { formatShare, roundedShare } from '../lib/format.ts';
import { withinMonthCount, type MonthStatistics } from '../lib/month-statistics.ts';
import { departmentPath, withBase } from './paths.ts';
import { METROPOLE_TILES, OVERSEAS_STRIP } from './tile-positions.ts';

/** One class of the scale: its legend, its fill and the ink that reads on it. */
export interface OpeningClass {
  label: string;
  fill: string;
  ink: string;
}

/**
 * The five classes of the scale, darkest where the counters are most closed:
 * five steps of viridis (purple to green), a colour-blind-safe scale whose
 * lightest step is still a saturated green, so the best class can never be
 * taken for the white, dash-outlined tiles of departments without a procedure.
 * Each ink reads on its fill with a contrast of at least 4.5:1.
 */
export const OPENING_CLASSES: readonly OpeningClass[] = [
  { label: 'moins de 20\u00a0%', fill: '#440154', ink: '#ffffff' },
  { label: '20 à 40\u00a0%', fill: '#414487', ink: '#ffffff' },
  { label: '40 à 60\u00a0%', fill: '#2a788e', ink: '#ffffff' },
  { label: '60 à 80\u00a0%', fill: '#22a884', ink: '#1b1b1b' },
  { label: '80\u00a0% et plus', fill: '#7ad151', ink: '#1b1b1b' },
];

/**
 * The class of a department's share of dates within one month, taken on the
 * share rounded as it is printed (to 0.1 %, half-up on the exact counts), so
 * that a tile never shows a colour that disagrees with its written figure:
 * 19,96 % prints « 20 % » and is coloured as 20 %.
 */
export function openingClass(statistics: MonthStatistics): OpeningClass {
  const permille = roundedShare(withinMonthCount(statistics), statistics.successful, 1000);
  return OPENING_CLASSES[Math.max(0, Math.min(OPENING_CLASSES.length - 1, Math.floor(permille / 200)))]!;
}

/** How a tile looks: a class of the scale, or one of the two looks without a figure. */
export type TileLook = { kind: 'rate'; openingClass: OpeningClass } | { kind: 'no-data' } | { kind: 'untracked' };

/** The tile's CSS classes: `tile`, plus `no-data` or `untracked` for the two looks without a figure. */
export function tileClassName(look: TileLook): string {
  return look.kind === 'rate' ? 'tile' : `tile ${look.kind}`;
}

/** The inline colours of a tile with a figure (the two other looks are in the stylesheet). */
export function tileStyle(look: TileLook): string | undefined {
  return look.kind === 'rate' ? `background:${look.openingClass.fill};color:${look.openingClass.ink}` : undefined;
}

export interface Tile {
  place: Department;
  /** The department page, when the department has procedures. */
  href: string | null;
  /** The accessible name, e.g. « 93 – Seine-Saint-Denis : date à moins d’un mois 12,3 % »: it starts with the code shown, for speech control. */
  name: string;
  look: TileLook;
}

/**
 * What a department's tile says and looks like, from the pooled statistics
 * over the headline period of the departments that have procedures.
 */
export function departmentTile(place: Department, departments: ReadonlyMap<string, MonthStatistics>): Tile {
  const title = `${place.code} – ${place.name}`;
  const statistics = departments.get(place.code);
  if (!statistics)
    return { place, href: null, name: `${title}\u00a0: pas de démarche suivie`, look: { kind: 'untracked' } };
  const href = withBase(departmentPath(place.code));
  if (statistics.successful === 0)
    return { place, href, name: `${title}\u00a0: aucun sondage réussi sur la période`, look: { kind: 'no-data' } };
  const share = formatShare(withinMonthCount(statistics), statistics.successful);
  return {
    place,
    href,
    name: `${title}\u00a0: date à moins d’un mois ${share}`,
    look: { kind: 'rate', openingClass: openingClass(statistics) },
  };
}

/** A group of tiles with its heading; metropolitan tiles carry their grid cell. */
export interface TileGroup {
  id: string;
  label: string;
  tiles: { tile: Tile; cell: { column: number; row: number } | null }[];
}

/** The metropolitan grid and the overseas strip: one list each, in code order for screen readers. */
export function tileGroups(openingRates: ReadonlyMap<string, MonthStatistics>): TileGroup[] {
  return [
    {
      id: 'carte-metropole',
      label: 'France métropolitaine',
      tiles: DEPARTMENTS.filter((place) => METROPOLE_TILES.has(place.code)).map((place) => ({
        tile: departmentTile(place, openingRates),
        cell: METROPOLE_TILES.get(place.code)!,
      })),
    },
    {
      id: 'carte-outre-mer',
      label: 'Outre-mer',
      tiles: OVERSEAS_STRIP.map((code) => ({ tile: departmentTile(department(code), openingRates), cell: null })),
    },
  ];
}
