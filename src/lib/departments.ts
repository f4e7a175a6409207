/**
 * The departments a prefecture can belong to, from the maintained INSEE list
 * shipped by `@etalab/decoupage-administratif` rather than a hand-typed table.
 */
import { createRequire } from 'node:module';

interface EtalabDepartment {
  code: string;
  nom: string;
  zone: 'metro' | 'drom' | 'com';
}

/** Where a department lies, for grouping on maps and tables. */
type DepartmentZone = 'metropole' | 'outre-mer';

export interface Department {
  /** INSEE code: `01`…`95`, `2A`, `2B`, `971`…`976`. */
  code: string;
  /** French name, e.g. `Seine-Saint-Denis`. */
  name: string;
  zone: DepartmentZone;
}

const require = createRequire(import.meta.url);
const etalab = require('@etalab/decoupage-administratif/data/departements.json') as EtalabDepartment[];

/**
 * Metropolitan departments, the five overseas departments and Saint-Pierre-et-Miquelon
 * (975), which has its own prefecture. Other overseas collectivities have no
 * prefecture booking of their own and are left out.
 */
export const DEPARTMENTS: readonly Department[] = etalab
  .filter((department) => department.zone !== 'com' || department.code === '975')
  .map((department) => ({
    code: department.code,
    name: department.nom,
    zone: department.zone === 'metro' ? 'metropole' : 'outre-mer',
  }));

const byCode = new Map(DEPARTMENTS.map((department) => [department.code, department]));

export function findDepartment(code: string): Department | undefined {
  return byCode.get(code);
}

/** The department of a known code; throws for an unknown one (validated data never has one). */
export function department(code: string): Department {
  const found = byCode.get(code);
  if (!found) throw new Error(`unknown department code "${code}"`);
  return found;
}
