// Times the full site build on synthetic data: npm run bench:build -- [procedures] [months]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchmarkBuild } from '../src/bench/build-benchmark.ts';

const [procedures = '30', months = '12'] = process.argv.slice(2);
await benchmarkBuild(mkdtempSync(path.join(tmpdir(), 'guichets-bench-')), Number(procedures), Number(months));
