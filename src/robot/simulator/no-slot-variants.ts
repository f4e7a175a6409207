/**
 * Availability pages where the no-slot sentence is, or is not, the page's
 * answer (issue 8 §1). Each variant stands for a class of pages: the message
 * hidden, typed into a form control, quoted in an explanation, beside
 * something the page also offers; the real-world wordings (2025, English) and
 * maintenance notices anywhere in the main text. The simulator serves them in
 * place of the no-slot page; tests read them directly.
 */
import {
  calendarPage,
  conditionsPage,
  countersPage,
  NO_SLOT_CLASSIC,
  nextStepPage,
  noSlotPage,
  sitePage,
} from './legacy-pages.ts';

export type NoSlotVariant =
  | 'hidden-attribute'
  | 'display-none'
  | 'aria-hidden'
  | 'visibility-hidden'
  | 'quoted-sentence'
  | 'q-element'
  | 'blockquote'
  | 'textarea'
  | 'option'
  | 'input-value'
  | 'on-conditions'
  | 'on-next-step'
  | 'beside-calendar'
  | 'beside-counters'
  | 'beside-slot-link'
  | 'shown-and-hidden-next-button'
  | 'english'
  | 'please-try-later'
  | 'split-by-markup'
  | 'maintenance-en-cours'
  | 'actuellement-en-maintenance'
  | 'site-indisponible';

/** The outcome each variant must give, and why. */
export const NO_SLOT_VARIANTS: readonly {
  variant: NoSlotVariant;
  outcome: 'none' | 'unrecognized' | 'closed';
  label: string;
}[] = [
  { variant: 'hidden-attribute', outcome: 'unrecognized', label: 'the message in an element with `hidden`' },
  { variant: 'display-none', outcome: 'unrecognized', label: 'the message in `display:none`' },
  { variant: 'aria-hidden', outcome: 'unrecognized', label: 'the message with `aria-hidden`' },
  { variant: 'visibility-hidden', outcome: 'unrecognized', label: 'the message in `visibility:hidden`' },
  { variant: 'quoted-sentence', outcome: 'unrecognized', label: 'the message quoted in an explanation' },
  { variant: 'q-element', outcome: 'unrecognized', label: 'the message in a `<q>`' },
  { variant: 'blockquote', outcome: 'unrecognized', label: 'the message in a `<blockquote>`' },
  { variant: 'textarea', outcome: 'unrecognized', label: 'the message in a `<textarea>`' },
  { variant: 'option', outcome: 'unrecognized', label: 'the message in an `<option>`' },
  { variant: 'input-value', outcome: 'unrecognized', label: 'the message as an input value' },
  { variant: 'on-conditions', outcome: 'unrecognized', label: 'the message on the conditions page' },
  { variant: 'on-next-step', outcome: 'unrecognized', label: 'the message on a next-step form' },
  { variant: 'beside-calendar', outcome: 'unrecognized', label: 'the message beside a calendar' },
  { variant: 'beside-counters', outcome: 'unrecognized', label: 'the message beside counter choices' },
  { variant: 'beside-slot-link', outcome: 'unrecognized', label: 'the message beside a slot link' },
  {
    variant: 'shown-and-hidden-next-button',
    outcome: 'unrecognized',
    label: 'the message and a hidden next-step button',
  },
  { variant: 'english', outcome: 'none', label: 'the English message' },
  { variant: 'please-try-later', outcome: 'none', label: 'the message ending « Please try later »' },
  { variant: 'split-by-markup', outcome: 'none', label: 'the message split by inline markup and a line break' },
  { variant: 'maintenance-en-cours', outcome: 'closed', label: '« Maintenance en cours » above the no-slot form' },
  {
    variant: 'actuellement-en-maintenance',
    outcome: 'closed',
    label: '« … est actuellement en maintenance » at the end of the main text',
  },
  { variant: 'site-indisponible', outcome: 'closed', label: '« site indisponible » in the main text' },
];

/** The no-slot form with `inner` in place of the message. */
function noSlotForm(prefix: string, formId: string, inner: string, extra = ''): string {
  return sitePage(
    'Prise de rendez-vous',
    `<div id="inner_Booking">
  <h2>Vérification de disponibilité</h2>
  <form id="FormBookingCreate" action="${prefix}/booking/create/${formId}/2" method="post">${inner}<p id="submit_Booking"><input type="submit" name="finishButton" value="Terminer" class="Bbutton"/></p>${extra}</form>
</div>`,
  );
}

/** The page of a variant, in place of the no-slot page of form `formId`. */
export function noSlotVariantPage(variant: NoSlotVariant, prefix: string, formId: string): string {
  const message = NO_SLOT_CLASSIC;
  const paragraph = `<p class="message">${message}</p>`;
  switch (variant) {
    case 'hidden-attribute':
      return noSlotForm(prefix, formId, `<div hidden>${message}</div>`);
    case 'display-none':
      return noSlotForm(prefix, formId, `<p style="color:#333; display: none">${message}</p>`);
    case 'aria-hidden':
      return noSlotForm(prefix, formId, `<p aria-hidden="true">${message}</p>`);
    case 'visibility-hidden':
      return noSlotForm(prefix, formId, `<span style="visibility:hidden">${message}</span>`);
    case 'quoted-sentence':
      return noSlotForm(prefix, formId, `<p>Si le message « ${message} » s’affiche, revenez plus tard.</p>`);
    case 'q-element':
      return noSlotForm(prefix, formId, `<p><q>${message}</q></p>`);
    case 'blockquote':
      return noSlotForm(
        prefix,
        formId,
        `<p>Exemple de réponse du site :</p><blockquote><p>${message}</p></blockquote>`,
      );
    case 'textarea':
      return noSlotForm(
        prefix,
        formId,
        `<label for="remarque">Remarque</label><textarea id="remarque" name="remarque">${message}</textarea>`,
      );
    case 'option':
      return noSlotForm(
        prefix,
        formId,
        `<select name="motif"><option value="1">${message}</option><option value="2">Autre motif</option></select>`,
      );
    case 'input-value':
      return noSlotForm(prefix, formId, `<input type="text" name="statut" value="${message}"/>`);
    case 'on-conditions':
      return conditionsPage(prefix, formId).replace('<input type="checkbox"', `${paragraph}<input type="checkbox"`);
    case 'on-next-step':
      return nextStepPage(prefix, formId).replace('<p id="submit_Booking">', `${paragraph}<p id="submit_Booking">`);
    case 'beside-calendar':
      return calendarPage(prefix, formId, '1').replace('<div id="planning"', `${paragraph}<div id="planning"`);
    case 'beside-counters':
      return countersPage(prefix, formId, [{ id: '1', label: 'Guichet titres de séjour' }]).replace(
        '<p class="Bligne">',
        `${paragraph}<p class="Bligne">`,
      );
    case 'beside-slot-link':
      return noSlotForm(
        prefix,
        formId,
        message,
        `<p><a href="${prefix}/booking/create/${formId}/5/1779177600">Mardi 19 mai, 10 h</a></p>`,
      );
    case 'shown-and-hidden-next-button':
      return noSlotForm(
        prefix,
        formId,
        message,
        '<p hidden><input type="submit" name="nextButton" value="Etape suivante"/></p>',
      );
    case 'english':
      return noSlotForm(
        prefix,
        formId,
        'There is no more free time slot for your appointment request. Please try later.',
      );
    case 'please-try-later':
      return noSlotForm(
        prefix,
        formId,
        'Il n’existe plus de plage horaire libre pour votre demande de rendez-vous. Please try later.',
      );
    case 'split-by-markup':
      return noSlotForm(
        prefix,
        formId,
        '<strong>Il n&#39;existe plus de plage horaire libre</strong> pour votre demande de rendez-vous.<br/>Veuillez recommencer <em>ultérieurement</em>.',
      );
    case 'maintenance-en-cours':
      return noSlotPage(prefix, formId, 'classic').replace(
        '<main id="contenu">',
        '<main id="contenu">\n<p class="fr-alert">Maintenance en cours : la prise de rendez-vous reprendra prochainement.</p>',
      );
    case 'actuellement-en-maintenance':
      return noSlotPage(prefix, formId, 'classic').replace(
        '</main>',
        '<p>Le service de réservation est actuellement en maintenance.</p>\n</main>',
      );
    case 'site-indisponible':
      return noSlotPage(prefix, formId, 'classic').replace(
        '<main id="contenu">',
        '<main id="contenu">\n<div class="bandeau"><p>Site indisponible de 8 h à 12 h.</p></div>',
      );
  }
}
