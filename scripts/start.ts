/**
 * `npm start`: the robot on a simulated half-year, the site built from it and
 * served on localhost (see src/pipeline/demonstration.ts). Options:
 * --days N (default 183), --http-days N (last days through the real robot,
 * default 7), --dir DIR (default .demo), --port N (default 4321, any free one
 * when taken), --seed N, --fresh (start again from nothing).
 */
import { parseArgs } from 'node:util';
import { startDemonstration } from '../src/pipeline/demonstration.ts';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '183' },
    'http-days': { type: 'string', default: '7' },
    dir: { type: 'string', default: '.demo' },
    port: { type: 'string', default: '4321' },
    seed: { type: 'string', default: '1' },
    fresh: { type: 'boolean', default: false },
  },
});
const number = (name: keyof typeof values) => {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} ${values[name]}: expected a whole number`);
  return value;
};
const server = await startDemonstration({
  directory: values.dir,
  days: Math.max(1, number('days')),
  httpDays: number('http-days'),
  seed: number('seed'),
  port: number('port'),
  fresh: values.fresh,
  root: process.cwd(),
  interactive: Boolean(process.stdout.isTTY),
  log: (line) => console.log(line),
});
console.log('Ctrl+C stops the server.');
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void server.close().then(() => process.exit(0)));
