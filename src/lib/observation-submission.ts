/**
 * Accepting or refusing one volunteer's observation, with the exact reason:
 * the rules that depend on the clock, the registry, the rows already stored
 * and the sender's recent reports. The same rules serve the issue workflow
 * and the operator's `npm run observe`.
 */
import { formatParisTimestamp } from './calendar.ts';
import {
  checkObservation,
  refuse,
  sameReport,
  type Observation,
  type ObservationRow,
  type Refusal,
} from './observation.ts';
import type { ObservationBlock } from './observation-block.ts';
import { demarcheIdOf } from './rdv-slot-state.ts';
import type { Procedure } from './registry.ts';

/** An observation may be reported at most this long after it was made. */
export const MAX_AGE_MS = 48 * 3_600_000;
/** Clocks of volunteers' computers drift: this much "future" is tolerated. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** At most this many observations per account within an hour. */
export const MAX_PER_ACCOUNT_PER_HOUR = 3;

/** The registry procedure of an RDV-Préfecture démarche id, or null. The active one wins when several share it. */
export function procedureOfDemarche<P extends Pick<Procedure, 'system' | 'url' | 'until'>>(
  procedures: readonly P[],
  demarche: string,
): P | null {
  const matching = procedures.filter(
    (procedure) => procedure.system === 'rdv-prefecture' && demarcheIdOf(safePathname(procedure.url)) === demarche,
  );
  return matching.find((procedure) => procedure.until === '') ?? matching[0] ?? null;
}

function safePathname(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

export interface SubmissionContext<P extends Pick<Procedure, 'system' | 'url' | 'until'>> {
  procedures: readonly P[];
  /** The clock of the ingestion. */
  now: Date;
  /** `issue:{n}` or `batch:{name}`. */
  reference: string;
  /** Observations already stored for the procedure (the caller reads its month files). */
  stored: (procedure: P) => readonly ObservationRow[];
  /**
   * How many other reports the same sender made in the hour before this one
   * (the workflow counts the author's observation issues, the operator's
   * command the earlier blocks of the same sender).
   */
  accountReportsInLastHour: number;
}

export type Submission<P> =
  { ok: true; procedure: P; row: ObservationRow; observation: Observation } | { ok: false; refusal: Refusal };

/** Applies every rule to a block; the first one broken gives the refusal. */
export function judgeSubmission<P extends Pick<Procedure, 'system' | 'url' | 'until'>>(
  block: ObservationBlock,
  context: SubmissionContext<P>,
): Submission<P> {
  const procedure = procedureOfDemarche(context.procedures, block.demarche);
  if (!procedure)
    return {
      ok: false,
      refusal: refuse(
        'unknown_demarche',
        `la démarche RDV-Préfecture n° ${block.demarche} ne correspond à aucune démarche suivie par Guichets fermés`,
      ),
    };
  const row: ObservationRow = {
    observed_at: block.observed_at,
    outcome: block.outcome,
    first_date: block.first_date,
    second_date: block.second_date,
    last_publication: block.last_publication,
    next_publication: block.next_publication,
    source: 'volunteer',
    reference: context.reference,
  };
  const observation = checkObservation(row);
  if ('code' in observation) return { ok: false, refusal: observation };
  const now = context.now.getTime();
  if (observation.instant > now + CLOCK_SKEW_MS) {
    return {
      ok: false,
      refusal: refuse(
        'future',
        `l’heure de l’observation (${block.observed_at}) est dans le futur (il est ${formatParisTimestamp(context.now)})`,
      ),
    };
  }
  if (observation.instant < now - MAX_AGE_MS) {
    return {
      ok: false,
      refusal: refuse(
        'too_old',
        `l’observation date de plus de 48 heures (${block.observed_at}) : seules les observations récentes sont acceptées`,
      ),
    };
  }
  if (context.stored(procedure).some((other) => sameReport(other, row))) {
    return {
      ok: false,
      refusal: refuse('duplicate', 'cette observation est déjà enregistrée (même démarche, même minute, même contenu)'),
    };
  }
  if (context.accountReportsInLastHour >= MAX_PER_ACCOUNT_PER_HOUR) {
    return {
      ok: false,
      refusal: refuse(
        'rate_limited',
        `au plus ${MAX_PER_ACCOUNT_PER_HOUR} observations par heure depuis un même compte : réessayez plus tard`,
      ),
    };
  }
  return { ok: true, procedure, row, observation };
}
