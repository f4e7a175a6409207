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
import { z } from 'zod';
import { closedNotice, hasCaptcha, isChallengePage } from '../page-signals.ts';
import { matchableText } from '../page-text.ts';
import { formatMinutes } from '../../lib/calendar.ts';

/** `DD/MM/YYYY`, the date format of the platform's JSON. */
const localDate = z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/, 'must be DD/MM/YYYY');

/** A bookable slot (`DtTrancheHoraire` of vertigo-planning). */
const trancheSchema = z.looseObject({
  trhId: z.union([z.string(), z.number()]),
  dateLocale: localDate,
  /** Minutes since midnight; the front end also accepts "HH:MM". */
  minutesDebut: z.union([z.number().int().min(0).max(24 * 60 - 1), z.string().regex(/^\d{1,2}:\d{2}$/)]),
});

/** Search criteria (`DtCritereTrancheHoraire`); `datePremiereDispo` is "" when nothing is free. */
const critereSchema = z.looseObject({
  datePremiereDispo: z.union([z.literal(''), localDate]),
  premierJour: localDate.optional(),
  dateMin: localDate.optional(),
  dateMax: localDate.optional(),
});

/** A publication of new slots (`DtPublicationRange`). */
const publicationSchema = z.looseObject({
  dateMin: localDate.optional(),
  dateMax: localDate.optional(),
  instantPublication: z.string().regex(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/, 'must be DD/MM/YYYY HH:mm').optional(),
});

const slotStateSchema = z.looseObject({
  critere: critereSchema,
  tranches: z.array(trancheSchema).optional(),
  precedentePub: publicationSchema.nullish(),
  prochainePub: publicationSchema.nullish(),
});

/** A slot, in the project's forms. */
export interface RdvSlot {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:MM`. */
  time: string;
}

/** When slots were and will be published (`DD/MM/YYYY HH:mm` as on the site), for the detail. */
export interface Publications {
  previous: string | null;
  next: string | null;
}

export type SlotPage =
  | { kind: 'slots'; first: RdvSlot; second: RdvSlot | null; publications: Publications; note: string }
  | { kind: 'none'; publications: Publications }
  | { kind: 'unrecognized'; reason: string };

/** The JSON state of a Vertigo-UI page, or null when there is none or it is not JSON. */
export function readVuiInitData(html: string): unknown {
  const $ = cheerio.load(html);
  const script = $('script#vui-init-data').first();
  if (script.length === 0) return null;
  try {
    return JSON.parse(script.text()) as unknown;
  } catch {
    return null;
  }
}

/**
 * Reads the slot page (`/creneau/`). `none` only when the state says so
 * explicitly (`datePremiereDispo` is "" and no slot is listed); slots listed
 * this week give the first two; none this week but a `datePremiereDispo`
 * gives that date as the first (the second is then unknown).
 */
export function parseSlotPage(html: string): SlotPage {
  const state = readVuiInitData(html);
  if (state === null) return { kind: 'unrecognized', reason: 'no readable vui-init-data JSON' };
  const vueData = (state as { vueData?: unknown }).vueData;
  const parsed = slotStateSchema.safeParse(vueData);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { kind: 'unrecognized', reason: `vui-init-data: ${issue.path.join('.') || 'vueData'} ${issue.message}` };
  }
  const { critere, tranches = [], precedentePub, prochainePub } = parsed.data;
  const publications: Publications = { previous: precedentePub?.instantPublication ?? null, next: prochainePub?.instantPublication ?? null };
  const slots = tranches.map(toSlot).sort((a, b) => (a.date + a.time).localeCompare(b.date + b.time));
  if (slots.some((slot) => slot.date === '')) return { kind: 'unrecognized', reason: 'a slot with an impossible date' };
  if (critere.datePremiereDispo === '') {
    if (slots.length > 0) return { kind: 'unrecognized', reason: 'slots listed while datePremiereDispo is empty' };
    return { kind: 'none', publications };
  }
  const premiereDispo = isoDate(critere.datePremiereDispo);
  if (premiereDispo === '') return { kind: 'unrecognized', reason: 'datePremiereDispo is not an existing day' };
  const [first, second] = slots;
  if (first) return { kind: 'slots', first, second: second ?? null, publications, note: '' };
  return { kind: 'slots', first: { date: premiereDispo, time: '' }, second: null, publications, note: `next availability ${critere.datePremiereDispo}, later slots not read` };
}

function toSlot(tranche: z.infer<typeof trancheSchema>): RdvSlot {
  const minutes = tranche.minutesDebut;
  const time = typeof minutes === 'number' ? formatMinutes(minutes) : minutes.padStart(5, '0');
  return { date: isoDate(tranche.dateLocale), time };
}

/** `DD/MM/YYYY` to `YYYY-MM-DD`, or "" when that day does not exist. */
export function isoDate(localDay: string): string {
  const [day, month, year] = localDay.split('/');
  const iso = `${year}-${month}-${day}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso ? iso : '';
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
  $('script, style, noscript, template').remove();
  const text = $('body').length > 0 ? $('body').text() : $.root().text();
  const closed = closedNotice(text);
  if (closed) return { kind: 'closed', notice: closed };
  if (hasCaptcha(html)) return { kind: 'captcha' };
  if (state?.vueData?.critere !== undefined) return { kind: 'slot-page' };
  const toTerms = $(`a[href*="/demarche/${demarcheId}/cgu"], a[href$="cgu/"], a[href$="cgu"]`).length > 0;
  if (toTerms || matchableText(text).includes('prendre un rendez-vous')) return { kind: 'landing' };
  return { kind: 'unrecognized', reason: state === null ? 'page without vui-init-data state' : 'page of an unknown kind' };
}

/** The demarche id of a platform URL, or null. */
export function parseDemarcheAddress(url: string): { origin: string; demarcheId: string; base: string } | null {
  const parsed = new URL(url);
  const match = /^(.*?\/rdvpref\/reservation\/demarche\/(\d+))(?:\/|$)/.exec(parsed.pathname);
  if (!match) return null;
  return { origin: parsed.origin, demarcheId: match[2]!, base: `${parsed.origin}${match[1]}/` };
}
