/**
 * Pages of the simulated RDV-Préfecture platform, built from the reconstructed
 * fixtures of booking-systems.md §3.8: the landing page, the terms page with
 * its CaptchEtat element, and the slot page whose state is the JSON of
 * `script#vui-init-data` (key names below `vueData` other than `critere` are
 * assumed in the document, modelled on the vertigo-planning DTOs).
 */

import { addDays, mondayOf, parisDay, parisMinute } from '../../lib/calendar.ts';

/** `2026-05-19` → `19/05/2026`. */
function localDate(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

function vuiInitData(vueData: unknown): string {
  // `</` cannot appear inside the script element.
  const json = JSON.stringify({
    vueData,
    componentStates: {},
    uiMessageStack: { globalErrors: [], objectFieldErrors: {} },
    vuiLang: 'fr',
  }).replace(/<\//g, '<\\/');
  return `<script id="vui-init-data" type="application/json">${json}</script>`;
}

function platformPage(title: string, content: string, vueData: unknown): string {
  return `<!DOCTYPE html>
<html lang="fr" data-fr-scheme="system">
<head><meta charset="utf-8"><title>${title} - RDV-Préfecture (simulateur)</title></head>
<body>
<header class="fr-header"><p class="fr-header__service-title">Rendez-vous en préfecture (simulateur)</p></header>
<div id="page">
${content}
</div>
${vuiInitData(vueData)}
<script src="/rdvpref/static/js/vertigo-ui-mpa.js"></script>
</body>
</html>
`;
}

/** The procedure's landing page, with the button to the terms. */
export function landingPage(demarcheId: string, name: string): string {
  return platformPage(
    'Prendre un rendez-vous',
    `<h1>${name}</h1>
<p>Constituez votre dossier avant de prendre rendez-vous.</p>
<a class="fr-btn q-btn bg-primary text-white" href="/rdvpref/reservation/demarche/${demarcheId}/cgu/">Prendre un rendez-vous</a>`,
    { CTX: `ctx-${demarcheId}` },
  );
}

/**
 * The terms page with the CaptchEtat element (fixture `rdvpref_cgu.html`, and
 * `rdvpref_cgu_invalid.html` when `invalid`). The simulated captcha shows its
 * code as text where the real one shows an image, so that a test can answer
 * it as a person would, by reading it; the robot never does.
 */
export function termsPage(demarcheId: string, token: string, invalid: boolean, shownCode = ''): string {
  const error = invalid
    ? '<p id="text-input-captcha-desc-error" class="fr-error-text">Le code de sécurité saisi est incorrect</p>'
    : '';
  return platformPage(
    'Conditions générales d’utilisation',
    `<form method="post" action="/rdvpref/reservation/demarche/${demarcheId}/cgu/">
  <p>Pour continuer, veuillez recopier le code de sécurité affiché ci-dessous.</p>
  <rdv-captchetat endpoint-url="https://api.piste.gouv.fr/piste/captcha/simple-captcha-endpoint" captcha-style-name="captchaFR" token="${token}"></rdv-captchetat>
  ${shownCode ? `<p>Code de sécurité (simulateur, affiché en clair) : <span class="BDC_CaptchaImage" id="captchaFR_CaptchaImage">${shownCode}</span></p>` : ''}
  <label for="captchaFormulaireExtInput">Code de sécurité</label>
  <input type="text" id="captchaFormulaireExtInput" name="captchaUsercode" maxlength="12"/>
  <input type="hidden" name="captchaId" value="sim-${token.slice(0, 8)}"/>
  ${error}
  <button type="submit" class="fr-btn q-btn" formaction="/rdvpref/reservation/demarche/${demarcheId}/_validerCaptcha">Suivant</button>
</form>`,
    { CTX: `ctx-${demarcheId}` },
  );
}

/**
 * The slot page (fixtures `rdvpref_creneau_slots.html`, `rdvpref_creneau_none.html`,
 * `rdvpref_creneau_none_this_week.html`): the current week's slots, the first
 * availability, and the previous and next publications.
 */
export function slotPage(demarcheId: string, slots: readonly Date[], now: Date): string {
  const today = parisDay(now);
  const monday = mondayOf(today);
  const weekSlots = slots.filter((slot) => parisDay(slot) <= addDays(monday, 6));
  const first = slots[0];
  const publication = (day: string) => `${localDate(day)} 11:58`;
  const tranches = weekSlots.map((slot, index) => {
    const [hours, minutes] = parisMinute(slot).split(':').map(Number) as [number, number];
    return {
      trhId: String(998_877 + index),
      dateLocale: localDate(parisDay(slot)),
      minutesDebut: hours * 60 + minutes,
      minutesFin: hours * 60 + minutes + 15,
    };
  });
  const vueData = {
    CTX: `ctx-${demarcheId}`,
    critere: {
      ageIds: [123],
      premierJour: localDate(monday),
      dateMin: localDate(today),
      minutesMin: 0,
      dateMax: localDate(addDays(monday, 41)),
      datePremiereDispo: first ? localDate(parisDay(first)) : '',
    },
    tranches,
    precedentePub: {
      dateMin: localDate(monday),
      dateMax: localDate(addDays(monday, 4)),
      instantPublication: publication(addDays(monday, -14)),
    },
    prochainePub: {
      dateMin: localDate(addDays(monday, 7)),
      dateMax: localDate(addDays(monday, 11)),
      instantPublication: publication(addDays(monday, 7)),
    },
  };
  const rendered =
    weekSlots.length > 0
      ? weekSlots
          .map(
            (slot, index) =>
              `<div class="column col items-center blocCreneauSelection"><h3 class="celulleHeader text-bold text-center">${localDate(parisDay(slot)).slice(0, 5)}</h3><ul><li class="row cellule justify-center radio-card"><input type="radio" name="trhId" id="trhId_${998_877 + index}" data-value="${998_877 + index}"/><label class="fr-label" for="trhId_${998_877 + index}">${parisMinute(slot).replace(':', 'h')}</label></li></ul></div>`,
          )
          .join('\n')
      : first
        ? `<div class="text-center q-pa-md">Aucun créneau disponible sur cette semaine</div><button class="q-btn">Prochaine disponibilité le ${localDate(parisDay(first))}</button>`
        : '<div class="text-center q-pa-md">Aucun créneau disponible à partir de cette date.<br/>Veuillez réessayer ultérieurement.</div>';
  return platformPage(
    'Choix du créneau',
    `<h2>Choisissez votre créneau</h2>
${rendered}
<span class="fr-text--italic fr-text--bold">Prochaine mise en ligne de nouveaux rendez-vous : le ${publication(addDays(monday, 7)).replace(' ', ' à ')}</span>`,
    vueData,
  );
}

/** The platform's own closed notice (assumed wording). */
export function platformClosedPage(): string {
  return platformPage(
    'Service indisponible',
    '<h1>Service momentanément indisponible</h1><p>Le service est momentanément indisponible. Veuillez réessayer ultérieurement.</p>',
    {},
  );
}
