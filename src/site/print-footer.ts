/**
 * The line printed at the foot of every page: where the page comes from and
 * when the data were compiled, so that a sheet separated from the others can
 * still be cited. Printed through CSS page-margin boxes.
 */

/** Escapes text for a CSS string literal. */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

/** The `@page` rule that prints `left` and the page number on every sheet. */
export function printFooterCss(left: string): string {
  return `@page { @bottom-left { content: ${cssString(left)}; font: 7pt sans-serif; color: #333; } @bottom-right { content: "page " counter(page) " / " counter(pages); font: 8pt sans-serif; color: #333; } }`;
}
