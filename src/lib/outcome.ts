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

export type SuccessOutcome = (typeof SUCCESS_OUTCOMES)[number];
export type FailureOutcome = (typeof FAILURE_OUTCOMES)[number];
export type Outcome = SuccessOutcome | FailureOutcome;

export const OUTCOMES: readonly Outcome[] = [...SUCCESS_OUTCOMES, ...FAILURE_OUTCOMES];

export function isOutcome(code: string): code is Outcome {
  return (OUTCOMES as readonly string[]).includes(code);
}

export function isFailure(outcome: Outcome): outcome is FailureOutcome {
  return (FAILURE_OUTCOMES as readonly string[]).includes(outcome);
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
