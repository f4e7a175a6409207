/**
 * Signals shared by every booking system: anti-bot challenge pages, closed or
 * maintenance notices, overload notices and captchas. Each is a failure: none
 * of them may ever be read as "no slot". Matching is done on `matchableText`
 * (lower case, no accents, straight apostrophes).
 */
import { matchableText } from './page-text.ts';

/** Challenge pages are recognised by their structure, in their own module. */
export { challengeOf, isChallengePage } from './challenge-page.ts';

/** Notices that the booking page is closed or under maintenance: `closed`. */
const CLOSED_PATTERNS: readonly RegExp[] = [
  /cette page n'est pas disponible pour le moment/,
  /n'est pas disponible pour le moment/,
  /service (est )?(actuellement |momentanement |temporairement )?indisponible/,
  /(site|service|page) (est )?en (cours de )?maintenance/,
  /operation de maintenance/,
  /prise de rendez-vous (est )?(fermee|suspendue|indisponible)/,
];

/**
 * Maintenance notices as public bots met them (« Maintenance en cours »,
 * « … est actuellement en maintenance », « site indisponible »): they close
 * the booking wherever they stand in the page's main text, not only inside
 * the booking module.
 */
const MAINTENANCE_PATTERNS: readonly RegExp[] = [
  /maintenance en cours/,
  /(est )?actuellement en (cours de )?maintenance/,
  /site (est )?(actuellement |momentanement |temporairement )?indisponible/,
];

function firstMatch(patterns: readonly RegExp[], text: string): string | null {
  const matchable = matchableText(text);
  for (const pattern of patterns) {
    const match = pattern.exec(matchable);
    if (match) return match[0];
  }
  return null;
}

/** The closed or maintenance notice of a page's text, or null. */
export function closedNotice(text: string): string | null {
  return firstMatch(CLOSED_PATTERNS, text) ?? firstMatch(MAINTENANCE_PATTERNS, text);
}

/** The maintenance notice of a page's main text (any position), or null. */
export function maintenanceNotice(mainText: string): string | null {
  return firstMatch(MAINTENANCE_PATTERNS, mainText);
}

/** The overload notice ("Service surchargé"): the site asks to come back later, `throttled`. */
export function isOverloadNotice(text: string): boolean {
  return /service surcharge|serveur surcharge|trop de (demandes|connexions)/.test(matchableText(text));
}

/** Markers of a captcha in front of the page: `captcha`. The robot never solves one. */
const CAPTCHA_MARKERS = [
  'g-recaptcha',
  'www.google.com/recaptcha',
  'recaptcha/api',
  'h-captcha',
  'hcaptcha.com',
  'rdv-captchetat',
  'captchaetat',
  'captchafr_captchaimage',
  'botdetect',
  'id="captchaimg"',
  'name="captchacode"',
  'name="captchausercode"',
  // A Turnstile widget inside the site's own form (an interstitial Turnstile page is a challenge).
  'cf-turnstile',
  'challenges.cloudflare.com/turnstile',
];

/** The instruction of RDV-Préfecture's terms page ("veuillez recopier le code de sécurité"), not any mention of a "code de sécurité sociale". */
const CAPTCHA_INSTRUCTION = /(recopier|recopiez|saisir|saisissez|taper|tapez) le code de securite(?! sociale)/;

/** Whether a page asks for a captcha. */
export function hasCaptcha(html: string): boolean {
  const text = matchableText(html);
  return CAPTCHA_MARKERS.some((marker) => text.includes(marker)) || CAPTCHA_INSTRUCTION.test(text);
}
