/**
 * One probe: run the adapter of the procedure's system and turn whatever
 * happened into a probe row. This is the last line of defence of the rule that
 * a failure is never recorded as `none`: only an adapter's explicit `none`
 * gives `none`; a thrown failure keeps its code; anything else (a robot bug)
 * becomes `unrecognized`; and the row must pass the foundation's validation,
 * or it is recorded as `unrecognized` too.
 */
import { formatParisTimestamp } from '../lib/calendar.ts';
import type { Outcome } from '../lib/outcome.ts';
import { EVIDENCE_COLUMN, validateProbe, type ProbeRow } from '../lib/probe.ts';
import type { Procedure } from '../lib/registry.ts';
import { ADAPTERS } from './adapters/index.ts';
import type { FetchedPage, HttpClient, TraceEntry } from './http-client.ts';
import { shortDetail } from './page-text.ts';
import { ProbeFailure } from './probe-failure.ts';

/** Planning weeks read at most (half a year), as the issue asks. */
export const DEFAULT_MAX_WEEKS = 26;

export interface ProbeResult {
  procedure: Procedure;
  /** The instant the probe started, to the second: what identifies it. */
  startedAt: Date;
  row: ProbeRow & {
    outcome: Outcome;
    first_date: string;
    second_date: string;
    detail: string;
    extra: Record<string, string>;
  };
  /** Pages kept as evidence, in the order fetched. */
  evidence: FetchedPage[];
  /** The page whose SHA-256 is in the row, or null when no page was received. */
  decisive: FetchedPage | null;
  trace: TraceEntry[];
}

/** Runs one probe. Never throws for anything a site can do. */
export async function runProbe(
  procedure: Procedure,
  client: HttpClient,
  startedAt: Date,
  maxWeeks = DEFAULT_MAX_WEEKS,
): Promise<ProbeResult> {
  const session = client.session();
  let outcome: Outcome;
  let firstDate = '';
  let secondDate = '';
  let detail: string;
  let evidence: FetchedPage[] = [];
  let decisive: FetchedPage | null = null;
  try {
    const result = await ADAPTERS[procedure.system]({ procedure, session, startedAt, maxWeeks });
    ({ outcome, firstDate, secondDate, detail, evidence, decisive } = result);
  } catch (error) {
    if (error instanceof ProbeFailure) {
      outcome = error.outcome;
      detail = error.detail;
      decisive = error.page ?? null;
      evidence = [...error.context, ...(error.page ? [error.page] : [])];
    } else {
      outcome = 'unrecognized';
      detail = `robot error: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const row = {
    probed_at: formatParisTimestamp(startedAt),
    outcome,
    first_date: outcome === 'slots' ? firstDate : '',
    second_date: outcome === 'slots' ? secondDate : '',
    detail: shortDetail(detail),
    extra: { [EVIDENCE_COLUMN]: decisive?.sha256 ?? '' },
  };
  const checked = validateProbe(row);
  if (typeof checked === 'string') {
    Object.assign(row, {
      outcome: 'unrecognized',
      first_date: '',
      second_date: '',
      detail: shortDetail(`invalid result (${checked}): ${row.detail}`),
    });
  }
  return { procedure, startedAt, row, evidence, decisive, trace: session.trace };
}

/** The start of a probe, to the whole second as recorded in probed_at. */
export function wholeSecond(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000);
}
