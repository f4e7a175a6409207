// npm run bench -- [--scale small|medium|full] [--skip build,robot] [--results bench/RESULTS.md]; logic in src/bench/.
import { parseArgs } from 'node:util';
import { failures, runBenchmark, type Part } from '../src/bench/run.ts';
import { writeResults } from '../src/bench/results.ts';
import { SCALES } from '../src/bench/scales.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    skip: { type: 'string', default: '' },
    results: { type: 'string', default: 'bench/RESULTS.md' },
  },
});
const scale = SCALES[values.scale];
if (!scale) throw new Error(`unknown scale ${values.scale} (small, medium or full)`);
const report = await runBenchmark(scale, { skip: values.skip.split(',').filter(Boolean) as Part[] });
writeResults(values.results, report);
console.log(`figures written to ${values.results}`);
const reasons = failures(report);
for (const reason of reasons) console.error(reason);
process.exitCode = reasons.length === 0 ? 0 : 1;
