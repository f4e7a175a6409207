/**
 * Failures in French words, for pages and printouts. The robot writes each
 * failure's `detail` in English (the data contract says so, and the data keep
 * it); a visitor, a volunteer and a judge read it here in French. Pure and
 * browser-safe: the raw month table uses it in the browser too.
 */
import { OUTCOME_LABELS, type Outcome } from './outcome.ts';
import { countOf, formatCount } from './format.ts';

/** The short reason of a failure code, from its label: `captcha` → « captcha exigé ». */
export function failureReason(outcome: string): string {
  const label = OUTCOME_LABELS[outcome as Outcome];
  return label ? label.slice(label.indexOf(' : ') + 3) : `échec d’un type inconnu de cette version (${outcome})`;
}

/**
 * What every failure of a period was, the most frequent first: « 2 161
 * sondages, tous en échec : captcha exigé », « 3 sondages, tous en échec :
 * accès bloqué (2), erreur réseau (1) », « 1 sondage, en échec : captcha exigé ».
 */
export function allFailedWords(failures: Partial<Record<string, number>>): string {
  const entries = Object.entries(failures)
    .filter((entry): entry is [string, number] => (entry[1] ?? 0) > 0)
    .sort(([codeA, a], [codeB, b]) => b - a || codeA.localeCompare(codeB));
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  const reasons =
    entries.length === 1
      ? failureReason(entries[0]![0])
      : entries.map(([code, count]) => `${failureReason(code)} (${formatCount(count)})`).join(', ');
  return `${countOf(total, 'sondage')}, ${total > 1 ? 'tous' : ''}${total > 1 ? ' ' : ''}en échec\u00a0: ${reasons}`;
}

const NETWORK_WORDS: Record<string, string> = {
  'connection refused': 'connexion refusée',
  'connection reset by the server': 'connexion interrompue par le serveur',
  'host not found (DNS)': 'serveur introuvable (DNS)',
  'DNS lookup failed': 'échec de la résolution DNS',
  'host unreachable': 'serveur injoignable',
  'network unreachable': 'réseau injoignable',
  'connection closed while sending': 'connexion fermée pendant l’envoi',
  'connection closed before the whole answer arrived (truncated)':
    'connexion fermée avant la fin de la réponse (réponse tronquée)',
  'body length does not match Content-Length (truncated)': 'réponse tronquée (longueur différente de celle annoncée)',
  'connection closed': 'connexion fermée',
  'anti-bot challenge page': 'page de contrôle anti-robot',
  'CaptchEtat captcha required to reach the slots': 'captcha CaptchEtat exigé avant les créneaux',
  'a captcha is asked before the slots': 'captcha demandé avant les créneaux',
  'asked to choose the counter again': 'le site redemande de choisir le guichet',
  'sent back to the conditions after accepting them': 'renvoi aux conditions après leur acceptation',
  'the slot page sent back to the terms and captcha (session expired)':
    'la page des créneaux renvoie aux conditions et au captcha (session expirée)',
  'the flow repeats an intermediate step': 'le parcours repasse par une même étape',
  'the terms page leads back to the landing page': 'la page des conditions ramène à la page d’accueil',
};

/** Patterns of the robot's details with their French rendering; the first that matches is used. */
const DETAIL_PATTERNS: [RegExp, (...groups: string[]) => string][] = [
  [
    /^HTTP (\d{3}), Retry-After (\d+) s is longer than the robot waits$/,
    (status, seconds) => `réponse HTTP ${status}, attente demandée (${seconds} s) plus longue que celle du robot`,
  ],
  [/^HTTP (\d{3}) without a Location$/, (status) => `réponse HTTP ${status} sans adresse de redirection`],
  [
    /^HTTP (\d{3})(?: Forbidden)?(?:[,:] anti-bot challenge page)$/,
    (status) => `réponse HTTP ${status}, page de contrôle anti-robot`,
  ],
  [/^HTTP (\d{3}) Forbidden$/, (status) => `réponse HTTP ${status} (accès interdit)`],
  [
    /^HTTP (\d{3})( \(.*\))?, again after a retry (\d+) s later$/,
    (status, title, seconds) =>
      `réponse HTTP ${status}${title}, de nouveau après une seconde tentative ${seconds} s plus tard`,
  ],
  [/^HTTP (\d{3})( \(.*\))?$/, (status, title) => `réponse HTTP ${status}${title}`],
  [/^HTTP (\d{3})(.*)$/, (status, rest = '') => `réponse HTTP ${status}${rest}`],
  [/^the page says "(.*)"$/, (text) => `la page indique «\u202f${text}\u202f»`],
  [/^more than (\d+) redirects$/, (count) => `plus de ${count} redirections`],
  [/^redirected to another host: (.*)$/, (target) => `redirection vers un autre site\u00a0: ${target}`],
  [/^redirected to an unrelated page: (.*)$/, (target) => `redirection vers une page sans rapport\u00a0: ${target}`],
  [/^redirected to another page: (.*)$/, (target) => `redirection vers une autre page\u00a0: ${target}`],
  [
    /^redirected to an unreadable address: (.*)$/,
    (target) => `redirection vers une adresse illisible\u00a0: ${target}`,
  ],
  [/^redirected to (\S+) address$/, (scheme) => `redirection vers une adresse ${scheme}`],
  [/^TLS error (.*)$/, (code) => `erreur TLS ${code}`],
  [/^no complete answer within ([\d.]+) s$/, (seconds) => `pas de réponse complète en ${seconds.replace('.', ',')} s`],
  [/^the probe took more than (\d+) s in all$/, (seconds) => `le sondage a duré plus de ${seconds} s au total`],
  [/^no result after (\d+) pages$/, (count) => `pas de résultat après ${count} pages`],
  [/^page larger than (\d+) KiB, cut$/, (size) => `page de plus de ${size} Kio, coupée`],
  [/^robot error: (.*)$/, (message) => `erreur interne du robot (${message})`],
];

/**
 * A failure's `detail` in French. Known wordings of the robot are translated;
 * anything else (a page's own words, an older robot's text) is quoted as
 * written, marked as such, so nothing is hidden and nothing is made up.
 * Empty for an empty detail.
 */
export function frenchDetail(detail: string): string {
  const text = detail.trim();
  if (text === '') return '';
  if (NETWORK_WORDS[text]) return NETWORK_WORDS[text];
  for (const [pattern, render] of DETAIL_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return render(...match.slice(1).map((group) => group ?? ''));
  }
  return `texte d’origine\u00a0: «\u202f${text}\u202f»`;
}
