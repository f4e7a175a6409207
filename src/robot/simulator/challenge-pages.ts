/**
 * Anti-bot pages as the vendors serve them, modelled on their public
 * structure (titles, forms, script paths, wording): the interstitials the
 * robot must read as `blocked`, and the loaders the same vendors add to
 * ordinary pages, which the robot must ignore. No vendor's markup is copied;
 * only the elements a reader relies on are kept, plus the bulk real pages
 * carry (hundreds of kilobytes of inline style before the markers).
 */

export type ChallengeVendor =
  | 'cloudflare'
  | 'cloudflare-fr'
  | 'cloudflare-bot-fight'
  | 'cloudflare-blocked'
  | 'turnstile'
  | 'queue-it'
  | 'queue-fr'
  | 'imperva'
  | 'akamai'
  | 'datadome';

export const CHALLENGE_VENDORS: readonly ChallengeVendor[] = [
  'cloudflare',
  'cloudflare-fr',
  'cloudflare-bot-fight',
  'cloudflare-blocked',
  'turnstile',
  'queue-it',
  'queue-fr',
  'imperva',
  'akamai',
  'datadome',
];

/** Inline style as long as `bytes`, as challenge pages carry before their content. */
function inlineStyle(bytes: number): string {
  const rule = '.main-wrapper{display:flex;flex:1;flex-direction:column;align-items:center}';
  return `<style>${rule.repeat(Math.ceil(bytes / rule.length))}</style>`;
}

/** An interstitial challenge page of `vendor`, with `padding` bytes of inline style in its head. */
export function challengeInterstitial(vendor: ChallengeVendor, padding = 0): string {
  const page = (title: string, head: string, body: string, lang = 'en') =>
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>${inlineStyle(padding)}${head}</head><body>${body}</body></html>\n`;
  switch (vendor) {
    case 'cloudflare':
      return page(
        'Just a moment...',
        '<meta name="robots" content="noindex,nofollow">',
        `<div class="main-wrapper" role="main"><div class="main-content"><h1 class="zone-name-title h1">www.prefecture.example</h1><h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2><noscript><div class="h2">Enable JavaScript and cookies to continue</div></noscript><div id="challenge-body-text" class="core-msg spacer">www.prefecture.example needs to review the security of your connection before proceeding.</div><form id="challenge-form" action="/booking/create/1/0?__cf_chl_f_tk=abc" method="POST" enctype="application/x-www-form-urlencoded"><input type="hidden" name="md" value="x"></form></div></div><script>(function(){window._cf_chl_opt={cvId:'3',cZone:'www.prefecture.example',cType:'managed'};var a=document.createElement('script');a.src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray=8a1';document.getElementsByTagName('head')[0].appendChild(a);}());</script>`,
      );
    case 'cloudflare-fr':
      return page(
        'Un instant…',
        '',
        `<div class="main-wrapper" role="main"><div class="main-content"><h1>www.prefecture.example</h1><p id="challenge-running">Vérification de sécurité en cours</p><p>Vérification en cours… Cela peut prendre quelques secondes.</p><noscript>Activez JavaScript et les cookies pour continuer</noscript></div></div><script>window._cf_chl_opt={cType:'managed'};</script>`,
        'fr',
      );
    case 'cloudflare-bot-fight':
      return page(
        'www.prefecture.example',
        '<script src="/cdn-cgi/bm/cv/669835187/api.js"></script>',
        '<div id="cf-content"></div><noscript>Please enable cookies.</noscript>',
      );
    case 'cloudflare-blocked':
      return page(
        'Attention Required! | Cloudflare',
        '',
        `<div id="cf-wrapper"><div id="cf-error-details" class="cf-error-details-wrapper"><h1 data-translate="block_headline">Sorry, you have been blocked</h1><h2 class="cf-subheadline">You are unable to access prefecture.example</h2><p>This website is using a security service to protect itself from online attacks.</p><p>Cloudflare Ray ID: <strong>8a1</strong></p></div></div>`,
      );
    case 'turnstile':
      return page(
        'www.prefecture.example',
        '<script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer></script>',
        '<main><h1>www.prefecture.example</h1><p>Verify you are human by completing the action below.</p><form method="post"><div class="cf-turnstile" data-sitekey="0x4AAAAAAA"></div></form></main>',
      );
    case 'queue-it':
      return page(
        'Queue-it',
        '<script src="https://static.queue-it.net/script/queueclient.min.js"></script>',
        '<div id="MainPart"><h1>You are now in line.</h1><p>Thank you for your patience. When it is your turn, you will have 10 minutes to enter the website.</p></div>',
      );
    case 'queue-fr':
      return page(
        "Salle d'attente",
        '',
        "<div><h1>Vous êtes dans la file d'attente</h1><p>Merci de patienter : vous accéderez au service dès que ce sera votre tour. Ne rafraîchissez pas la page.</p></div>",
        'fr',
      );
    case 'imperva':
      return page(
        'Pardon Our Interruption',
        '',
        `<div class="container"><h1>Pardon Our Interruption</h1><p>As you were browsing something about your browser made us think you were a bot.</p><p>Request unsuccessful. Incapsula incident ID: 1234000-5678</p></div><iframe style="display:none;visibility:hidden;" src="//_Incapsula_Resource?CWUDNSAI=9&amp;xinfo=1"></iframe>`,
      );
    case 'akamai':
      return page(
        'Access Denied',
        '',
        `<h1>Access Denied</h1>You don't have permission to access "http&#58;&#47;&#47;www&#46;prefecture&#46;example&#47;booking&#47;create&#47;1" on this server.<p>Reference&#32;&#35;18&#46;7a3c&#46;1700000000&#46;1f</p><p>https&#58;&#47;&#47;errors&#46;edgesuite&#46;net&#47;18&#46;7a3c</p>`,
      );
    case 'datadome':
      return page(
        'prefecture.example',
        `<script data-cfasync="false">var dd={'rt':'c','cid':'AHrlqAAAAAMA','hsh':'4980A61','t':'fe','host':'geo.captcha-delivery.com'}</script><script data-cfasync="false" src="https://ct.captcha-delivery.com/c.js"></script>`,
        '<iframe src="https://geo.captcha-delivery.com/captcha/?initialCid=AHrlqAAAAAMA" title="DataDome CAPTCHA" width="100%" height="100%" style="height:100vh;" frameborder="0"></iframe>',
      );
  }
}

/** Loaders and mentions that vendors and sites put on ordinary pages: none makes the page a challenge. */
export type VendorLoader = 'cloudflare-jsd' | 'datadome-tag' | 'akamai-script' | 'turnstile-mention';

export const VENDOR_LOADERS: readonly VendorLoader[] = [
  'cloudflare-jsd',
  'datadome-tag',
  'akamai-script',
  'turnstile-mention',
];

/** The loader's markup, to add before `</body>` of an ordinary page. */
function vendorLoader(loader: VendorLoader): string {
  switch (loader) {
    case 'cloudflare-jsd':
      // Cloudflare's JavaScript detections: a hidden iframe that loads /cdn-cgi/challenge-platform/scripts/jsd/main.js.
      return `<script>(function(){function c(){var b=a.contentDocument||a.contentWindow.document;if(b){var d=b.createElement('script');d.innerHTML="window.__CF$cv$params={r:'8a1',t:'MTcwMDAwMDAwMA=='};var a=document.createElement('script');a.nonce='';a.src='/cdn-cgi/challenge-platform/scripts/jsd/main.js';document.getElementsByTagName('head')[0].appendChild(a);";b.getElementsByTagName('head')[0].appendChild(d)}}if(document.body){var a=document.createElement('iframe');a.height=1;a.width=1;a.style.position='absolute';a.style.top=0;a.style.left=0;a.style.border='none';a.style.visibility='hidden';document.body.appendChild(a);c()}})();</script>`;
    case 'datadome-tag':
      return `<script>window.ddjskey='ABC';window.ddoptions={};</script><script src="https://js.datadome.co/tags.js" async></script>`;
    case 'akamai-script':
      return `<script type="text/javascript" src="/akam/13/2a5b6c7d" defer></script><noscript><img src="/akam/13/pixel_2a5b6c7d?a=dD0x" style="visibility: hidden; position: absolute; left: -999px; top: -999px;" /></noscript>`;
    case 'turnstile-mention':
      return `<p class="hebergement">Site protégé par Cloudflare (Turnstile, file d'attente et vérification de sécurité en cas de forte affluence).</p>`;
  }
}

/** An ordinary page with a vendor's loader added before `</body>`. */
export function withVendorLoader(html: string, loader: VendorLoader): string {
  return html.includes('</body>')
    ? html.replace('</body>', `${vendorLoader(loader)}</body>`)
    : `${html}${vendorLoader(loader)}`;
}
