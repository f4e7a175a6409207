/**
 * The synthesis chart as geometry for a static SVG: one stacked bar per month,
 * the share of each colour among successful probes, computed at build time.
 * The embeddable page draws it without any script, so it shows in any
 * article, without JavaScript and on paper; the numbers are the month
 * table's (colourShare).
 */
import { COLOURS, type Colour } from '../lib/colour.ts';
import { colourShare, type MonthStatistics } from '../lib/month-statistics.ts';

/** One coloured segment of a bar, in chart units (the plot is 100 high). */
interface Segment {
  colour: Colour;
  /** Share among successful probes (0 to 1). */
  share: number;
  /** Top of the segment, 0 at the top of the plot. */
  y: number;
  height: number;
}

/** One month's bar. */
export interface Bar {
  month: string;
  /** Left edge, in bar widths. */
  x: number;
  /** Empty when no probe succeeded that month (nothing to share). */
  segments: Segment[];
}

/** Bars for the months given (oldest first), stacked from vert at the bottom to noir at the top, as the page's chart. */
export function synthesisBars(months: readonly MonthStatistics[]): Bar[] {
  return months.map((statistics, index) => {
    let top = 100;
    const segments: Segment[] = [];
    for (const colour of COLOURS) {
      const share = colourShare(statistics, colour);
      if (share === null || share === 0) continue;
      const height = share * 100;
      top -= height;
      segments.push({ colour, share, y: Math.max(0, top), height });
    }
    return { month: statistics.month!, x: index, segments };
  });
}

/** Rounds chart coordinates so the SVG stays small (0.01 of a percent is below a pixel). */
export const coordinate = (value: number) => Math.round(value * 100) / 100;
