// npm run bench:validation -- [procedures] [months]: CPU time to read and validate ~525,000 synthetic probes (src/bench/validation-timing.ts).
import { timeValidation } from '../src/bench/validation-timing.ts';

const [procedures = 70, months = 12] = process.argv.slice(2).map(Number);
const { probes, files, csvMs, monthFileMs, checkedMs } = timeValidation(procedures, months);
console.log(
  `${probes.toLocaleString('en')} probes in ${files} month files, median CPU time of a pass: ` +
    `parseMonthFile ${monthFileMs.toFixed(0)} ms (the quick path); the reference path, checkedMonthFile, ` +
    `${checkedMs.toFixed(0)} ms (parseCsv alone ${csvMs.toFixed(0)} ms)`,
);
