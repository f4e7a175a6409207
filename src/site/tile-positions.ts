/**
 * Where each department sits on the tile map of the home page: one square
 * per department, laid out roughly as France looks, in the manner of the
 * usual "tile grid maps". Equal tiles give Paris and its small neighbours the
 * same weight as the Gironde, which a geographic map would hide.
 */

/** A tile's cell, counted from 1 like CSS grid lines. */
export interface TilePosition {
  column: number;
  row: number;
}

/**
 * Metropolitan France, Corsica included (set apart south-east of the Alps),
 * drawn as text so that the layout can be read and edited at a glance: one
 * department code per cell, `..` for the sea and neighbouring countries.
 * Île-de-France is spread out around Paris (75): 93 north, 94 east, 91
 * south, 92 west.
 */
const METROPOLE_GRID = `
  .. .. .. .. .. 80 62 59 .. .. .. .. ..
  .. .. .. .. 76 95 93 60 02 08 .. .. ..
  .. .. 50 14 27 92 75 94 51 55 54 57 ..
  29 22 35 53 61 78 91 77 10 52 88 67 ..
  .. 56 44 49 72 28 45 89 21 70 90 68 ..
  .. .. .. 85 37 41 18 58 71 39 25 .. ..
  .. .. .. 79 86 36 23 03 69 01 74 .. ..
  .. .. .. 17 16 87 19 63 42 38 73 .. ..
  .. .. .. 33 24 46 15 43 07 26 05 .. ..
  .. .. .. 40 47 82 12 48 30 84 04 06 ..
  .. .. .. 64 32 31 81 34 .. 13 83 .. 2B
  .. .. .. .. 65 09 11 66 .. .. .. .. 2A
`;

/** Reads a grid drawn as text into each code's cell; a code drawn twice is a mistake and throws. */
function readGrid(grid: string): Map<string, TilePosition> {
  const positions = new Map<string, TilePosition>();
  const rows = grid.trim().split('\n');
  rows.forEach((line, rowIndex) => {
    line
      .trim()
      .split(/\s+/)
      .forEach((cell, columnIndex) => {
        if (cell === '..') return;
        if (positions.has(cell)) throw new Error(`department ${cell} is drawn twice on the tile map`);
        positions.set(cell, { column: columnIndex + 1, row: rowIndex + 1 });
      });
  });
  return positions;
}

/** Each metropolitan department's cell on the map. */
export const METROPOLE_TILES: ReadonlyMap<string, TilePosition> = readGrid(METROPOLE_GRID);

/** The size of the metropolitan grid, for the CSS grid template. */
export const METROPOLE_GRID_SIZE = {
  columns: Math.max(...[...METROPOLE_TILES.values()].map((position) => position.column)),
  rows: Math.max(...[...METROPOLE_TILES.values()].map((position) => position.row)),
} as const;

/**
 * The overseas departments and Saint-Pierre-et-Miquelon, in a strip of their
 * own under the map (oceans apart, no position would be "roughly right").
 */
export const OVERSEAS_STRIP: readonly string[] = ['971', '972', '973', '974', '975', '976'];
