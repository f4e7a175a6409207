/**
 * The five colours of La Cimade's scale, derived from a successful probe.
 * This module is the only place the rule lives: the site, the downloads, the
 * letters and the robot's summary all call `colourOf`.
 */
import { addMonthsClamped } from './calendar.ts';

export const COLOURS = ['vert', 'jaune', 'orange', 'rouge', 'noir'] as const;
export type Colour = (typeof COLOURS)[number];

/** What the classification needs to know of a probe. */
export interface ClassifiableProbe {
  /** Local Paris day of the probe, `YYYY-MM-DD`. */
  day: string;
  outcome: string;
  /** First free slot's day, `YYYY-MM-DD`, or empty. */
  firstDate: string;
  /** Second free slot's day, `YYYY-MM-DD`, or empty. */
  secondDate: string;
}

/**
 * The colour of a probe, or null for a failed probe (it has no colour: the site
 * did not tell us whether a date was offered).
 *
 * "Within one month" of day p means on or before the same day of the next
 * calendar month, clamped to that month's end; "within two months" likewise.
 * A date before the probe day is invalid input and throws.
 */
export function colourOf(probe: ClassifiableProbe): Colour | null {
  if (probe.outcome === 'none') return 'noir';
  if (probe.outcome !== 'slots') return null;
  if (!probe.firstDate) throw new RangeError('a probe with slots needs its first date');
  for (const date of [probe.firstDate, probe.secondDate]) {
    if (date && date < probe.day) throw new RangeError(`date ${date} is before the probe day ${probe.day}`);
  }
  const oneMonth = addMonthsClamped(probe.day, 1);
  if (probe.firstDate <= oneMonth) {
    return probe.secondDate && probe.secondDate <= oneMonth ? 'vert' : 'jaune';
  }
  return probe.firstDate <= addMonthsClamped(probe.day, 2) ? 'orange' : 'rouge';
}

/** How a colour is presented: its name, its exact definition and its swatch. */
export interface ColourStyle {
  /** French name shown in tables and legends. */
  label: string;
  /** The rule, in the words of the legend. */
  definition: string;
  /** Fill colour, chosen with the pattern so that noir and rouge differ in greyscale. */
  fill: string;
  /** Text colour readable on the fill (WCAG AA). */
  ink: string;
}

export const COLOUR_STYLES: Record<Colour, ColourStyle> = {
  vert: {
    label: 'Vert',
    definition: 'au moins deux dates proposées dans le mois qui suit le sondage',
    fill: '#1a7f37',
    ink: '#ffffff',
  },
  jaune: {
    label: 'Jaune',
    definition: 'une seule date proposée dans le mois qui suit le sondage',
    fill: '#f2c744',
    ink: '#1b1b1b',
  },
  orange: {
    label: 'Orange',
    definition: 'première date proposée entre un et deux mois après le sondage',
    fill: '#e07b24',
    ink: '#1b1b1b',
  },
  rouge: {
    label: 'Rouge',
    definition: 'première date proposée plus de deux mois après le sondage',
    fill: '#c0392b',
    ink: '#ffffff',
  },
  noir: {
    label: 'Noir',
    definition: 'aucune date proposée : le site indique qu’il n’y a pas de créneau libre',
    fill: '#1b1b1b',
    ink: '#ffffff',
  },
};
