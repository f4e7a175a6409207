/**
 * The front matter every litigation guide must carry. Guides give legal
 * advice to people who depend on it, so a guide without the date it was last
 * checked or without its sources does not build.
 */
import { z } from 'zod';

export const guideSourceSchema = z.object({
  /** What the source is, in French, e.g. `CE, 10 juin 2020, n° 435594 (commentaire ASH)`. */
  label: z.string().trim().min(1),
  /** Where to read it. */
  url: z.url({ protocol: /^https?$/ }),
});

export const guideSchema = z.object({
  /** French title of the guide. */
  title: z.string().trim().min(1),
  /** One or two sentences shown in the list of guides and in link previews. */
  summary: z.string().trim().min(1),
  /** Day the guide was last checked against its sources, shown as « à jour au … ». */
  updated: z.coerce.date().refine((date) => !Number.isNaN(date.getTime()), 'must be a date (YYYY-MM-DD)'),
  /** Position in the list of guides. */
  order: z.number().int().positive(),
  /** The sources of every legal fact in the guide; at least one. */
  sources: z.array(guideSourceSchema).min(1, 'a guide needs at least one source'),
});

export type Guide = z.infer<typeof guideSchema>;
