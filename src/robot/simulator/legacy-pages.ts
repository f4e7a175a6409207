/**
 * Pages of the simulated legacy booking module, built from the reconstructed
 * fixtures of booking-systems.md §2.8 (ids, classes, field names, button values
 * and messages all have a source there). Parts marked "assumed" in the
 * document are marked the same way here.
 */
import { addDays, pad, parisDay, parisMinute } from '../../lib/calendar.ts';

const FRENCH_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const FRENCH_DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const SHORT_DAYS = ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'];

export const NO_SLOT_CLASSIC =
  "Il n'existe plus de plage horaire libre pour votre demande de rendez-vous. Veuillez recommencer ultérieurement.";
const NO_SLOT_2025 =
  'Il n’existe plus de plage horaire libre pour votre demande de rendez-vous. Veuillez réessayer ultérieurement.';

/** The departmental site's frame around the booking module (assumed). */
export function sitePage(title: string, content: string, charset = 'utf-8', head = ''): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="${charset}"><title>${title} - Les services de l'État (simulateur)</title>${head}</head>
<body>
<header><p class="site-name">Les services de l'État — site simulé</p>
<nav><a href="/">Accueil</a> <a href="/Actualites">Actualités</a> <a href="/Demarches">Démarches</a></nav></header>
<main id="contenu">
${content}
</main>
<footer><p>Mentions légales · Données personnelles · Accessibilité : partiellement conforme · Plan du site</p></footer>
</body>
</html>
`;
}

function bookingPath(prefix: string, formId: string, step: number | string): string {
  return `${prefix}/booking/create/${formId}/${step}`;
}

/** Step 0: the conditions (fixture `legacy_step0_conditions.html`). */
export function conditionsPage(prefix: string, formId: string, options: { captcha?: boolean } = {}): string {
  const captcha = options.captcha
    ? `<div class="g-recaptcha" data-sitekey="6LcIY58UAAAAAFhtNq8BzG8mriWbWtafuI3WhIL7"></div><script src="https://www.google.com/recaptcha/api.js" async defer></script>`
    : '';
  return sitePage(
    'Prise de rendez-vous',
    `<div id="inner_Booking">
  <h2>Prise de rendez-vous</h2>
  <img src="/bundles/booking/images/etape_1r.png" alt=""/>
  <form id="FormBookingCreate" action="${bookingPath(prefix, formId, 0)}" method="post">
    <p>Les informations recueillies font l'objet d'un traitement informatique destiné à la gestion des rendez-vous.</p>
    <input type="checkbox" name="condition" id="condition"/>
    <label for="condition">Veuillez cocher la case pour accepter les conditions d'utilisation avant de continuer le processus de prise de rendez-vous.</label>
    ${captcha}
    <p id="submit_Booking">
      <input type="submit" name="nextButton" value="Effectuer une demande de rendez-vous" class="Bbutton"/>
    </p>
  </form>
</div>`,
  );
}

/** Step 1: the counters (fixture `legacy_step1_guichets.html`). */
export function countersPage(
  prefix: string,
  formId: string,
  counters: readonly { id: string; label: string }[],
): string {
  const lines = counters
    .map(
      (counter) =>
        `    <p class="Bligne"><input type="radio" name="planning" id="planning${counter.id}" value="${counter.id}"/><label for="planning${counter.id}">${counter.label}</label></p>`,
    )
    .join('\n');
  return sitePage(
    'Prise de rendez-vous',
    `<div id="inner_Booking">
  <h2>Choix de la nature du rendez-vous</h2>
  <form id="FormBookingCreate" action="${bookingPath(prefix, formId, 1)}" method="post">
${lines}
    <p id="submit_Booking"><input type="submit" name="nextButton" value="Etape suivante" class="Bbutton"/></p>
  </form>
</div>`,
  );
}

/** A redesigned counter page: what a layout change looks like to the robot. */
export function changedLayoutCountersPage(
  prefix: string,
  formId: string,
  counters: readonly { id: string; label: string }[],
): string {
  const radios = counters
    .map(
      (counter) =>
        `<div class="fr-radio-group"><input type="radio" name="guichet" id="guichet-${counter.id}" value="${counter.id}"><label class="fr-label" for="guichet-${counter.id}">${counter.label}</label></div>`,
    )
    .join('\n');
  return sitePage(
    'Prendre rendez-vous',
    `<div class="fr-container"><h1>Prendre rendez-vous</h1>
<form class="fr-form" action="${prefix}/rendez-vous/${formId}/guichet" method="post"><fieldset class="fr-fieldset"><legend>Choisissez un guichet</legend>
${radios}
</fieldset><button type="submit" class="fr-btn">Continuer</button></form></div>`,
  );
}

/** The no-slot page (fixture `legacy_step2_no_slot.html`); `cut` truncates it before the message. */
export function noSlotPage(
  prefix: string,
  formId: string,
  wording: 'classic' | '2025',
  options: { cut?: boolean } = {},
): string {
  const message = wording === '2025' ? NO_SLOT_2025 : NO_SLOT_CLASSIC;
  const page = sitePage(
    'Prise de rendez-vous',
    `<div id="inner_Booking">
  <h2>Vérification de disponibilité</h2>
  <form id="FormBookingCreate" action="${bookingPath(prefix, formId, 2)}" method="post">${message}<p id="submit_Booking"><input type="submit" name="finishButton" value="Terminer" class="Bbutton"/></p></form>
</div>`,
  );
  return options.cut ? page.slice(0, page.indexOf(message) + 8) : page;
}

/** An intermediate step with only "Etape suivante" (step 3 of some forms). */
export function nextStepPage(prefix: string, formId: string): string {
  return sitePage(
    'Prise de rendez-vous',
    `<div id="inner_Booking">
  <h2>Nature du rendez-vous</h2>
  <img src="/bundles/booking/images/etape_3r.png" alt=""/>
  <form id="FormBookingCreate" action="${bookingPath(prefix, formId, 3)}" method="post">
    <p>Rendez-vous pour le dépôt d'une demande de titre de séjour.</p>
    <p id="submit_Booking"><input type="submit" name="nextButton" value="Etape suivante" class="Bbutton"/></p>
  </form>
</div>`,
  );
}

/**
 * The calendar step (step 4). Sourced: the active-step image `etape_4r.png`,
 * the form action ending in `/4`, the button "Première plage horaire libre";
 * the container and script loading the weeks are assumed.
 */
export function calendarPage(prefix: string, formId: string, planningId: string): string {
  const ajax = `${prefix}/ezjscore/call/bookingserver::planning::assign::${formId}::${planningId}::`;
  return sitePage(
    'Prise de rendez-vous',
    `<div id="inner_Booking">
  <h2>Choix d'une plage horaire</h2>
  <img src="/bundles/booking/images/etape_4r.png" alt=""/>
  <form id="FormBookingCreate" action="${bookingPath(prefix, formId, 4)}" method="post">
    <div id="planning" data-url="${ajax}"><!-- assumed: weeks loaded by script --></div>
    <p id="submit_Booking"><input type="submit" name="nextButton" value="Première plage horaire libre" class="Bbutton"/></p>
  </form>
</div>
<script>var planningUrl = '${ajax}'; /* assumed */</script>`,
  );
}

/**
 * One planning week (fixture `legacy_planning_week_with_slots.html`): the
 * header in `th[colspan=7]`, one link per free slot to `/5/{unixTimestamp}`,
 * and a single `libre` in the legend when the week is empty.
 */
export function planningWeekFragment(
  prefix: string,
  formId: string,
  weekStart: string,
  slots: readonly Date[],
  locale: 'fr' | 'en',
): string {
  const weekEnd = addDays(weekStart, 6);
  const header =
    locale === 'en'
      ? `Week from ${longDay(weekStart)} to ${longDay(weekEnd)}`
      : `Semaine du ${longDay(weekStart)} au ${longDay(weekEnd)}`;
  const days = Array.from({ length: 7 }, (_, index) => addDays(weekStart, index));
  const byDay = days.map((day) => slots.filter((slot) => parisDay(slot) === day));
  const rowCount = Math.max(1, ...byDay.map((list) => list.length));
  const rows = Array.from({ length: rowCount }, (_, row) => {
    const cells = byDay.map((list) => {
      const slot = list[row];
      return slot
        ? `<td><a href="${prefix}/booking/create/${formId}/5/${Math.floor(slot.getTime() / 1000)}" title="plage libre ${parisMinute(slot)}">libre</a></td>`
        : '<td>complet</td>';
    });
    return `    <tr>${cells.join('')}</tr>`;
  });
  const columns = days
    .map((day) => `<th>${SHORT_DAYS[weekday(day)]} ${day.slice(8, 10)}/${day.slice(5, 7)}</th>`)
    .join('');
  return `<table class="planning">
  <thead><tr><th colspan="7">${header}</th></tr>
    <tr>${columns}</tr></thead>
  <tbody>
${rows.join('\n')}
  </tbody>
</table>
<div class="legende">Légende : <span>libre</span> <span>complet</span></div>
`;
}

function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** `lundi 27 avril 2020` */
function longDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return `${FRENCH_DAYS[weekday(day)]} ${pad(date)} ${FRENCH_MONTHS[month - 1]} ${year}`;
}

/** "Attention : Cette page n'est pas disponible pour le moment !" (73k05/comed-back). */
export function closedPage(): string {
  return sitePage(
    'Prise de rendez-vous',
    `<div id="inner_Booking"><h2>Prise de rendez-vous</h2><p class="alert">Attention : Cette page n'est pas disponible pour le moment !</p></div>`,
  );
}

export function maintenancePage(): string {
  return sitePage(
    'Maintenance',
    `<h1>Site en maintenance</h1><p>Le site est en maintenance. Merci de revenir plus tard.</p>`,
  );
}

/** `<h1>Service surchargé</h1>`, served with status 200. */
export function overloadedPage(): string {
  return sitePage(
    'Service surchargé',
    `<h1>Service surchargé</h1><p>Le service est actuellement surchargé. Merci de réessayer plus tard.</p>`,
  );
}

/** An unrelated page of the site, where a retired form may redirect. */
export function unrelatedPage(): string {
  return sitePage('Actualités', `<h1>Le site évolue</h1><p>Retrouvez toutes les actualités de la préfecture.</p>`);
}
