/**
 * Anti-bot challenge pages, recognised by what makes a page a challenge, not
 * by any mention of a vendor. Anti-bot services add their scripts to the pages
 * they serve normally too (Cloudflare appends a loader,
 * `/cdn-cgi/challenge-platform/scripts/jsd/main.js`, in a hidden iframe; shops
 * load DataDome's or Akamai's tags everywhere): such a page is read as the page
 * it is. A page is a challenge when it is an interstitial, i.e. it carries
 * none of the site's own content, AND it shows a challenge: an interstitial
 * title, a challenge form or widget, or the wording of a check, a block or a
 * queue. The whole page is read: real challenge pages carry hundreds of
 * kilobytes of inline style before their markers.
 */
import * as cheerio from 'cheerio';
import { matchableText } from './page-text.ts';

/** A recognised challenge: who serves it and what gave it away, for the detail. */
export interface Challenge {
  vendor: string;
  sign: string;
}

/** A sign of a challenge, in matchable text (lower case, no accents, straight apostrophes). */
interface Sign {
  vendor: string;
  pattern: RegExp;
}

/** Titles of interstitial pages (the whole title, or its start). */
const TITLES: readonly Sign[] = [
  { vendor: 'Cloudflare', pattern: /^just a moment/ },
  { vendor: 'Cloudflare', pattern: /^un instant/ },
  { vendor: 'Cloudflare', pattern: /^attention required! \| cloudflare/ },
  { vendor: 'Cloudflare', pattern: /^access denied \| .* used cloudflare/ },
  { vendor: 'anti-bot check', pattern: /^(verification|verification de securite) en cours/ },
  {
    vendor: 'anti-bot check',
    pattern: /^(checking your browser|security check|verifying you are human|please wait\.\.\.)/,
  },
  { vendor: 'Imperva', pattern: /^pardon our interruption/ },
  { vendor: 'Akamai', pattern: /^access denied$/ },
  { vendor: 'queue', pattern: /queue-it|file d'attente|waiting room|salle d'attente/ },
];

/** Visible wording of a check, a block or a queue. */
const WORDINGS: readonly Sign[] = [
  { vendor: 'Cloudflare', pattern: /checking (your browser|if the site connection is secure)/ },
  { vendor: 'Cloudflare', pattern: /needs to review the security of your connection/ },
  { vendor: 'Cloudflare', pattern: /doit verifier la securite de votre connexion/ },
  { vendor: 'Cloudflare', pattern: /sorry, you have been blocked/ },
  { vendor: 'Cloudflare', pattern: /desole, vous avez ete bloque/ },
  { vendor: 'anti-bot check', pattern: /verif(y|ying) you are (a )?human/ },
  { vendor: 'anti-bot check', pattern: /verification (que vous etes un humain|de securite en cours|en cours)/ },
  { vendor: 'anti-bot check', pattern: /(enable|activez) (javascript|le javascript) and cookies to continue/ },
  { vendor: 'Imperva', pattern: /request unsuccessful\. incapsula incident id/ },
  { vendor: 'Imperva', pattern: /pardon our interruption/ },
  { vendor: 'Akamai', pattern: /you don't have permission to access .* on this server/ },
  {
    vendor: 'queue',
    pattern:
      /you are (now )?in (the )?(line|queue)|vous etes (actuellement )?dans (la )?file d'attente|votre place dans la file d'attente/,
  },
];

/** Markup only interstitials carry (raw HTML, lower case): the challenge itself, not a loader added to ordinary pages. */
const MARKUP: readonly Sign[] = [
  {
    vendor: 'Cloudflare',
    pattern:
      /window\._cf_chl_opt|\/cdn-cgi\/challenge-platform\/h\/[a-z]\/orchestrate\/|id="challenge-form"|__cf_chl_(f_)?tk=|id="cf-challenge-running"/,
  },
  { vendor: 'Cloudflare', pattern: /\/cdn-cgi\/bm\/cv\// },
  { vendor: 'Cloudflare', pattern: /id="cf-error-details"|class="cf-error-/ },
  { vendor: 'Cloudflare Turnstile', pattern: /class="cf-turnstile|challenges\.cloudflare\.com\/turnstile/ },
  { vendor: 'Imperva', pattern: /_incapsula_resource|incapsula incident id/ },
  { vendor: 'Akamai', pattern: /errors\.edgesuite\.net|reference&#32;&#35;|\/_sec\/cp_challenge\// },
  { vendor: 'DataDome', pattern: /captcha-delivery\.com|var dd=\{/ },
  { vendor: 'queue', pattern: /queue-it\.net|queueit/ },
];

/** A quick look at the raw page before parsing: none of these, no challenge. */
const CHEAP_HINT =
  /cdn-cgi|_cf_chl|cloudflare|turnstile|moment|instant|v[ée]rif|verify|checking|incapsula|imperva|interruption|akamai|edgesuite|denied|datadome|captcha-delivery|queue|attente|waiting|blocked|bloqu|human|humain|security|s[ée]curit/i;

/**
 * Elements of the site's own content: the booking module, the platform's page
 * state, a planning week. A page carrying one is the site, whatever scripts
 * come with it.
 */
const OWN_CONTENT = '#FormBookingCreate, #inner_Booking, script#vui-init-data, rdv-captchetat, th[colspan="7"]';

/** A page with more visible text than this is the site: interstitials say a few sentences. */
const INTERSTITIAL_MAX_TEXT = 2_500;

/** The challenge a page is, or null when it is an ordinary page (whatever vendor scripts it loads). */
export function challengeOf(html: string): Challenge | null {
  if (!CHEAP_HINT.test(html)) return null;
  const $ = cheerio.load(html);
  if ($(OWN_CONTENT).length > 0) return null;
  const title = matchableText($('title').first().text());
  $('script, style, template').remove();
  const text = matchableText($('body').length > 0 ? $('body').text() : $.root().text());
  if (text.length > INTERSTITIAL_MAX_TEXT) return null;
  const raw = html.toLowerCase();
  const found =
    TITLES.find((sign) => sign.pattern.test(title)) ??
    WORDINGS.find((sign) => sign.pattern.test(text)) ??
    MARKUP.find((sign) => sign.pattern.test(raw));
  if (!found) return null;
  return {
    vendor: found.vendor,
    sign: found.pattern.exec(title)?.[0] ?? found.pattern.exec(text)?.[0] ?? found.pattern.exec(raw)?.[0] ?? '',
  };
}

/** Whether a page (any status) is an anti-bot challenge rather than the site. */
export function isChallengePage(html: string): boolean {
  return challengeOf(html) !== null;
}
