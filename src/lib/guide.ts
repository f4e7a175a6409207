/**
 * The front matter every litigation guide must carry. Guides give legal
 * advice to people who depend on it, so a guide without the date it was last
 * checked or without its sources does not build.
 */
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { DataError, issueReason } from './data-error.ts';
import { legalSource, LEGAL_SOURCES } from './legal-sources.ts';

/** A source read in the press, on an association's or a lawyer's site: shown as its label, linked. */
const guideReadingSchema = z.object({
  /** What the source is, in French, e.g. `CE, 10 juin 2020, n° 435594 (commentaire ASH)`. */
  label: z.string().trim().min(1, 'must not be empty'),
  /** Where to read it. */
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
});

/** A decision or text of src/lib/legal-sources.ts, by identifier: shown with its official reference and links. */
const guideLegalSourceSchema = z.object({
  /** Identifier of the legal source, e.g. `ce-2020-435594`. */
  legal: z.string().refine((id) => legalSource(id) !== undefined, {
    error: (issue) =>
      `unknown legal source "${String(issue.input)}" (known: ${LEGAL_SOURCES.map((source) => source.id).join(', ')})`,
  }),
});

export const guideSourceSchema = z.union([guideLegalSourceSchema, guideReadingSchema]);

export const guideSchema = z.object({
  /** French title of the guide. */
  title: z.string().trim().min(1, 'must not be empty'),
  /** One or two sentences shown in the list of guides and in link previews. */
  summary: z.string().trim().min(1, 'must not be empty'),
  /** Day the guide was last checked against its sources, shown as « à jour au … ». */
  updated: z.coerce.date({ error: 'must be a date written YYYY-MM-DD' }),
  /** Position in the list of guides. */
  order: z.number({ error: 'must be a number' }).int().positive('must be a whole number from 1 up'),
  /** The sources of every legal fact in the guide, decisions and texts cited first; at least one. */
  sources: z.array(guideSourceSchema).min(1, 'a guide needs at least one source'),
});

/** One line of a guide's list of sources: a title, what it says (for a decision or text), and where to read it. */
export interface SourceLine {
  title: string;
  subject: string | null;
  links: { label: string; url: string }[];
}

/** The lines of a guide's source list: decisions and texts with their official reference, readings as given. */
export function sourceLines(sources: readonly z.infer<typeof guideSourceSchema>[]): SourceLine[] {
  return sources.map((source) => {
    if (!('legal' in source))
      return { title: source.label, subject: null, links: [{ label: source.label, url: source.url }] };
    const legal = legalSource(source.legal)!;
    return { title: legal.reference, subject: legal.subject, links: legal.links };
  });
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

/**
 * Checks a guide's MDX text before Astro reads it, so that a mistake in its
 * front matter stops the build in the words of every other input:
 * `file:line: field "value": reason`, on the line of the faulty field (or of
 * the nearest field above it, or the opening `---` when a field is missing).
 */
export function checkGuideText(text: string, file: string): void {
  const frontMatter = FRONT_MATTER.exec(text)?.[1];
  if (frontMatter === undefined)
    throw new DataError(file, 1, 'no front matter: a guide starts with --- and its fields');
  const lines = new LineCounter();
  const document = parseDocument(frontMatter, { lineCounter: lines });
  // The front matter starts on the file's second line.
  const lineOf = (offset: number) => lines.linePos(offset).line + 1;
  const [error] = document.errors;
  if (error)
    throw new DataError(
      file,
      lineOf(error.pos[0]),
      `front matter: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
    );
  const data: unknown = document.toJS();
  const result = guideSchema.safeParse(data);
  if (result.success) return;
  const path = result.error.issues[0]!.path;
  for (let depth = path.length; depth > 0; depth -= 1) {
    const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) throw new DataError(file, lineOf(node.range[0]), issueReason(result.error, data));
  }
  throw new DataError(file, 1, issueReason(result.error, data));
}
