/**
 * The legacy booking module's no-slot message, and the rule that makes it the
 * page's answer. A recorded « no slot » must be what a person sees as the
 * answer of the availability step: the message rendered on its own (not
 * hidden, not in a form control, not quoted inside a longer sentence), in the
 * booking form. Matching is on `matchableText` (lower case, no accents,
 * straight apostrophes, one space).
 */
import type * as cheerio from 'cheerio';
import { matchableText, readableText } from './page-text.ts';
import { textBlocks } from './visible-text.ts';

/** Any mention of the message, in French ("n'existe plus de plage horaire libre") or English. */
const NO_SLOT_CORE =
  /n'existe plus de plage horaire libre|there (?:is|are) no (?:more |longer (?:any )?)?(?:free |available )?(?:time ?)?slots?\b/;

/** The closing sentence: "recommencer" (classic), "réessayer" (2025), or the English "Please try later". */
const CLOSING = '(?:veuillez (?:recommencer|reessayer) (?:ulterieurement|plus tard)|please try (?:again )?later)';

/** The message and nothing else, with its known variants (the typo "votre a demande" included). */
const NO_SLOT_MESSAGES: readonly RegExp[] = [
  new RegExp(
    `^(?:il )?n'existe plus de plage horaire libre pour votre (?:a )?demande de rendez-vous ?[.!]?(?: ?${CLOSING} ?[.!]?)?$`,
  ),
  new RegExp(
    `^there (?:is|are) no (?:more |longer (?:any )?)?(?:free |available )?(?:time ?)?slots?(?: available| left)?(?: for (?:your|this) (?:appointment|booking)(?: request)?)? ?[.!]?(?: ?${CLOSING} ?[.!]?)?$`,
  ),
];

/** Whether a text mentions the no-slot message at all (quoted, hidden or shown). */
export function mentionsNoSlot(text: string): boolean {
  return NO_SLOT_CORE.test(matchableText(text));
}

/** Whether a block of text is the no-slot message alone. */
export function isNoSlotMessage(text: string): boolean {
  const matchable = matchableText(text);
  return NO_SLOT_MESSAGES.some((pattern) => pattern.test(matchable));
}

export type NoSlotAnswer = { kind: 'answer'; message: string } | { kind: 'not-an-answer'; reason: string };

/**
 * Reads the no-slot message in `container` of a visible document (see
 * visibleDocument): an answer when it is rendered on its own in a block of
 * the container, else the reason it is not the page's answer.
 */
export function noSlotAnswer($: cheerio.CheerioAPI, container: ReturnType<cheerio.CheerioAPI>): NoSlotAnswer {
  const blocks = container.length > 0 ? textBlocks($, container).filter((block) => mentionsNoSlot(block.text)) : [];
  if (blocks.length === 0)
    return {
      kind: 'not-an-answer',
      reason: 'no-slot wording that is not shown in the booking form (hidden, in a form control, or outside the form)',
    };
  if (blocks.some((block) => block.quoted))
    return { kind: 'not-an-answer', reason: 'no-slot wording quoted in the booking form' };
  const mixed = blocks.find((block) => !isNoSlotMessage(block.text));
  if (mixed) return { kind: 'not-an-answer', reason: 'no-slot wording inside a longer sentence' };
  return { kind: 'answer', message: readableText(blocks[0]!.text) };
}
