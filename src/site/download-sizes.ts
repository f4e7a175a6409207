/**
 * The sizes of the whole-country downloads, for the data page. `npm run build`
 * writes the downloads before Astro renders the pages and hands their sizes
 * over through a global slot (as it does the dataset); a bare `astro build`
 * or `astro dev` has no files yet, and the page then shows no size.
 */
import type { DownloadSizes } from './downloads.ts';

const SLOT = Symbol.for('guichets-fermes.download-sizes');

type SizesHolder = { [SLOT]?: DownloadSizes };

/** Makes the sizes of the written downloads available to the pages about to be built. */
export function provideDownloadSizes(sizes: DownloadSizes): void {
  (globalThis as SizesHolder)[SLOT] = sizes;
}

/** The size in bytes of the download at `sitePath`, or undefined when it is not written yet. */
export function downloadSize(sitePath: string): number | undefined {
  return (globalThis as SizesHolder)[SLOT]?.[sitePath];
}
