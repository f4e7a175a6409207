/**
 * The robot introduces itself: a User-Agent naming the project and a URL
 * where a site's operator can learn what it does and reach the maintainers.
 */

/** Where the project explains the robot; replace with $PROBE_CONTACT_URL or --contact in a deployment. */
export const DEFAULT_CONTACT_URL = 'https://github.com/guichets-fermes/guichets-fermes#robot';

export const PROJECT_VERSION = '0.1';

/** `GuichetsFermes/0.1 (+URL; hourly probe of appointment availability, no booking)`, or $PROBE_USER_AGENT. */
export function userAgent(environment: NodeJS.ProcessEnv = process.env, contactUrl?: string): string {
  if (environment.PROBE_USER_AGENT) return environment.PROBE_USER_AGENT;
  const contact = contactUrl || environment.PROBE_CONTACT_URL || DEFAULT_CONTACT_URL;
  return `GuichetsFermes/${PROJECT_VERSION} (+${contact}; hourly probe of appointment availability, never books)`;
}
