// Reports which procedures need attention after a round (see src/pipeline/health-report.ts).
// EVIDENCE_URL (the round's evidence artifact) or RUN_URL is linked from adapter alarms.
import { dataDirectory } from '../src/lib/data-directory.ts';
import { healthLines, healthMarkdown, publishHealthReport, robotHealth } from '../src/pipeline/health-report.ts';

const now = new Date();
const lines = healthLines(dataDirectory(), now);
const context = { evidenceUrl: process.env.EVIDENCE_URL || process.env.RUN_URL || undefined };
console.log(healthMarkdown(lines, robotHealth(lines, now), context));
await publishHealthReport(lines, process.env.GITHUB_TOKEN, now, context);
