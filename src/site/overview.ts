/**
 * The figures of the home and department pages: each procedure's headline
 * figure, and the same figure over a group of procedures (a department, a
 * prefecture, the whole country). Computed here so that the pages only
 * render them, and so that the map, the tables and the headline agree.
 */
import { parisDay } from '../lib/calendar.ts';
import type { ProcedureData } from '../lib/dataset.ts';
import { countOf, formatCount } from '../lib/format.ts';
import { headlineFigure, headlinePeriod, pooledFigure, type HeadlineFigure } from '../lib/headline.ts';
import type { Procedure } from '../lib/registry.ts';

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

/**
 * Whether a procedure is no longer probed when the data were compiled: its
 * `until` day (the last one probed) is past on the Paris clock. Without any
 * data there is no compile day, and an `until` set is taken as past.
 */
export function isRetired(procedure: Pick<Procedure, 'until'>, compiledAt: number | null): boolean {
  if (procedure.until === '') return false;
  return compiledAt === null || procedure.until < parisDay(new Date(compiledAt));
}

/**
 * How many procedures a table or a figure covers, without calling « suivies »
 * those the robot no longer probes: « 5 démarches suivies », « 5 démarches
 * suivies et 2 qui ne le sont plus », « 1 démarche qui n’est plus suivie ».
 */
export function procedureCountWords(rows: readonly ProcedureRow[], compiledAt: number | null): string {
  const retired = rows.filter(({ data }) => isRetired(data.procedure, compiledAt)).length;
  const followed = rows.length - retired;
  const gone = (count: number) => (count > 1 ? 'qui ne le sont plus' : 'qui ne l’est plus');
  if (retired === 0) return countOf(followed, 'démarche suivie', 'démarches suivies');
  if (followed === 0) return countOf(retired, 'démarche qui n’est plus suivie', 'démarches qui ne sont plus suivies');
  return `${countOf(followed, 'démarche suivie', 'démarches suivies')} et ${formatCount(retired)} ${gone(retired)}`;
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
