/**
 * Child process: the project's full computation of every month statistic
 * (loadDataset: read, validate, classify, count), timed, with the process's
 * peak memory. Usage: tsx src/bench/statistics-ours.ts DATA_DIR OUTPUT.json
 */
import { writeFileSync } from 'node:fs';
import { loadDataset } from '../lib/dataset.ts';
import { figuresOf, type EngineRun, type MonthFigures } from './month-figures.ts';

const [dataDir, output] = process.argv.slice(2) as [string, string];
const started = performance.now();
const dataset = loadDataset(dataDir);
const seconds = (performance.now() - started) / 1000;
const figures: Record<string, MonthFigures> = {};
for (const { procedure, months } of dataset.procedures) {
  for (const statistics of months)
    figures[`${procedure.department}/${procedure.slug}/${statistics.month}`] = figuresOf(statistics);
}
const run: EngineRun = {
  seconds,
  peakMb: process.resourceUsage().maxRSS / 1024,
  figures,
  note: 'loadDataset, one thread',
};
writeFileSync(output, JSON.stringify(run));
