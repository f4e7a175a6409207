/**
 * Which raw-data month pages carry their table in the HTML, and which build it
 * in the browser from the month's `.csv.gz`.
 *
 * Budget (GitHub Pages publishes at most 1 GB; the target is 300 procedures ×
 * 10 years = 36,000 procedure-months; sizes measured by `npm run bench:build`
 * on hourly synthetic data). A prerendered month page is ~35 kB of HTML, an
 * older month's page (the same shell without rows) ~6.5 kB. Prerendering every
 * month would take 36,000 × 35 kB ≈ 1.25 GB of HTML on its own. With a window
 * of 24 months: 300 × 24 × 35 kB ≈ 250 MB of prerendered months plus
 * 300 × 96 × 6.5 kB ≈ 190 MB of older pages, ≈ 440 MB in all. Each month more
 * in the window costs 300 × 28.5 kB ≈ 8.5 MB. The month CSVs are published for
 * every month either way and counted apart (DEVELOPERS.md, "Raw months").
 *
 * Recent months are the ones filed in court (the headline figure and the
 * letters use the last three complete months), so they keep a table that
 * reads and prints without JavaScript; older months keep the same permanent
 * URL and print the same once their rows are drawn.
 */
import { addMonths, parisClock } from '../lib/calendar.ts';

/** How many months, the compile month included, keep a prerendered table. */
export const PRERENDERED_MONTHS = 24;

/**
 * True when the month page of `month` (`YYYY-MM`) carries its rows in the HTML:
 * the month is one of the PRERENDERED_MONTHS months that end with the month of
 * the compile date on the Paris clock (or later). Without a compile date
 * there is no month to publish, and every month counts as recent.
 */
export function isPrerendered(month: string, compiledAt: number | null): boolean {
  if (compiledAt === null) return true;
  const current = parisClock(new Date(compiledAt)).day.slice(0, 7);
  return month >= addMonths(current, -(PRERENDERED_MONTHS - 1));
}
