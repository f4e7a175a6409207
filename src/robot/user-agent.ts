/**
 * The robot introduces itself: a User-Agent naming the project and a URL
 * where a site's operator can learn what it does and reach the maintainers.
 */

const PROJECT_VERSION = '0.1';

/**
 * `GuichetsFermes/0.1 (+URL; hourly probe of appointment availability, never books)`,
 * or $PROBE_USER_AGENT. The contact URL comes from --contact or
 * $PROBE_CONTACT_URL (the workflow sets the repository's address); without
 * one the robot names itself only, rather than point to an address that is
 * not the deployment's.
 */
export function userAgent(environment: NodeJS.ProcessEnv = process.env, contactUrl?: string): string {
  if (environment.PROBE_USER_AGENT) return environment.PROBE_USER_AGENT;
  const contact = contactUrl || environment.PROBE_CONTACT_URL;
  return `GuichetsFermes/${PROJECT_VERSION} (${contact ? `+${contact}; ` : ''}hourly probe of appointment availability, never books)`;
}
