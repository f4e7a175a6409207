/**
 * What an adapter is: given a procedure and a fresh session, behave like a
 * person trying to book on that system and report what the site offered. A
 * successful adapter returns `slots` or `none` with the pages that prove it;
 * every failure is thrown as a ProbeFailure.
 */
import type { Procedure } from '../../lib/registry.ts';
import type { FetchedPage, ProbeSession } from '../http-client.ts';

export interface ProbeContext {
  procedure: Procedure;
  session: ProbeSession;
  /** The instant the probe started: what the site offered is judged from it (past slots are not offers). */
  startedAt: Date;
  /** How many planning weeks the legacy adapter reads at most. */
  maxWeeks: number;
}

export interface AdapterResult {
  outcome: 'slots' | 'none';
  /** Paris day of the first free slot (`slots` only). */
  firstDate: string;
  /** Paris day of the second free slot, or empty when only one was found. */
  secondDate: string;
  detail: string;
  /** The pages that decided the outcome, in the order fetched. */
  evidence: FetchedPage[];
  /** The one whose SHA-256 goes into the probe row. */
  decisive: FetchedPage;
}

export type Adapter = (context: ProbeContext) => Promise<AdapterResult>;
