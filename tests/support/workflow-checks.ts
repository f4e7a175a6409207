/**
 * Checks of GitHub Actions workflow files that the two validators do not make:
 * actions pinned by full commit SHA (a tag can be moved to other code, a SHA
 * cannot), no `${{ github.event.* }}` text inside a shell script (an issue
 * title or branch name would be pasted into the script and run), and least
 * privilege per job.
 */
import { parse } from 'yaml';

interface Step {
  uses?: string;
  run?: string;
}
interface Job {
  uses?: string;
  permissions?: Record<string, string> | string;
  'timeout-minutes'?: number | string;
  steps?: Step[];
}
interface Workflow {
  permissions?: Record<string, string> | string;
  jobs?: Record<string, Job>;
}

/** `uses:` lines that are not `owner/repo@<40 hex> # vX…` (local `./` actions excepted). */
export function unpinnedActions(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^\s*(-\s+)?uses:/.test(line))
    .map((line) => line.trim().replace(/^-\s+/, ''))
    .filter(
      (line) =>
        !/^uses:\s*\.\//.test(line) && !/^uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\s*$/.test(line),
    );
}

/** `job: script` for each `run:` that contains `${{ github.event.… }}`. */
export function eventTextInScripts(text: string): string[] {
  const workflow = parse(text) as Workflow;
  return Object.entries(workflow.jobs ?? {}).flatMap(([name, job]) =>
    (job.steps ?? [])
      .filter((step) => typeof step.run === 'string' && /\$\{\{[^}]*github\.event\./.test(step.run))
      .map((step) => `${name}: ${step.run}`),
  );
}

/** What breaks the per-job least-privilege rules, one sentence each. */
export function privilegeProblems(text: string): string[] {
  const workflow = parse(text) as Workflow;
  const problems: string[] = [];
  if (JSON.stringify(workflow.permissions) !== '{}')
    problems.push('the workflow must grant nothing by default (permissions: {}) and each job what it needs');
  for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
    if (job.permissions === undefined) problems.push(`${name}: no permissions of its own`);
    if (typeof job.permissions === 'string')
      problems.push(`${name}: permissions: ${job.permissions} is not least privilege`);
    if (job['timeout-minutes'] === undefined && job.uses === undefined) problems.push(`${name}: no timeout-minutes`);
    const pushes = (job.steps ?? []).some((step) => /\bgit push\b/.test(step.run ?? ''));
    if (typeof job.permissions === 'object' && job.permissions.contents === 'write' && !pushes)
      problems.push(`${name}: contents: write without committing anything`);
  }
  return problems;
}
