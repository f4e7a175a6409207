import { describe, expect, test } from 'vitest';
import type { Colour } from '../../src/lib/colour.ts';
import type { ProcedureData } from '../../src/lib/dataset.ts';
import { department, DEPARTMENTS } from '../../src/lib/departments.ts';
import { monthStatistics, type MonthStatistics } from '../../src/lib/month-statistics.ts';
import { parseRegistry } from '../../src/lib/registry.ts';
import {
  combinedFigure,
  departmentFigures,
  departmentSortKey,
  figureSortKey,
  inDepartmentOrder,
  procedureRows,
  rowsByOffice,
} from '../../src/site/overview.ts';
import {
  departmentTile,
  OPENING_CLASSES,
  openingClass,
  tileClassName,
  tileGroups,
  tileStyle,
} from '../../src/site/tile-map.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** Compiled on 31 March 2018: the headline covers December 2017 to February 2018. */
const COMPILED = Date.parse('2018-03-31T21:20:00Z');

function procedure(
  department: string,
  prefecture: string,
  slug: string,
  months: Record<string, Partial<Record<Colour | 'failed', number>>>,
): ProcedureData {
  const [parsed] = parseRegistry(
    `department,slug,prefecture,procedure,system,url,planning,since,until,source\n${department},${slug},${prefecture},Titre de séjour,legacy-booking,https://example.gouv.fr/booking/create/1,,,,test\n`,
    'procedures.csv',
  );
  return {
    procedure: parsed!,
    months: Object.entries(months).map(([month, counts]) =>
      monthStatistics(
        month,
        Object.entries(counts).flatMap(([colour, count]) =>
          Array.from({ length: count }, (_, hour) => ({
            colour: colour === 'failed' ? null : (colour as Colour),
            outcome: colour === 'failed' ? 'timeout' : 'slots',
            instant: Date.parse(`${month}-01T00:00:00Z`) + hour * 3_600_000,
          })),
        ),
      ),
    ),
    latestProbe: COMPILED,
    latest: null,
    monthVersions: {},
    monthDigests: {},
  };
}

const busy = procedure('93', 'Préfecture de Bobigny', 'busy', { '2018-01': { noir: 90, vert: 10 } });
const quiet = procedure('93', 'Sous-préfecture du Raincy', 'quiet', { '2018-02': { vert: 10 } });
const outside = procedure('95', 'Préfecture de Cergy', 'outside', { '2018-03': { vert: 5 }, '2017-11': { noir: 4 } });
const failing = procedure('2A', 'Préfecture d’Ajaccio', 'failing', { '2018-02': { failed: 6 } });
const rows = procedureRows([busy, quiet, outside, failing], COMPILED);

describe('the figures of the home and department pages', () => {
  test('weigh a group by probes, not by procedures', () => {
    // 20 of 110 successful probes offered a date within a month, not the mean of 10 % and 100 %.
    const figure = combinedFigure(rows.slice(0, 2), COMPILED);
    expect(figure.statistics.successful).toBe(110);
    expect(figure.withinMonthShare).toBeCloseTo(20 / 110);
    expect(figure.noirShare).toBeCloseTo(90 / 110);
    expect(figure.period).toEqual(['2017-12', '2018-01', '2018-02']);
  });

  test.each([
    ['93', 20 / 110, 0],
    ['95', null, 0], // March is not complete and November is before the period
    ['2A', null, 6], // only failures: no share, failures kept
  ])('give department %s its combined figure', (code, rate, failed) => {
    const figure = departmentFigures(rows, COMPILED).get(code)!;
    if (rate === null) expect(figure.withinMonthShare).toBeNull();
    else expect(figure.withinMonthShare).toBeCloseTo(rate);
    expect(figure.statistics.failed).toBe(failed);
  });

  test('list departments and offices in registry order', () => {
    expect([...departmentFigures(rows, COMPILED).keys()]).toEqual(['93', '95', '2A']);
    expect([...rowsByOffice(rows.slice(0, 2)).keys()]).toEqual(['Préfecture de Bobigny', 'Sous-préfecture du Raincy']);
  });

  test('without data, nothing is computed and no period is claimed', () => {
    const figure = combinedFigure(procedureRows([busy], null), null);
    expect(figure.period).toEqual([]);
    expect(figure.withinMonthShare).toBeNull();
  });
});

describe('the sort keys of the procedure tables', () => {
  test('put departments in INSEE order: Corsica between 19 and 21, overseas after 95', () => {
    const codes = ['971', '2B', '21', '19', '2A', '95'];
    const byKey = [...codes].sort((a, b) => Number(departmentSortKey(a)) - Number(departmentSortKey(b)));
    expect(byKey).toEqual(['19', '2A', '2B', '21', '95', '971']);
  });

  test.each([
    [null, ''],
    [0, '0'],
    [0.25, '0.25'],
  ])('write the figure %s as « %s »', (value, key) => {
    expect(figureSortKey(value)).toBe(key);
  });
});

describe('the tile map', () => {
  /** Statistics with `within` of `successful` probes offering a date within a month (vert), the rest noir. */
  const split = (within: number, successful: number): MonthStatistics => ({
    ...monthStatistics('2018-01', []),
    successful,
    counts: { vert: within, jaune: 0, orange: 0, rouge: 0, noir: successful - within },
  });

  test.each([
    [0, 10_000, 0],
    [1994, 10_000, 0], // prints 19,9 %
    [1996, 10_000, 1], // prints 20 %: coloured as 20 %
    [1, 2, 2],
    [7994, 10_000, 3],
    [7996, 10_000, 4],
    [5, 5, 4],
  ])('puts %i within a month of %i in class %i', (within, successful, index) => {
    expect(openingClass(split(within, successful))).toBe(OPENING_CLASSES[index]);
  });

  /** WCAG relative luminance of a `#rrggbb` colour. */
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((start) => {
      const channel = parseInt(hex.slice(start, start + 2), 16) / 255;
      return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  /** WCAG contrast ratio of two colours. */
  const contrast = (one: string, other: string) => {
    const [light, dark] = [luminance(one), luminance(other)].sort((a, b) => b - a);
    return (light! + 0.05) / (dark! + 0.05);
  };

  test.each(OPENING_CLASSES.map((openingClass) => [openingClass.label, openingClass] as const))(
    'prints the code on the %s class with a contrast of 4.5:1 at least',
    (_label, { fill, ink }) => {
      expect(contrast(fill, ink)).toBeGreaterThanOrEqual(4.5);
    },
  );

  test('goes from dark (closed) to light (open), each class lighter than the one before', () => {
    const luminances = OPENING_CLASSES.map(({ fill }) => luminance(fill));
    expect(luminances).toEqual([...luminances].sort((a, b) => a - b));
    expect(new Set(luminances).size).toBe(OPENING_CLASSES.length);
  });

  test('keeps the best class clearly apart from the white of « aucune démarche suivie »', () => {
    // The old best class, #eff3ff, had a contrast of 1.1 against white: one could not tell it from an untracked tile.
    expect(contrast(OPENING_CLASSES.at(-1)!.fill, '#ffffff')).toBeGreaterThanOrEqual(1.5);
  });

  const rates = new Map<string, MonthStatistics>([
    ['93', split(714, 1000)],
    ['95', split(0, 0)],
  ]);

  test.each([
    [
      '93',
      '/93/',
      '93 – Seine-Saint-Denis : date à moins d’un mois 71,4 %',
      'tile',
      'background:#22a884;color:#1b1b1b',
    ],
    ['95', '/95/', "95 – Val-d'Oise : aucun sondage réussi sur la période", 'tile no-data', undefined],
    ['23', null, '23 – Creuse : pas de démarche suivie', 'tile untracked', undefined],
  ])('says what the tile of %s shows and where it leads', (code, href, name, className, style) => {
    const tile = departmentTile(department(code), rates);
    expect([tile.href, plain(tile.name), tileClassName(tile.look), tileStyle(tile.look)]).toEqual([
      href,
      name,
      className,
      style,
    ]);
  });

  test('has every department once, overseas ones without a grid cell', () => {
    const groups = tileGroups(rates);
    const codes = groups.flatMap((group) => group.tiles.map(({ tile }) => tile.place.code));
    expect([...codes].sort()).toEqual(DEPARTMENTS.map((place) => place.code).sort());
    expect(groups[1]!.tiles.every(({ cell }) => cell === null)).toBe(true);
  });
});

describe('the department order of the tools page', () => {
  const placed = (department: string, prefecture = 'Préfecture', procedure = 'Titre') => ({
    department,
    prefecture,
    procedure,
  });
  test.each([
    [
      'INSEE order, Corsica between 20 and 21, overseas last',
      ['975', '93', '2B', '21', '2A', '9'].map((code) => placed(code)),
      [
        '9 Préfecture Titre',
        '2A Préfecture Titre',
        '2B Préfecture Titre',
        '21 Préfecture Titre',
        '93 Préfecture Titre',
        '975 Préfecture Titre',
      ],
    ],
    [
      'prefecture then label, accents ignored',
      [
        placed('93', 'Sous-préfecture du Raincy', 'Asile'),
        placed('93', 'Préfecture de Bobigny', 'Titre'),
        placed('93', 'Préfecture de Bobigny', 'Échange'),
      ],
      ['93 Préfecture de Bobigny Échange', '93 Préfecture de Bobigny Titre', '93 Sous-préfecture du Raincy Asile'],
    ],
  ])('%s', (_name, procedures, expected) => {
    expect(
      inDepartmentOrder(procedures).map((item) => `${item.department} ${item.prefecture} ${item.procedure}`),
    ).toEqual(expected);
  });
});
