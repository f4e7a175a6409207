/**
 * The commit of the repository the site was built from, when the build knows
 * it: GitHub Actions sets `GITHUB_SHA`, `GITHUB_SERVER_URL` and
 * `GITHUB_REPOSITORY`. Citations name it so that anyone can check that the
 * published numbers come from the versioned data files. Nothing is guessed: a
 * missing or malformed variable means the commit (or its link) is not shown.
 */
import { repositoryDataUrl } from './paths.ts';

export interface DataCommit {
  /** Full commit hash (40 hexadecimal characters). */
  sha: string;
  /** Link to the data directory at that commit, or null when the repository's address is unknown. */
  dataUrl: string | null;
}

type Environment = Record<string, string | undefined>;

/** The build's commit, read from the environment (process.env by default); null when unknown. */
export function dataCommit(environment: Environment = process.env): DataCommit | null {
  const sha = environment.GITHUB_SHA?.trim().toLowerCase() ?? '';
  if (!/^[0-9a-f]{40}$/.test(sha)) return null;
  const server = environment.GITHUB_SERVER_URL?.trim() ?? '';
  const repository = environment.GITHUB_REPOSITORY?.trim() ?? '';
  const known = /^https?:\/\/[^\s/]+$/.test(server.replace(/\/$/, '')) && /^[\w.-]+\/[\w.-]+$/.test(repository);
  return { sha, dataUrl: known ? repositoryDataUrl(server.replace(/\/$/, ''), repository, sha) : null };
}

/** The short form shown in citations (12 characters, like the data versions). */
export const shortSha = (commit: DataCommit) => commit.sha.slice(0, 12);
