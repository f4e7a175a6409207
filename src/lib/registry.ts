/**
 * The registry `procedures.csv`: one row per monitored procedure. It says what
 * the robot probes and what the site publishes; see data/README.md.
 */
import { z } from 'zod';
import { DataError, issueReason } from './data-error.ts';
import { parseCsv } from './csv.ts';
import { optionalDaySchema } from './day-schema.ts';
import { findDepartment } from './departments.ts';

/** Booking systems the robot has an adapter for. */
export const BOOKING_SYSTEMS = ['legacy-booking', 'rdv-prefecture'] as const;
export type BookingSystem = (typeof BOOKING_SYSTEMS)[number];

/** Required columns, in any order. */
export const REGISTRY_COLUMNS = ['department', 'slug', 'prefecture', 'procedure', 'system', 'url'] as const;
/** Optional columns with a meaning; any other column is kept as an extra. */
export const OPTIONAL_REGISTRY_COLUMNS = ['planning', 'since', 'until'] as const;

/**
 * True when a URL's authority holds no userinfo (`https://user:pass@host/`),
 * even an empty one (`https://:@host/`, which URL parsers silently drop).
 */
function hasNoUserinfo(url: string): boolean {
  const parsed = URL.parse(url);
  const authority = /^[a-z][a-z0-9+.-]*:[/\\]*([^/\\?#]*)/i.exec(url)?.[1] ?? '';
  return parsed !== null && parsed.username === '' && parsed.password === '' && !authority.includes('@');
}

const procedureSchema = z
  .object({
    /** INSEE department code (`01`…`95`, `2A`, `2B`, `971`…`976`). */
    department: z.string().refine((code) => findDepartment(code) !== undefined, 'unknown department code'),
    /** Lowercase `a-z0-9-` name, unique within its department; part of permanent URLs. */
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single dashes'),
    /** The office, as visitors know it, e.g. `Préfecture de Bobigny`. */
    prefecture: z.string().trim().min(1, 'must not be empty'),
    /** The procedure's name on the booking site, e.g. `Demande d'admission exceptionnelle au séjour`. */
    procedure: z.string().trim().min(1, 'must not be empty'),
    /** Which adapter probes it. */
    system: z.enum(BOOKING_SYSTEMS, { error: `must be one of ${BOOKING_SYSTEMS.join(', ')}` }),
    /** Where a person starts booking (http or https). */
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .refine(
        hasNoUserinfo,
        'must not carry a user name or password (user:password@host): the robot would send them, and the site publish them',
      ),
    /** Counter id for the legacy system when the form offers several; empty otherwise. */
    planning: z.string().regex(/^\d*$/, 'must be a number').default(''),
    /** First day the procedure is probed; empty for "from the start". */
    since: optionalDaySchema.default(''),
    /** Last day the procedure is probed (inclusive); empty while it is monitored. */
    until: optionalDaySchema.default(''),
  })
  .refine((procedure) => !procedure.since || !procedure.until || procedure.since <= procedure.until, {
    message: 'until is before since',
    path: ['until'],
  });

export type Procedure = z.infer<typeof procedureSchema> & {
  /** Columns the registry has beyond the known ones, kept as they are. */
  extra: Record<string, string>;
  /** Line of the registry file, for messages. */
  line: number;
};

/** The identifier used in paths and URLs: `93/titre-sejour-bobigny`. */
export function procedureKey(procedure: Pick<Procedure, 'department' | 'slug'>): string {
  return `${procedure.department}/${procedure.slug}`;
}

/** Whether the robot should probe the procedure on a Paris local day. */
export function isActiveOn(procedure: Pick<Procedure, 'since' | 'until'>, day: string): boolean {
  return (!procedure.since || procedure.since <= day) && (!procedure.until || day <= procedure.until);
}

/** Reads and validates the registry; throws a DataError at the first problem. */
export function parseRegistry(text: string, file: string): Procedure[] {
  const table = parseCsv(text, file);
  const seenColumns = new Set<string>();
  for (const column of table.header) {
    if (seenColumns.has(column)) throw new DataError(file, 1, `bad header: column "${column}" appears twice`);
    seenColumns.add(column);
  }
  const missing = REGISTRY_COLUMNS.filter((column) => !seenColumns.has(column));
  if (missing.length > 0) throw new DataError(file, 1, `bad header: missing column ${missing.join(', ')}`);
  const known = new Set<string>([...REGISTRY_COLUMNS, ...OPTIONAL_REGISTRY_COLUMNS]);
  const seenSlugs = new Map<string, number>();
  return table.lines.map(({ line, cells }) => {
    const record = Object.fromEntries(table.header.map((column, index) => [column, cells[index]!]));
    const result = procedureSchema.safeParse(record);
    if (!result.success) throw new DataError(file, line, issueReason(result.error, record));
    const key = procedureKey(result.data);
    const previous = seenSlugs.get(key);
    if (previous !== undefined)
      throw new DataError(
        file,
        line,
        `duplicate slug "${result.data.slug}" in department ${result.data.department} (first at line ${previous})`,
      );
    seenSlugs.set(key, line);
    const extra = Object.fromEntries(
      table.header.filter((column) => !known.has(column)).map((column) => [column, record[column]!]),
    );
    return { ...result.data, extra, line };
  });
}
