/**
 * A writer process for the store's fault tests: appends COUNT probes to one
 * month file, STEP seconds apart from START, as fast as it can.
 *
 *     node --import tsx append-loop.ts DATA_DIR DEP SLUG START_ISO COUNT STEP_SECONDS
 */
import { formatParisTimestamp } from '../../../src/lib/calendar.ts';
import { appendProbe } from '../../../src/robot/month-file-store.ts';

const [dataDir, department, slug, start, count, step] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
for (let index = 0; index < Number(count); index += 1) {
  const instant = new Date(Date.parse(start) + index * Number(step) * 1000);
  await appendProbe(dataDir, department, slug, {
    probed_at: formatParisTimestamp(instant),
    outcome: 'none',
    detail: `row ${index} ${'x'.repeat(180)}`,
    extra: { evidence_sha256: 'a'.repeat(64) },
  });
  process.stdout.write(`${index}\n`);
}
