/**
 * Pure readers of RDV-Préfecture pages (`/rdvpref/reservation/demarche/{id}/…`).
 * The platform is a Vertigo-UI application: each page carries its state as
 * JSON in `<script id="vui-init-data">`. The slot page is read from that JSON
 * (`critere.datePremiereDispo`, `tranches`, publication dates), never from
 * template text that may be hidden by the client-side rendering
 * (booking-systems.md §3.4). The robot itself stops at the captcha; this
 * parser serves pages obtained another way.
 */
import * as cheerio from 'cheerio';
import { closedNotice, hasCaptcha, isChallengePage } from '../page-signals.ts';
import { matchableText } from '../page-text.ts';
import { visibleDocument } from '../visible-text.ts';
import { readSlotState, type Publications, type RdvSlot } from '../../lib/rdv-slot-state.ts';

export type { Publications };

export type SlotPage =
  | { kind: 'slots'; first: RdvSlot; second: RdvSlot | null; publications: Publications; note: string }
  | { kind: 'none'; publications: Publications }
  | { kind: 'unrecognized'; reason: string };

/** The text of `script#vui-init-data`, or null when the page has none. */
export function vuiInitDataText(html: string): string | null {
  const script = cheerio.load(html)('script#vui-init-data').first();
  return script.length === 0 ? null : script.text();
}

/** The JSON state of a Vertigo-UI page, or null when there is none or it is not JSON. */
function readVuiInitData(html: string): unknown {
  const text = vuiInitDataText(html);
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * Reads the slot page (`/creneau/`) with the one slot-state reader of
 * src/lib (shared with the volunteers' bookmarklet and `npm run observe`).
 */
export function parseSlotPage(html: string): SlotPage {
  const state = readSlotState(vuiInitDataText(html));
  if (state.kind === 'none') {
    const conflicts = renderedOffers(html);
    if (conflicts.length > 0)
      return { kind: 'unrecognized', reason: `the state says no slot but the page shows ${conflicts.join(' and ')}` };
  }
  if (state.kind !== 'slots') return state;
  const { first, second, publications, note } = state;
  return { kind: 'slots', first, second, publications, note };
}

/**
 * What the rendered slot page offers, which contradicts a state without any
 * slot: slot choices (`trhId_…` radios) or a next availability.
 */
function renderedOffers(html: string): string[] {
  const $ = cheerio.load(html);
  const offers: string[] = [];
  if ($('input[id^="trhId_"], input[name="trhId"]').length > 0) offers.push('slot choices');
  const visible = visibleDocument(html);
  if (matchableText(visible('body').text()).includes('prochaine disponibilite')) offers.push('a next availability');
  return offers;
}

export type RdvPage =
  | { kind: 'blocked' }
  | { kind: 'closed'; notice: string }
  | { kind: 'captcha' }
  /** A page with the slot state (`critere` in vui-init-data). */
  | { kind: 'slot-page' }
  /** The procedure's landing page, leading to the terms (`cgu/`). */
  | { kind: 'landing' }
  | { kind: 'unrecognized'; reason: string };

/** Classifies a page of the platform by content. */
export function classifyRdvPage(html: string, demarcheId: string): RdvPage {
  if (isChallengePage(html)) return { kind: 'blocked' };
  const $ = cheerio.load(html);
  const state = readVuiInitData(html) as { vueData?: { critere?: unknown } } | null;
  const visible = visibleDocument(html);
  const text = visible('body').length > 0 ? visible('body').text() : visible.root().text();
  const closed = closedNotice(text);
  if (closed) return { kind: 'closed', notice: closed };
  if (hasCaptcha(html)) return { kind: 'captcha' };
  if (state?.vueData?.critere !== undefined) return { kind: 'slot-page' };
  const toTerms = $(`a[href*="/demarche/${demarcheId}/cgu"], a[href$="cgu/"], a[href$="cgu"]`).length > 0;
  if (toTerms || matchableText(text).includes('prendre un rendez-vous')) return { kind: 'landing' };
  return {
    kind: 'unrecognized',
    reason: state === null ? 'page without vui-init-data state' : 'page of an unknown kind',
  };
}

/** The demarche id of a platform URL, or null. */
export function parseDemarcheAddress(url: string): { origin: string; demarcheId: string; base: string } | null {
  const parsed = new URL(url);
  const match = /^(.*?\/rdvpref\/reservation\/demarche\/(\d+))(?:\/|$)/.exec(parsed.pathname);
  if (!match) return null;
  return { origin: parsed.origin, demarcheId: match[2]!, base: `${parsed.origin}${match[1]}/` };
}
