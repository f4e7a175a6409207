/**
 * French spacing applied to a whole HTML page, text only: tags, attribute
 * values, scripts, styles and code are left as written. The site's
 * middleware runs every page through it, so that no template has to place
 * its no-break spaces by hand (src/lib/french-typography.ts has the rules).
 */
import { frenchSpacing } from '../lib/french-typography.ts';

/**
 * What is not running text: elements whose content is code or data, comments,
 * and tags. The days of a raw-data month table (`<tbody data-day=…>`, made by
 * rawMonthRows) are left as made too: that function already sets their text
 * in French, since it also draws them in the browser where no middleware
 * runs, and a month page holds hundreds of rows: skipping them is most of
 * this pass's work on such a page.
 */
const NOT_TEXT =
  /(<(script|style|textarea|pre|code)\b[\s\S]*?<\/\2>|<tbody data-day=[\s\S]*?<\/tbody>|<!--[\s\S]*?-->|<[^>]*>)/i;

/** The page with French spacing in its text. */
export function frenchHtml(html: string): string {
  const parts = html.split(new RegExp(NOT_TEXT.source, 'gi'));
  // split() with two groups yields text, whole match, inner tag name, text, …
  let result = '';
  for (let index = 0; index < parts.length; index += 3) {
    result += frenchSpacing(parts[index] ?? '');
    if (index + 1 < parts.length) result += parts[index + 1] ?? '';
  }
  return result;
}
