/**
 * The project's public repository, where volunteers open observation issues
 * and where each observation's issue lives. It comes from the build's
 * configuration only: `REPOSITORY_URL`, or GitHub Actions' own
 * `GITHUB_SERVER_URL` + `GITHUB_REPOSITORY`. When neither is set the site
 * offers only the copy path and links no issue: an address is never guessed.
 */

/** The repository's https address without a trailing slash, or null when the build was not told. */
export function repositoryUrl(environment: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = environment.REPOSITORY_URL?.trim();
  const fromActions = environment.GITHUB_REPOSITORY
    ? `${(environment.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')}/${environment.GITHUB_REPOSITORY}`
    : '';
  const url = explicit || fromActions;
  return /^https:\/\/[a-z0-9.-]+(?::\d+)?\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(url.replace(/\/+$/, ''))
    ? url.replace(/\/+$/, '')
    : null;
}

/** The page of an observation's issue (`issue:{n}`), or null for an operator batch or an unknown repository. */
export function observationIssueUrl(reference: string, repository: string | null): string | null {
  const number = /^issue:(\d+)$/.exec(reference)?.[1];
  return repository && number ? `${repository}/issues/${number}` : null;
}

/** The prefilled issue form for an observation: the address the bookmarklet opens, minus the block. */
export function observationIssueFormUrl(repository: string): string {
  return `${repository}/issues/new?template=observation.yml&title=${encodeURIComponent('Observation RDV-Préfecture')}&observation=`;
}
