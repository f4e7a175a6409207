/**
 * Whether the site is built from the demonstration's simulated data (`npm
 * start` sets DEMO=1): every page then says so, on screen and on every printed
 * sheet, so that no screenshot or printout can pass for a real measurement.
 */

/** The banner text, the same on screen and in print. */
export const DEMONSTRATION_BANNER = 'Données simulées — démonstration';

/** True when the build is the demonstration's (environment DEMO=1 at build time). */
export function isDemonstration(environment: NodeJS.ProcessEnv = process.env): boolean {
  return environment.DEMO === '1';
}

/** The printed head margin: the banner first when this is the demonstration. */
export function demonstrationEdition(edition: string, demonstration: boolean): string {
  return demonstration ? `${DEMONSTRATION_BANNER.toUpperCase()} · ${edition}` : edition;
}
