/**
 * A probe that could not learn whether a date was offered. Adapters and the
 * HTTP client throw it with the failure code and a short detail; the page that
 * showed the failure, when there was one, is kept as evidence.
 */
import type { FailureOutcome } from '../lib/outcome.ts';
import type { FetchedPage } from './http-client.ts';

export class ProbeFailure extends Error {
  constructor(
    readonly outcome: FailureOutcome,
    readonly detail: string,
    /** The page that shows the failure (error page, unreadable page, redirect): the decisive evidence. */
    readonly page?: FetchedPage,
    /** Earlier pages that explain it (e.g. the calendar before unreadable weeks). */
    readonly context: readonly FetchedPage[] = [],
  ) {
    super(`${outcome}: ${detail}`);
    this.name = 'ProbeFailure';
  }
}
