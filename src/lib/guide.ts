/**
 * The front matter every litigation guide must carry. Guides give legal
 * advice to people who depend on it, so a guide without the date it was last
 * checked or without its sources does not build.
 */
import { z } from 'zod';
import { legalSource, LEGAL_SOURCES } from './legal-sources.ts';

/** A source read in the press, on an association's or a lawyer's site: shown as its label, linked. */
const guideReadingSchema = z.object({
  /** What the source is, in French, e.g. `CE, 10 juin 2020, n° 435594 (commentaire ASH)`. */
  label: z.string().trim().min(1),
  /** Where to read it. */
  url: z.url({ protocol: /^https?$/ }),
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
  title: z.string().trim().min(1),
  /** One or two sentences shown in the list of guides and in link previews. */
  summary: z.string().trim().min(1),
  /** Day the guide was last checked against its sources, shown as « à jour au … ». */
  updated: z.coerce.date().refine((date) => !Number.isNaN(date.getTime()), 'must be a date (YYYY-MM-DD)'),
  /** Position in the list of guides. */
  order: z.number().int().positive(),
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
