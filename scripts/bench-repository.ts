// npm run bench:repository -- [PROCEDURES MONTHS ROUNDS]: the repository's growth from data/, measured on synthetic data.
import os from 'node:os';
import path from 'node:path';
import { formatGrowth, measureRepositoryGrowth, projectTenYears } from '../src/bench/repository-growth.ts';
import { LAST_MONTH } from '../src/bench/scales.ts';

const [procedures = 300, months = 12, rounds = 168] = process.argv.slice(2).map(Number);
const figures = measureRepositoryGrowth(
  { procedures, months, rounds, lastMonth: LAST_MONTH },
  path.join(os.tmpdir(), `gf-repository-growth-${process.pid}`),
);
console.log(formatGrowth(figures, projectTenYears(figures, 300)));
