/**
 * The figures of the home and department pages: each procedure's headline
 * figure, and the same figure over a group of procedures (a department, a
 * prefecture, the whole country). Computed here so that the pages only
 * render them, and so that the map, the tables and the headline agree.
 */
import type { ProcedureData } from '../lib/dataset.ts';
import { headlineFigure, headlinePeriod, pooledFigure, type HeadlineFigure } from '../lib/headline.ts';

/** A row of a procedure table: the procedure and its headline figure. */
export interface ProcedureRow {
  data: ProcedureData;
  figure: HeadlineFigure;
}

/** Every procedure with its headline figure, in the order given (registry order). */
export function procedureRows(procedures: readonly ProcedureData[], compiledAt: number | null): ProcedureRow[] {
  return procedures.map((data) => ({ data, figure: headlineFigure(data.months, compiledAt) }));
}

/**
 * The headline figure of several procedures together: their successful
 * probes summed, so that a busy prefecture weighs more than a quiet
 * sub-prefecture (weighed by probes, not by procedures). Same period as each
 * procedure's figure.
 */
export function combinedFigure(rows: readonly ProcedureRow[], compiledAt: number | null): HeadlineFigure {
  return pooledFigure(
    rows.map(({ figure }) => figure),
    headlinePeriod(compiledAt),
  );
}

/** Rows grouped by a key, groups and rows in their first-seen order. */
function groupRows(rows: readonly ProcedureRow[], key: (row: ProcedureRow) => string): Map<string, ProcedureRow[]> {
  return Map.groupBy(rows, key);
}

/** Each department with procedures and its combined figure, in registry order. */
export function departmentFigures(
  rows: readonly ProcedureRow[],
  compiledAt: number | null,
): Map<string, HeadlineFigure> {
  const byDepartment = groupRows(rows, ({ data }) => data.procedure.department);
  return new Map([...byDepartment].map(([code, departmentRows]) => [code, combinedFigure(departmentRows, compiledAt)]));
}

/** A department's rows by prefecture or sub-prefecture, in registry order: one table each. */
export function rowsByOffice(rows: readonly ProcedureRow[]): Map<string, ProcedureRow[]> {
  return groupRows(rows, ({ data }) => data.procedure.prefecture);
}

/* Sort keys the procedure tables write in `data-sort` (read by client/procedure-table.ts). */

/**
 * A department's sort key: INSEE order, Corsica's 2A and 2B where the former
 * department 20 stood (between 19 and 21), overseas (971…) after 95.
 */
export function departmentSortKey(code: string): string {
  return String(code === '2A' ? 20.1 : code === '2B' ? 20.2 : Number(code));
}

/** The sort key of a figure that may be missing: missing is an empty key, which sorts last. */
export function figureSortKey(value: number | null): string {
  return value === null ? '' : String(value);
}

/** What a procedure list is ordered by: its department, its prefecture, its label. */
interface Placed {
  department: string;
  prefecture: string;
  procedure: string;
}

/**
 * Procedures in department order (INSEE order, as the tables sort them),
 * then by prefecture and label in French alphabetical order: the order in
 * which a visitor looks for their own prefecture in a long list.
 */
export function inDepartmentOrder<T extends Placed>(procedures: readonly T[]): T[] {
  const words = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
  return [...procedures].sort(
    (a, b) =>
      Number(departmentSortKey(a.department)) - Number(departmentSortKey(b.department)) ||
      words.compare(a.prefecture, b.prefecture) ||
      words.compare(a.procedure, b.procedure),
  );
}
