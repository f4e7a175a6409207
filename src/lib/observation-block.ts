/**
 * The observation block: what a volunteer's bookmarklet sends, as plain
 * text, in a GitHub issue or an e-mail. One `key: value` per line between two
 * marker lines, so that an operator can paste many blocks in one file and a
 * workflow can find one in an issue body whatever surrounds it. Every value
 * has a strict shape: an issue body is untrusted input, and nothing but these
 * values ever leaves it.
 */
import * as z from 'zod/mini';
import { isCalendarDay, parseProbeTime } from './calendar.ts';

export const BLOCK_BEGIN = '-----DEBUT OBSERVATION GUICHETS FERMES-----';
export const BLOCK_END = '-----FIN OBSERVATION GUICHETS FERMES-----';

/** Version of the block format, written first in every block. */
export const BLOCK_VERSION = '1';

const timestamp = z
  .string()
  .check(
    z.refine(
      (text) => typeof parseProbeTime(text) !== 'string',
      'doit être une heure de Paris comme 2026-05-18T10:00:00+02:00',
    ),
  );
const day = z.string().check(z.refine(isCalendarDay, 'doit être une date existante AAAA-MM-JJ'));
const optional = <T extends z.ZodMiniType>(schema: T) => z.union([z.literal(''), schema]);

/** One observation as a volunteer sends it. */
const observationBlockSchema = z.strictObject({
  /** Version of the format (`1`). */
  version: z.literal(BLOCK_VERSION, { error: `doit être ${BLOCK_VERSION}` }),
  /** The RDV-Préfecture démarche id, from the page's address. */
  demarche: z.string().check(z.regex(/^\d{1,9}$/, 'doit être un numéro de démarche')),
  /** When the page was seen, Paris time with its offset, to the second. */
  observed_at: timestamp,
  /** `slots`: the page offered a date; `none`: it said nothing is free. */
  outcome: z.enum(['slots', 'none'], { error: 'doit être slots ou none' }),
  /** Day of the first slot offered; empty with `none`. */
  first_date: optional(day),
  /** Day of the second slot shown; empty when the page showed fewer. */
  second_date: optional(day),
  /** « Dernière mise en ligne de rendez-vous : le … », Paris time; empty when the page did not say. */
  last_publication: optional(timestamp),
  /** « Prochaine mise en ligne de nouveaux rendez-vous : le … », Paris time; empty when the page did not say. */
  next_publication: optional(timestamp),
});
export type ObservationBlock = z.infer<typeof observationBlockSchema>;

/** The keys of a block, in the order written. */
const BLOCK_KEYS = [
  'version',
  'demarche',
  'observed_at',
  'outcome',
  'first_date',
  'second_date',
  'last_publication',
  'next_publication',
] as const;

/** Writes a block as text (the same in the issue, the copied text and the bookmarklet's preview). */
export function formatBlock(block: ObservationBlock): string {
  return [BLOCK_BEGIN, ...BLOCK_KEYS.map((key) => `${key}: ${block[key]}`), BLOCK_END].join('\n');
}

/** A block read from text, or why it cannot be read (in French: it is shown to the volunteer). */
export type BlockReading = { ok: true; block: ObservationBlock } | { ok: false; reason: string };

const MAX_BLOCKS = 500;

/**
 * Finds every observation block in a text (an issue body, an e-mail, a
 * file). Text outside the markers is ignored; inside, only the known keys
 * with well-formed values are accepted, anything else refuses the block.
 */
export function readBlocks(text: string): BlockReading[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim());
  const readings: BlockReading[] = [];
  for (let index = 0; index < lines.length && readings.length < MAX_BLOCKS; index += 1) {
    if (lines[index] !== BLOCK_BEGIN) continue;
    const end = lines.indexOf(BLOCK_END, index + 1);
    const nextBegin = lines.indexOf(BLOCK_BEGIN, index + 1);
    if (end === -1 || (nextBegin !== -1 && nextBegin < end)) {
      readings.push({ ok: false, reason: `bloc incomplet : la ligne « ${BLOCK_END} » manque` });
      continue;
    }
    readings.push(readBlockLines(lines.slice(index + 1, end)));
    index = end;
  }
  return readings;
}

function readBlockLines(lines: string[]): BlockReading {
  const fields: Record<string, string> = {};
  for (const line of lines) {
    if (line === '') continue;
    const match = /^([a-z_]{1,30}):(.*)$/.exec(line);
    if (!match) return { ok: false, reason: 'ligne illisible dans le bloc (attendu « clé: valeur »)' };
    const [, key, value] = match as unknown as [string, string, string];
    if (!(BLOCK_KEYS as readonly string[]).includes(key)) return { ok: false, reason: `champ inconnu « ${key} »` };
    if (key in fields) return { ok: false, reason: `champ « ${key} » répété` };
    fields[key] = value.trim();
  }
  const missing = BLOCK_KEYS.filter((key) => !(key in fields));
  if (missing.length > 0) return { ok: false, reason: `champ manquant : ${missing.join(', ')}` };
  const parsed = observationBlockSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `champ « ${issue.path.join('.')} » : ${issue.message}` };
  }
  return { ok: true, block: parsed.data };
}
