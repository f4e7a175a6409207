/**
 * What every printed sheet carries in its margins: where the page comes from
 * and when the data were compiled, so that a sheet separated from the others
 * can still be cited. Printed through CSS page-margin boxes: the permalink
 * (and the period shown) at the foot, the compile date and data version at
 * the head, the page number at the bottom right; split in two so that long
 * addresses do not wrap into the page number.
 */

/** Escapes text for a CSS string literal. */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

export interface PrintMargins {
  /** Permalink, and the period shown when there is one. */
  source: string;
  /** Compile date and data version. */
  edition: string;
}

/** The `@page` rule that prints the margins on every sheet. */
export function printMarginsCss({ source, edition }: PrintMargins): string {
  const box = 'font: 7.5pt sans-serif; color: #333;';
  return `@page { @top-right { content: ${cssString(edition)}; ${box} } @bottom-left { content: ${cssString(source)}; ${box} } @bottom-right { content: "page " counter(page) " / " counter(pages); ${box} } }`;
}
