import type { Dataset } from '../lib/dataset.ts';
export async function writeDownloads(_dataset: Dataset, _outDir: string): Promise<void> {}
