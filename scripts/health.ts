// Reports which procedures need attention after a round (see src/pipeline/health-report.ts).
import { dataDirectory } from '../src/lib/data-directory.ts';
import { healthLines, healthMarkdown, publishHealthReport } from '../src/pipeline/health-report.ts';

const lines = healthLines(dataDirectory(), new Date());
console.log(healthMarkdown(lines));
await publishHealthReport(lines, process.env.GITHUB_TOKEN);
