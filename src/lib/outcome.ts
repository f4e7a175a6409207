/**
 * What a probe found. Two outcomes are successes: the site answered and said
 * whether it offered a date. Every other code is a failed probe: the robot could
 * not learn the answer, so the probe has no colour and is never counted as "no slot".
 */

/** Outcomes where the booking site gave an answer. */
export const SUCCESS_OUTCOMES = ['slots', 'none'] as const;

/**
 * Failure codes, one per way a probe can fail. Adding one is a minor change of
 * the data contract (see data/README.md); readers must treat an unknown future
 * failure code like any other failure.
 */
export const FAILURE_OUTCOMES = [
  'timeout',
  'network_error',
  'http_error',
  'throttled',
  'blocked',
  'closed',
  'moved',
  'session_lost',
  'captcha',
  'unrecognized',
] as const;

type SuccessOutcome = (typeof SUCCESS_OUTCOMES)[number];
export type FailureOutcome = (typeof FAILURE_OUTCOMES)[number];
export type Outcome = SuccessOutcome | FailureOutcome;

export const OUTCOMES: readonly Outcome[] = [...SUCCESS_OUTCOMES, ...FAILURE_OUTCOMES];

/**
 * A failure code this version does not know, read from data a newer robot
 * wrote. The contract tells readers to treat it as a failure; it is published
 * as written and counted with the failed probes.
 */
export type UnknownFailureCode = string & { readonly unknownFailureCode: true };

/** What the outcome column of a probe read from the data holds. */
export type RecordedOutcome = Outcome | UnknownFailureCode;

/** The shape every outcome code has, known or future: lowercase words joined by underscores. */
const OUTCOME_CODE = /^[a-z][a-z0-9_]{0,39}$/;

export function isOutcome(code: string): code is Outcome {
  return (OUTCOMES as readonly string[]).includes(code);
}

/** True for a known outcome or a well-formed code a newer version may have added. */
export function isOutcomeCode(code: string): code is RecordedOutcome {
  return OUTCOME_CODE.test(code);
}

/** True when the probe failed: every code but `slots` and `none`, including codes this version does not know. */
export function isFailure(outcome: RecordedOutcome): outcome is FailureOutcome | UnknownFailureCode {
  return !(SUCCESS_OUTCOMES as readonly string[]).includes(outcome);
}

/** The French label of an outcome; a code unknown to this version reads as a failure, as the contract asks. */
export function outcomeLabel(outcome: RecordedOutcome): string {
  return isOutcome(outcome)
    ? OUTCOME_LABELS[outcome]
    : `Échec (résultat «\u202f${outcome}\u202f» inconnu de cette version)`;
}

/** French wording of each outcome, for visitors and printed pages. */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  slots: 'Au moins une date proposée',
  none: 'Aucune date disponible',
  timeout: 'Échec : le site n’a pas répondu à temps',
  network_error: 'Échec : erreur réseau',
  http_error: 'Échec : erreur du serveur',
  throttled: 'Échec : site surchargé ou limitant les accès',
  blocked: 'Échec : accès bloqué',
  closed: 'Échec : page fermée ou en maintenance',
  moved: 'Échec : la démarche a changé d’adresse',
  session_lost: 'Échec : session perdue',
  captcha: 'Non sondé : captcha exigé',
  unrecognized: 'Échec : page non reconnue',
};
