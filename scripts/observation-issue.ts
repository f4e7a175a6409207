// The observation workflow's steps: `record DECISION_FILE`, then `answer DECISION_FILE` (see src/pipeline/issue-observation.ts).
import { dataDirectory } from '../src/lib/data-directory.ts';
import { runIssueStep } from '../src/pipeline/issue-observation.ts';

process.exitCode = await runIssueStep(process.argv.slice(2), process.env, dataDirectory());
